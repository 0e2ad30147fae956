"""reference/: the province, its org units (agencies.csv) and holidays.

Unit codes follow the national scheme (QCVN 102:2016/BTTTT) used by the
one-stop software: `<level4>.<level3>.<level2>.H55`, H55 = Sóc Trăng.
Departments and districts are level 2 under the province (000.00.NN.H55),
communes and district offices level 3 (000.CC.DD.H55), district schools level 4.
The 11 district-level units and 109 communes are Sóc Trăng's real ones (2020).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .targets import PROVINCE_CODE, PROVINCE_NAME, PUBLIC_UNITS, UNIT_SUFFIX


def code(l4: int, l3: int, l2: int) -> str:
    return f"{l4:03d}.{l3:02d}.{l2:02d}.{UNIT_SUFFIX}"


PROVINCE_UNIT = code(0, 0, 0)

# key, level-2 number, name, loai
DEPARTMENTS = [
    ("VP_UBND", 1, "Văn phòng UBND tỉnh", "SO_NGANH"),
    ("NOI_VU", 2, "Sở Nội vụ", "SO_NGANH"),
    ("TU_PHAP", 3, "Sở Tư pháp", "SO_NGANH"),
    ("KH_DT", 4, "Sở Kế hoạch và Đầu tư", "SO_NGANH"),
    ("TAI_CHINH", 5, "Sở Tài chính", "SO_NGANH"),
    ("CONG_THUONG", 6, "Sở Công Thương", "SO_NGANH"),
    ("NONG_NGHIEP", 7, "Sở Nông nghiệp và Phát triển nông thôn", "SO_NGANH"),
    ("GTVT", 8, "Sở Giao thông vận tải", "SO_NGANH"),
    ("XAY_DUNG", 9, "Sở Xây dựng", "SO_NGANH"),
    ("TNMT", 10, "Sở Tài nguyên và Môi trường", "SO_NGANH"),
    ("TTTT", 11, "Sở Thông tin và Truyền thông", "SO_NGANH"),
    ("LDTBXH", 12, "Sở Lao động - Thương binh và Xã hội", "SO_NGANH"),
    ("VHTTDL", 13, "Sở Văn hóa, Thể thao và Du lịch", "SO_NGANH"),
    ("KHCN", 14, "Sở Khoa học và Công nghệ", "SO_NGANH"),
    ("GDDT", 15, "Sở Giáo dục và Đào tạo", "SO_NGANH"),
    ("Y_TE", 16, "Sở Y tế", "SO_NGANH"),
    ("THANH_TRA", 17, "Thanh tra tỉnh", "SO_NGANH"),
    ("DAN_TOC", 18, "Ban Dân tộc", "SO_NGANH"),
    ("BQL_KCN", 19, "Ban Quản lý các khu công nghiệp", "SO_NGANH"),
    ("PVHCC", 20, "Trung tâm Phục vụ hành chính công tỉnh Sóc Trăng", "TRUNG_TAM_PVHCC"),
    ("VP_HDND", 21, "Văn phòng HĐND tỉnh", "KHAC"),
]
CENTRAL = [
    ("CONG_AN", 61, "Công an tỉnh"),
    ("CUC_THUE", 62, "Cục Thuế tỉnh"),
    ("KHO_BAC", 63, "Kho bạc Nhà nước tỉnh"),
    ("BHXH", 64, "Bảo hiểm xã hội tỉnh"),
    ("NHNN", 65, "Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh Sóc Trăng"),
    ("QLTT", 66, "Cục Quản lý thị trường tỉnh"),
    ("THONG_KE", 67, "Cục Thống kê tỉnh"),
]
ASSOCIATIONS = ["Hội Chữ thập đỏ tỉnh", "Hội Văn học Nghệ thuật tỉnh",
                "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "Hội Nhà báo tỉnh", "Hội Luật gia tỉnh",
                "Hội Người mù tỉnh", "Hội Đông y tỉnh", "Hội Khuyến học tỉnh",
                "Hội Nạn nhân chất độc da cam/dioxin tỉnh", "Hội Cựu Thanh niên xung phong tỉnh"]

# Provincial public service units: (key, parent department key or None = UBND tỉnh, name, tự chủ)
PROVINCIAL_DVSN = [
    ("BQLDA1", None, "Ban Quản lý dự án 1", "Y"),
    ("BQLDA2", None, "Ban Quản lý dự án 2", "Y"),
    ("CD_CONG_DONG", None, "Trường Cao đẳng Cộng đồng Sóc Trăng", "N"),
    ("CD_NGHE", None, "Trường Cao đẳng Nghề Sóc Trăng", "N"),
    ("PALI", None, "Trường Bồ túc Văn hóa Pali Trung cấp Nam Bộ", "N"),
    ("BAO", None, "Báo Sóc Trăng", "Y"),
    ("DAI_PTTH", None, "Đài Phát thanh và Truyền hình Sóc Trăng", "Y"),
    ("TRUONG_CT", None, "Trường Chính trị", "N"),
    ("QUY_DTPT", None, "Quỹ Đầu tư phát triển tỉnh Sóc Trăng", "Y"),
    ("CONG_BAO", "VP_UBND", "Trung tâm Công báo - Tin học", "N"),
    ("NHA_KHACH", "VP_UBND", "Nhà khách UBND tỉnh", "Y"),
    ("LUU_TRU", "NOI_VU", "Trung tâm Lưu trữ lịch sử", "N"),
    ("TGPL", "TU_PHAP", "Trung tâm Trợ giúp pháp lý nhà nước", "N"),
    ("DAU_GIA", "TU_PHAP", "Trung tâm Dịch vụ đấu giá tài sản", "Y"),
    ("CONG_CHUNG1", "TU_PHAP", "Phòng Công chứng số 1", "Y"),
    ("CONG_CHUNG2", "TU_PHAP", "Phòng Công chứng số 2", "Y"),
    ("XTDT", "KH_DT", "Trung tâm Xúc tiến Đầu tư và Hỗ trợ doanh nghiệp", "N"),
    ("KHUYEN_CONG", "CONG_THUONG", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp", "N"),
    ("KHUYEN_NONG", "NONG_NGHIEP", "Trung tâm Khuyến nông", "N"),
    ("NUOC_SACH", "NONG_NGHIEP", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh Sóc Trăng", "Y"),
    ("GIONG", "NONG_NGHIEP", "Trung tâm Giống nông nghiệp", "Y"),
    ("CANG_CA", "NONG_NGHIEP", "Ban Quản lý cảng cá", "Y"),
    ("DANG_KIEM", "GTVT", "Trung tâm Đăng kiểm phương tiện cơ giới", "Y"),
    ("SAT_HACH", "GTVT", "Trung tâm Sát hạch lái xe", "Y"),
    ("QH_XD", "XAY_DUNG", "Trung tâm Quy hoạch xây dựng", "Y"),
    ("KD_XD", "XAY_DUNG", "Trung tâm Kiểm định chất lượng công trình xây dựng", "Y"),
    ("VPDKDD", "TNMT", "Văn phòng Đăng ký đất đai", "Y"),
    ("PTQD", "TNMT", "Trung tâm Phát triển quỹ đất", "Y"),
    ("QUAN_TRAC", "TNMT", "Trung tâm Quan trắc tài nguyên và môi trường", "Y"),
    ("KT_TNMT", "TNMT", "Trung tâm Kỹ thuật tài nguyên và môi trường", "Y"),
    ("CNTT_TT", "TTTT", "Trung tâm Công nghệ thông tin và Truyền thông", "Y"),
    ("DVVL", "LDTBXH", "Trung tâm Dịch vụ việc làm", "N"),
    ("CTXH", "LDTBXH", "Trung tâm Công tác xã hội", "N"),
    ("BTXH", "LDTBXH", "Trung tâm Bảo trợ xã hội", "N"),
    ("CAI_NGHIEN", "LDTBXH", "Cơ sở Cai nghiện ma túy", "N"),
    ("BAO_TANG", "VHTTDL", "Bảo tàng tỉnh", "N"),
    ("THU_VIEN", "VHTTDL", "Thư viện tỉnh", "N"),
    ("TT_VAN_HOA", "VHTTDL", "Trung tâm Văn hóa tỉnh", "N"),
    ("DOAN_KHMER", "VHTTDL", "Đoàn Nghệ thuật Khmer Ánh Bình Minh", "N"),
    ("TDTT", "VHTTDL", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao", "N"),
    ("XT_DU_LICH", "VHTTDL", "Trung tâm Thông tin Xúc tiến du lịch", "N"),
    ("TDC", "KHCN", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "Y"),
    ("UD_KHCN", "KHCN", "Trung tâm Thông tin và Ứng dụng khoa học công nghệ", "Y"),
    ("BV_DA_KHOA", "Y_TE", "Bệnh viện Đa khoa tỉnh Sóc Trăng", "Y"),
    ("BV_SAN_NHI", "Y_TE", "Bệnh viện Chuyên khoa Sản - Nhi", "Y"),
    ("BV_TAM_THAN", "Y_TE", "Bệnh viện Chuyên khoa Tâm thần", "Y"),
    ("BV_LAO", "Y_TE", "Bệnh viện Chuyên khoa Lao và Bệnh phổi", "Y"),
    ("BV_YHCT", "Y_TE", "Bệnh viện Y dược cổ truyền", "Y"),
    ("BV_QUAN_DAN_Y", "Y_TE", "Bệnh viện Quân dân y", "Y"),
    ("CDC", "Y_TE", "Trung tâm Kiểm soát bệnh tật", "N"),
    ("GD_Y_KHOA", "Y_TE", "Trung tâm Giám định y khoa", "Y"),
    ("PHAP_Y", "Y_TE", "Trung tâm Pháp y", "N"),
    ("KIEM_NGHIEM", "Y_TE", "Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm", "Y"),
    ("CD_Y_TE", "Y_TE", "Trường Cao đẳng Y tế", "N"),
    ("HT_KCN", "BQL_KCN", "Trung tâm Dịch vụ hạ tầng khu công nghiệp", "Y"),
    ("DTNT", "GDDT", "Trường Phổ thông Dân tộc nội trú tỉnh", "N"),
    ("GDTX", "GDDT", "Trung tâm Giáo dục thường xuyên tỉnh", "N"),
    ("CHUYEN", "GDDT", "Trường THPT Chuyên Nguyễn Thị Minh Khai", "N"),
]
# Upper-secondary schools (Sở GDĐT), named after their locality or patron.
THPT_NAMES = ["Hoàng Lệ Kha", "Lê Lợi", "Thành phố Sóc Trăng", "Huỳnh Hữu Nghĩa", "Mỹ Hương", "Thiều Văn Chỏi",
              "Phan Văn Hùng", "Kế Sách", "An Lạc Thôn", "Mai Thanh Thế", "Đại Ngãi", "Lương Định Của",
              "Mỹ Xuyên", "Ngọc Tố", "Hòa Tú", "Văn Ngọc Chính", "Lê Văn Tám", "Ngã Năm", "Mỹ Quới",
              "Trần Văn Bảy", "Phú Tâm", "Thuận Hòa", "Đoàn Văn Tố", "An Thạnh 3", "Lịch Hội Thượng",
              "Trần Đề", "Vĩnh Hải", "Lai Hòa", "Vĩnh Châu", "Hưng Lợi", "Phú Lộc", "Kế An", "Lê Hồng Phong",
              "Nguyễn Khuyến", "Mỹ Thuận", "Long Phú", "An Ninh", "Thạnh Tân", "Trần Quang Khải",
              "Lâm Tân", "Tân Thạnh", "Dương Kỳ Hiệp", "Phan Chu Trinh", "Trung Bình", "Viên Bình",
              "Thạnh Thới An", "Tài Văn", "Đại Hải", "Long Hưng", "Vĩnh Lợi", "Hồ Đắc Kiện", "Lê Quý Đôn",
              "Nguyễn Trãi", "Châu Văn Liêm", "Ngô Quyền", "Trần Hưng Đạo"]

# level-2 number, kind, name, population weight (thousand), communes [(kind, name)]
DISTRICTS = [
    (31, "thành phố", "Sóc Trăng", 137, [("Phường", str(i)) for i in range(1, 11)]),
    (32, "huyện", "Châu Thành", 102, [("thị trấn", "Châu Thành")] + [("xã", n) for n in (
        "An Hiệp", "An Ninh", "Hồ Đắc Kiện", "Phú Tâm", "Phú Tân", "Thiện Mỹ", "Thuận Hòa")]),
    (33, "huyện", "Kế Sách", 160, [("thị trấn", "Kế Sách"), ("thị trấn", "An Lạc Thôn")] + [("xã", n) for n in (
        "An Lạc Tây", "An Mỹ", "Ba Trinh", "Đại Hải", "Kế An", "Kế Thành", "Nhơn Mỹ", "Phong Nẫm",
        "Thới An Hội", "Trinh Phú", "Xuân Hòa")]),
    (34, "huyện", "Mỹ Tú", 103, [("thị trấn", "Huỳnh Hữu Nghĩa")] + [("xã", n) for n in (
        "Hưng Phú", "Long Hưng", "Mỹ Hương", "Mỹ Phước", "Mỹ Thuận", "Mỹ Tú", "Phú Mỹ", "Thuận Hưng")]),
    (35, "huyện", "Cù Lao Dung", 63, [("thị trấn", "Cù Lao Dung")] + [("xã", n) for n in (
        "An Thạnh 1", "An Thạnh 2", "An Thạnh 3", "An Thạnh Tây", "An Thạnh Đông", "An Thạnh Nam", "Đại Ân 1")]),
    (36, "huyện", "Long Phú", 110, [("thị trấn", "Long Phú"), ("thị trấn", "Đại Ngãi")] + [("xã", n) for n in (
        "Châu Khánh", "Hậu Thạnh", "Long Đức", "Long Phú", "Phú Hữu", "Song Phụng", "Tân Hưng", "Tân Thạnh",
        "Trường Khánh")]),
    (37, "huyện", "Mỹ Xuyên", 154, [("thị trấn", "Mỹ Xuyên")] + [("xã", n) for n in (
        "Đại Tâm", "Gia Hòa 1", "Gia Hòa 2", "Hòa Tú 1", "Hòa Tú II", "Ngọc Đông", "Ngọc Tố", "Tham Đôn",
        "Thạnh Phú", "Thạnh Quới")]),
    (38, "thị xã", "Ngã Năm", 79, [("Phường", "1"), ("Phường", "2"), ("Phường", "3")] + [("xã", n) for n in (
        "Long Bình", "Mỹ Bình", "Mỹ Quới", "Tân Long", "Vĩnh Quới")]),
    (39, "huyện", "Thạnh Trị", 80, [("thị trấn", "Phú Lộc"), ("thị trấn", "Hưng Lợi")] + [("xã", n) for n in (
        "Châu Hưng", "Lâm Kiết", "Lâm Tân", "Thạnh Tân", "Thạnh Trị", "Tuân Tức", "Vĩnh Lợi", "Vĩnh Thành")]),
    (40, "thị xã", "Vĩnh Châu", 170, [("Phường", "1"), ("Phường", "2"), ("Phường", "Khánh Hòa"),
                                      ("Phường", "Vĩnh Phước")] + [("xã", n) for n in (
        "Hòa Đông", "Lạc Hòa", "Lai Hòa", "Vĩnh Hải", "Vĩnh Hiệp", "Vĩnh Tân")]),
    (41, "huyện", "Trần Đề", 130, [("thị trấn", "Trần Đề"), ("thị trấn", "Lịch Hội Thượng")] + [("xã", n) for n in (
        "Đại Ân 2", "Lịch Hội Thượng", "Liêu Tú", "Tài Văn", "Thạnh Thới An", "Thạnh Thới Thuận", "Trung Bình",
        "Viên An", "Viên Bình")]),
]
# District offices (Nghị định 37/2014): key, level-3 number, name; towns have Quản lý đô thị / Kinh tế.
DISTRICT_OFFICES = [
    ("VP", 51, "Văn phòng HĐND và UBND"), ("NOI_VU", 52, "Phòng Nội vụ"), ("TU_PHAP", 53, "Phòng Tư pháp"),
    ("TC_KH", 54, "Phòng Tài chính - Kế hoạch"), ("TNMT", 55, "Phòng Tài nguyên và Môi trường"),
    ("LDTBXH", 56, "Phòng Lao động - Thương binh và Xã hội"), ("GDDT", 57, "Phòng Giáo dục và Đào tạo"),
    ("VHTT", 58, "Phòng Văn hóa và Thông tin"), ("Y_TE", 59, "Phòng Y tế"), ("THANH_TRA", 60, "Thanh tra"),
    ("KT_HT", 61, "Phòng Kinh tế và Hạ tầng"), ("NONG_NGHIEP", 62, "Phòng Nông nghiệp và Phát triển nông thôn"),
    ("DAN_TOC", 63, "Phòng Dân tộc"),
]
DISTRICT_CENTRES = ["Trung tâm Văn hóa - Thể thao", "Trung tâm Dịch vụ nông nghiệp",
                    "Ban Quản lý dự án đầu tư xây dựng", "Đài Truyền thanh",
                    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"]


@dataclass
class District:
    number: int
    kind: str
    name: str
    weight: int
    unit: str                                   # UBND huyện code
    label: str                                  # "huyện Châu Thành"
    communes: list[tuple[str, str, int]] = field(default_factory=list)   # (code, name, weight)
    offices: dict[str, str] = field(default_factory=dict)                # office key -> code
    public_units: list[str] = field(default_factory=list)


@dataclass
class Agencies:
    rows: list[dict]                            # agencies.csv rows in file order
    name_of: dict[str, str]
    cap_of: dict[str, str]
    departments: dict[str, str]                 # key -> code (incl. PVHCC, VP_HDND)
    central: dict[str, str]
    provincial_dvsn: dict[str, str]             # key -> code
    associations: list[str]
    districts: list[District]

    @property
    def communes(self) -> list[str]:
        return [c for d in self.districts for c in (x[0] for x in d.communes)]


def build_agencies() -> Agencies:
    """Deterministic: no randomness, the org chart is fixed."""
    rows: list[dict] = []

    def add(ma, ten, cap, loai, cha, tu_chu=""):
        rows.append({"ma_don_vi": ma, "ten_don_vi": ten, "cap": cap, "loai": loai,
                     "ma_don_vi_cha": cha or "", "tu_chu": tu_chu})

    add(PROVINCE_UNIT, f"UBND tỉnh {PROVINCE_NAME}", "TINH", "KHAC", "")
    departments = {}
    for key, number, name, loai in DEPARTMENTS:
        departments[key] = code(0, 0, number)
        add(departments[key], name, "TINH", loai, PROVINCE_UNIT)
    central = {}
    for key, number, name in CENTRAL:
        central[key] = code(0, 0, number)
        add(central[key], name, "TINH", "CQ_TRUNG_UONG", "")
    associations = []
    for i, name in enumerate(ASSOCIATIONS):
        associations.append(code(0, 0, 81 + i))
        add(associations[-1], name, "TINH", "KHAC", PROVINCE_UNIT)

    # provincial public service units: named ones, then upper-secondary schools up to the seed's 114
    total_tinh, autonomous_tinh = PUBLIC_UNITS["TINH"]
    named = list(PROVINCIAL_DVSN)
    schools_needed = total_tinh - len(named)
    assert 0 < schools_needed <= len(THPT_NAMES)
    autonomy_left = autonomous_tinh - sum(1 for *_, t in named if t == "Y")
    assert 0 <= autonomy_left <= schools_needed
    for i, place in enumerate(THPT_NAMES[:schools_needed]):
        # every third school (from the first) runs with financial autonomy until the seed's 68 are reached
        flag = "Y" if i % 3 == 0 and autonomy_left > 0 else "N"
        autonomy_left -= flag == "Y"
        named.append((f"THPT_{i}", "GDDT", f"Trường THPT {place}", flag))
    # top up if the every-third rule left some autonomy unassigned
    for j in range(len(named) - 1, -1, -1):
        if autonomy_left <= 0:
            break
        if named[j][0].startswith("THPT_") and named[j][3] == "N":
            named[j] = named[j][:3] + ("Y",)
            autonomy_left -= 1
    provincial_dvsn = {}
    seq_under: dict[str, int] = {}
    for key, parent, name, flag in named:
        parent_number = 0 if parent is None else next(n for k, n, *_ in DEPARTMENTS if k == parent)
        seq_under[parent or ""] = seq_under.get(parent or "", 0) + 1
        provincial_dvsn[key] = code(0, seq_under[parent or ""], parent_number) if parent else \
            code(0, 30 + seq_under[""], 0)
        add(provincial_dvsn[key], name, "TINH", "DVSN", departments[parent] if parent else PROVINCE_UNIT, flag)

    # districts
    total_huyen, autonomous_huyen = PUBLIC_UNITS["HUYEN"]
    assert total_huyen == autonomous_huyen
    n_communes = sum(len(c) for *_, c in DISTRICTS)
    assert n_communes == 109
    schools_total = total_huyen - len(DISTRICT_CENTRES) * len(DISTRICTS)
    extra_primary = schools_total - 3 * n_communes          # second/third primary schools
    def school_place(ckind: str, cname: str) -> str:
        if ckind == "Phường" or (ckind == "thị trấn" and plain_count[cname] > 1):
            return f"{ckind} {cname}"
        return cname

    plain_count: dict[str, int] = {}
    for *_, communes in DISTRICTS:
        for _, cname in communes:
            plain_count[cname] = plain_count.get(cname, 0) + 1
    place_count: dict[str, int] = {}
    for *_, communes in DISTRICTS:
        for ckind, cname in communes:
            place = school_place(ckind, cname)
            place_count[place] = place_count.get(place, 0) + 1
    districts = []
    extra_seen = 0
    commune_index = 0
    for number, kind, name, weight, communes in DISTRICTS:
        label = f"{kind} {name}"
        unit = code(0, 0, number)
        d = District(number, kind, name, weight, unit, label)
        ubnd = f"UBND {label}"
        add(unit, ubnd, "HUYEN", "UBND_HUYEN", PROVINCE_UNIT)
        for key, l3, office in DISTRICT_OFFICES:
            if key == "DAN_TOC" and number not in (32, 37, 40, 41):   # 136 offices in all (seed, 5.2 a)
                continue
            if key == "KT_HT" and kind != "huyện":
                office = "Phòng Quản lý đô thị"
            if key == "NONG_NGHIEP" and kind != "huyện":
                office = "Phòng Kinh tế"
            d.offices[key] = code(0, l3, number)
            add(d.offices[key], f"{office} {label}", "HUYEN", "KHAC", unit)
        school_seq = 0
        for ci, (ckind, cname) in enumerate(communes, start=1):
            ccode = code(0, ci, number)
            cweight = 3 if ckind in ("Phường", "thị trấn") else 2
            d.communes.append((ccode, f"{ckind} {cname}", cweight))
            add(ccode, f"UBND {ckind} {cname}, {label}", "XA", "UBND_XA", unit)
            place = school_place(ckind, cname)
            if place_count[place] > 1:
                place = f"{place} ({label})"
            kinds = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS"]
            commune_index += 1
            # spread the extra primary schools evenly over the 109 communes
            while extra_seen < extra_primary and extra_seen * n_communes < commune_index * extra_primary:
                extra_seen += 1
                kinds.append("Trường Tiểu học")
            primary_no = 0
            for school in kinds:
                school_seq += 1
                scode = code(school_seq, 57, number)
                if school == "Trường Tiểu học":
                    primary_no += 1
                    sname = f"{school} {place}" + (f" {primary_no}" if primary_no > 1 else "")
                else:
                    sname = f"{school} {place}"
                d.public_units.append(scode)
                add(scode, sname, "HUYEN", "DVSN", unit, "Y")
        for k, centre in enumerate(DISTRICT_CENTRES, start=1):
            ccode = code(k, 90, number)
            d.public_units.append(ccode)
            add(ccode, f"{centre} {label}", "HUYEN", "DVSN", unit, "Y")
        districts.append(d)

    name_of = {r["ma_don_vi"]: r["ten_don_vi"] for r in rows}
    assert len(name_of) == len(rows), "duplicate unit code"
    dup = [n for n, c in Counter(name_of.values()).items() if c > 1]
    assert not dup, f"duplicate unit names {dup}"
    cap_of = {r["ma_don_vi"]: r["cap"] for r in rows}
    dv = [r for r in rows if r["loai"] == "DVSN"]
    for cap, (total, autonomous) in PUBLIC_UNITS.items():
        assert sum(1 for r in dv if r["cap"] == cap) == total, cap
        assert sum(1 for r in dv if r["cap"] == cap and r["tu_chu"] == "Y") == autonomous, cap
    return Agencies(rows, name_of, cap_of, departments, central, provincial_dvsn, associations, districts)


AGENCY_COLUMNS = ["ma_don_vi", "ten_don_vi", "cap", "loai", "ma_don_vi_cha", "tu_chu"]
PROVINCE_COLUMNS = ["ma_tinh", "ten_tinh"]
HOLIDAY_COLUMNS = ["ngay", "loai", "ten"]


def province_rows() -> list[dict]:
    return [{"ma_tinh": PROVINCE_CODE, "ten_tinh": PROVINCE_NAME}]

"""Registers (edoc/, legal/, feedback/, inspection/): documents, legal reviews, feedback, inspections.

Deterministic and independent of the scale and of the other files: the seed's
register figures for 2020-H1 (nd09, 15/12/2019 … 14/06/2020) are reproduced
exactly (`shared/contracts/golden/soc-trang-2020-H1-registers.json`):
- 30/30 required units (19 SO_NGANH + 11 UBND_HUYEN) with a 2020 reform plan,
  three of them signed before 15/12/2019 (they still count);
- the 24 province documents the seed cites, with their reform area;
- 18 legal documents issued (4 HĐND resolutions, 14 UBND decisions), 7 reviewed,
  all 7 recommended for handling by their latest review in the period;
- 3 feedback items received, answered and published;
- 10 units in the 2020 inspection plan (5 departments, 5 districts).
Around them, rows that the counting rules must leave out: documents of other
periods or without a reform area, plans for 2019 or by units that need none,
reviews outside the period, feedback received before or after it, a 2019
inspection plan, and re-sent feedback records.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .reference import Agencies

DOCUMENT_COLUMNS = ["so_ky_hieu", "ngay_ban_hanh", "loai", "co_quan", "linh_vuc_cchc", "nam_ke_hoach", "la_qppl",
                    "trich_yeu"]
REVIEW_COLUMNS = ["so_ky_hieu", "ngay_ra_soat", "co_quan_ra_soat", "ket_qua"]
INSPECTION_COLUMNS = ["ma_don_vi", "thang_du_kien", "so_ke_hoach"]

D = dt.date
# The province documents the seed report cites for 2020-H1 (number, date, kind, reform area, subject).
PROVINCE_DOCUMENTS = [
    ("163/KH-UBND", D(2019, 12, 26), "KE_HOACH", "KE_HOACH_CCHC", 2020,
     "Thực hiện cải cách hành chính năm 2020"),
    ("3746/QĐ-UBND", D(2019, 12, 30), "QUYET_DINH", "BO_MAY", None,
     "Giao chỉ tiêu người làm việc và hợp đồng 68 đối với các Hội có tính chất đặc thù năm 2020"),
    ("3747/QĐ-UBND", D(2019, 12, 30), "QUYET_DINH", "BO_MAY", None,
     "Giao biên chế công chức và hợp đồng 68 trong các cơ quan hành chính nhà nước năm 2020"),
    ("3748/QĐ-UBND", D(2019, 12, 30), "QUYET_DINH", "BO_MAY", None,
     "Giao số người làm việc và hợp đồng 68 trong các đơn vị sự nghiệp công lập năm 2020"),
    ("3765/QĐ-UBND", D(2019, 12, 30), "QUYET_DINH", "CONG_CHUC", None,
     "Thành lập Hội đồng tuyển dụng công chức năm 2019"),
    ("3766/QĐ-UBND", D(2019, 12, 30), "QUYET_DINH", "CONG_CHUC", None,
     "Thành lập Ban Giám sát kỳ tuyển dụng công chức năm 2019"),
    ("01/KH-UBND", D(2020, 1, 2), "KE_HOACH", "THE_CHE", None,
     "Quản lý công tác thi hành pháp luật về xử lý vi phạm hành chính trên địa bàn tỉnh Sóc Trăng năm 2020"),
    ("02/KH-UBND", D(2020, 1, 8), "KE_HOACH", "THE_CHE", None,
     "Phổ biến, giáo dục pháp luật, hòa giải ở cơ sở, xây dựng cấp xã đạt chuẩn tiếp cận pháp luật năm 2020"),
    ("03/KH-UBND", D(2020, 1, 14), "KE_HOACH", "TTHC", None, "Hoạt động kiểm soát TTHC năm 2020"),
    ("91/QĐ-UBND", D(2020, 1, 16), "QUYET_DINH", "THE_CHE", None,
     "Công bố danh mục VBQPPL hết hiệu lực, ngưng hiệu lực toàn bộ hoặc một phần của HĐND, UBND tỉnh "
     "Sóc Trăng năm 2019"),
    ("07/KH-UBND", D(2020, 1, 17), "KE_HOACH", "THE_CHE", None,
     "Kiểm tra, rà soát VBQPPL trên địa bàn tỉnh Sóc Trăng năm 2020"),
    ("08/KH-UBND", D(2020, 1, 17), "KE_HOACH", "THE_CHE", None, "Thực hiện công tác pháp chế năm 2020"),
    ("09/KH-UBND", D(2020, 1, 17), "KE_HOACH", "THE_CHE", None,
     "Theo dõi thi hành pháp luật trên địa bàn tỉnh Sóc Trăng năm 2020"),
    ("10/KH-UBND", D(2020, 1, 20), "KE_HOACH", "TTHC", None, "Rà soát, đánh giá TTHC năm 2020"),
    ("207/QĐ-UBND", D(2020, 2, 5), "QUYET_DINH", "CONG_CHUC", None,
     "Phê duyệt Kế hoạch tuyển dụng viên chức của Sở Công Thương"),
    ("17/KH-UBND", D(2020, 2, 6), "KE_HOACH", "KIEM_TRA", None, "Kiểm tra công tác cải cách hành chính năm 2020"),
    ("18/KH-UBND", D(2020, 2, 6), "KE_HOACH", "CHI_DAO", None,
     "Tổng kết Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011-2020"),
    ("179/UBND-NC", D(2020, 2, 11), "CONG_VAN", "THE_CHE", None,
     "Chỉ đạo, hướng dẫn công tác theo dõi tình hình thi hành pháp luật năm 2020"),
    ("25/KH-UBND", D(2020, 2, 13), "KE_HOACH", "TUYEN_TRUYEN", None, "Tuyên truyền cải cách hành chính năm 2020"),
    ("341/QĐ-UBND", D(2020, 2, 20), "QUYET_DINH", "CHI_DAO", None,
     "Công bố kết quả Chỉ số CCHC và Chỉ số SIPAS năm 2019"),
    ("522/QĐ-UBND", D(2020, 2, 26), "QUYET_DINH", "CONG_CHUC", None,
     "Phê duyệt danh sách thí sinh đủ tiêu chuẩn, điều kiện dự thi kỳ tuyển dụng công chức năm 2019"),
    ("35/KH-UBND", D(2020, 3, 5), "KE_HOACH", "HIEN_DAI_HOA", None,
     "Kiểm tra hoạt động duy trì và cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm 2020"),
    ("1002/QĐ-UBND", D(2020, 4, 10), "QUYET_DINH", "CONG_CHUC", None,
     "Phê duyệt Kế hoạch tuyển dụng viên chức của Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"),
    ("1015/QĐ-UBND", D(2020, 4, 13), "QUYET_DINH", "CONG_CHUC", None,
     "Phê duyệt Kế hoạch tuyển dụng viên chức của Trung tâm Y tế thị xã Vĩnh Châu"),
]
# Province documents outside 2020-H1 or about no reform area: never cited for 2020-H1.
OTHER_PROVINCE_DOCUMENTS = [
    ("48/KH-UBND", D(2016, 7, 4), "KE_HOACH", "CHI_DAO", None,
     "Chương trình tổng thể CCHC nhà nước trên địa bàn tỉnh Sóc Trăng, giai đoạn 2016-2020"),
    ("117/KH-UBND", D(2018, 11, 30), "KE_HOACH", "TTHC", None, "Đề án liên thông các TTHC: đăng ký khai tử"),
    ("150/KH-UBND", D(2019, 11, 18), "KE_HOACH", "CONG_CHUC", None, "Tuyển dụng công chức năm 2019"),
    ("160/KH-UBND", D(2019, 12, 12), "KE_HOACH", "TUYEN_TRUYEN", None, "Tuyên truyền CCHC tháng 12 năm 2019"),
    ("3700/UBND-KT", D(2020, 1, 6), "CONG_VAN", None, None, "Triển khai công tác phòng chống hạn mặn"),
    ("88/TB-UBND", D(2020, 3, 20), "THONG_BAO", None, None, "Kết luận cuộc họp giao ban kinh tế"),
    ("95/KH-UBND", D(2020, 6, 20), "KE_HOACH", "KIEM_TRA", None, "Kiểm tra công vụ 6 tháng cuối năm 2020"),
    ("1800/QĐ-UBND", D(2020, 7, 15), "QUYET_DINH", "TTHC", None, "Công bố danh mục TTHC lĩnh vực đất đai"),
]
# Legal normative documents: 4 resolutions + 14 decisions in 2020-H1 (seed II.1.2), others outside it.
LEGAL_IN_PERIOD = (
    [(f"{n:02d}/2020/NQ-HĐND", D(2020, 4, 10 + n), "NGHI_QUYET", "HDND_TINH") for n in range(1, 5)]
    + [(f"{n:02d}/2020/QĐ-UBND", D(2020, 1, 1) + dt.timedelta(days=9 * n), "QUYET_DINH", "UBND_TINH")
       for n in range(1, 15)])
LEGAL_OTHER = [
    ("22/2019/QĐ-UBND", D(2019, 12, 10), "QUYET_DINH", "UBND_TINH"),
    ("15/2020/QĐ-UBND", D(2020, 6, 25), "QUYET_DINH", "UBND_TINH"),
    ("05/2020/NQ-HĐND", D(2020, 7, 10), "NGHI_QUYET", "HDND_TINH"),
]
# Reviews: (document, date, result). Seven documents reviewed in the period; the latest review in the period
# of each recommends handling (one changes its mind from CON_PHU_HOP, one is contradicted only after 14/06).
REVIEWS = [
    ("01/2018/QĐ-UBND", D(2020, 1, 15), "KIEN_NGHI_SUA_DOI"),
    ("05/2018/QĐ-UBND", D(2020, 2, 3), "CON_PHU_HOP"),
    ("05/2018/QĐ-UBND", D(2020, 3, 2), "KIEN_NGHI_BAI_BO"),
    ("11/2017/QĐ-UBND", D(2020, 2, 20), "KIEN_NGHI_THAY_THE"),
    ("19/2016/QĐ-UBND", D(2020, 3, 18), "KIEN_NGHI_SUA_DOI"),
    ("19/2016/QĐ-UBND", D(2020, 7, 1), "CON_PHU_HOP"),
    ("07/2019/QĐ-UBND", D(2020, 4, 6), "KIEN_NGHI_BAI_BO"),
    ("12/2015/NQ-HĐND", D(2020, 4, 22), "KIEN_NGHI_SUA_DOI"),
    ("03/2019/QĐ-UBND", D(2020, 5, 12), "KIEN_NGHI_SUA_DOI"),
    ("02/2017/QĐ-UBND", D(2019, 11, 5), "KIEN_NGHI_BAI_BO"),
    ("09/2018/QĐ-UBND", D(2020, 6, 30), "CON_PHU_HOP"),
]
# Feedback items: (code, received, answered or None, published, handling department key).
FEEDBACK = [
    ("PAKN-2019-118", dt.datetime(2019, 11, 20, 9, 5), dt.datetime(2019, 12, 20, 15, 0), True, "TNMT"),
    ("PAKN-2020-007", dt.datetime(2020, 1, 9, 8, 30), dt.datetime(2020, 2, 3, 10, 15), True, "TU_PHAP"),
    ("PAKN-2020-031", dt.datetime(2020, 3, 16, 14, 0), dt.datetime(2020, 4, 2, 9, 40), True, "GTVT"),
    ("PAKN-2020-052", dt.datetime(2020, 5, 21, 10, 20), dt.datetime(2020, 6, 10, 16, 5), True, "TNMT"),
    ("PAKN-2020-066", dt.datetime(2020, 6, 18, 7, 45), None, False, "XAY_DUNG"),
]
FEEDBACK_TEXTS = [
    ("Nguyễn Văn Thành", "0913 456 721", "Đề nghị giải thích quy định về thời hạn cấp giấy chứng nhận"),
    ("Trần Thị Mỹ Linh", "0907 882 315", "Phản ánh thành phần hồ sơ đăng ký khai sinh chưa thống nhất"),
    ("Lâm Quốc Khải", "0939 120 448", "Kiến nghị đơn giản hóa thủ tục cấp phép lái xe"),
    ("Thạch Thị Sa Rươne", "0918 775 203", "Đề nghị công khai mức phí thẩm định hồ sơ đất đai"),
    ("Huỳnh Văn Bé Tư", "0964 310 557", "Phản ánh yêu cầu bổ sung giấy tờ không có trong quy định"),
]
# The 2020 inspection plan (seed I.3, footnote 15) and a 2019 plan that does not count for 2020.
INSPECTED_DEPARTMENTS_2020 = ["TTTT", "CONG_THUONG", "XAY_DUNG", "TU_PHAP", "KH_DT"]
INSPECTED_DISTRICTS_2020 = [40, 32, 35, 36, 33]   # Vĩnh Châu, Châu Thành, Cù Lao Dung, Long Phú, Kế Sách
INSPECTED_DEPARTMENTS_2019 = ["NOI_VU", "Y_TE", "GDDT"]
INSPECTED_DISTRICTS_2019 = [31, 37, 41]
# Units that must issue a yearly reform plan (COUNTING_RULES "Registers").
PLAN_REQUIRED_KINDS = ("SO_NGANH", "UBND_HUYEN")
# Required units whose 2020 plan was signed before the period began (15/12/2019): they still count.
EARLY_PLANNERS = 3


def _document(number, day, loai, co_quan, area, plan_year, legal, subject) -> dict:
    return {"so_ky_hieu": number, "ngay_ban_hanh": day.isoformat(), "loai": loai, "co_quan": co_quan,
            "linh_vuc_cchc": area or "", "nam_ke_hoach": "" if plan_year is None else str(plan_year),
            "la_qppl": legal, "trich_yeu": subject}


def document_rows(agencies: Agencies) -> list[dict]:
    rows = [_document(n, d, k, "UBND_TINH", a, y, "N", s) for n, d, k, a, y, s in PROVINCE_DOCUMENTS]
    rows += [_document(n, d, k, "UBND_TINH", a, y, "N", s) for n, d, k, a, y, s in OTHER_PROVINCE_DOCUMENTS]
    rows += [_document(n, d, k, body, None, None, "Y", "Văn bản quy phạm pháp luật của tỉnh")
             for n, d, k, body in LEGAL_IN_PERIOD + LEGAL_OTHER]
    # each required unit's plan for 2020, and its plan for 2019 (which does not count for 2020)
    required = [r for r in agencies.rows if r["loai"] in PLAN_REQUIRED_KINDS]
    for i, unit in enumerate(required):
        short = unit["ma_don_vi"].split(".")[2]
        signed = D(2019, 12, 5 + i) if i < EARLY_PLANNERS else D(2019, 12, 16) + dt.timedelta(days=2 * i)
        rows.append(_document(f"{100 + i}/KH-{short}", signed, "KE_HOACH", unit["ma_don_vi"], "KE_HOACH_CCHC", 2020,
                              "N", f"Thực hiện cải cách hành chính năm 2020 của {unit['ten_don_vi']}"))
        rows.append(_document(f"{10 + i}/KH-{short}", D(2018, 12, 20), "KE_HOACH", unit["ma_don_vi"],
                              "KE_HOACH_CCHC", 2019, "N", f"Thực hiện cải cách hành chính năm 2019 của "
                              f"{unit['ten_don_vi']}"))
    # a public service unit's plan: such units are not required to have one, so it is not counted
    dvsn = next(r for r in agencies.rows if r["loai"] == "DVSN")
    rows.append(_document("05/KH-BQLDA1", D(2020, 1, 10), "KE_HOACH", dvsn["ma_don_vi"], "KE_HOACH_CCHC", 2020, "N",
                          f"Thực hiện cải cách hành chính năm 2020 của {dvsn['ten_don_vi']}"))
    rows.sort(key=lambda r: (r["ngay_ban_hanh"], r["so_ky_hieu"]))
    return rows


def review_rows(agencies: Agencies) -> list[dict]:
    reviewer = agencies.departments["TU_PHAP"]
    return [{"so_ky_hieu": n, "ngay_ra_soat": d.isoformat(), "co_quan_ra_soat": reviewer, "ket_qua": k}
            for n, d, k in sorted(REVIEWS, key=lambda r: (r[1], r[0]))]


def feedback_files(agencies: Agencies) -> dict[str, list[str]]:
    """pakn_YYYYMMDD.jsonl name → lines; each status change is synced the next day, receipts re-sent once."""
    by_day: dict[dt.date, list[tuple[dt.datetime, str]]] = {}
    serial = 0

    def record(item, at, status, unit, published, texts) -> dict:
        nonlocal serial
        serial += 1
        sender, phone, content = texts
        return {"Id": f"{item}-{serial:03d}", "MaPAKN": item, "ThoiDiem": at.strftime("%Y%m%d%H%M%S"),
                "TrangThai": status, "MaDonViXuLy": unit, "CongKhai": published,
                "NguoiGui": sender, "SoDienThoai": phone, "NoiDung": content}

    for (item, received, answered, published, department), texts in zip(FEEDBACK, FEEDBACK_TEXTS):
        unit = agencies.departments[department]
        events = [(received, 1, None), (received + dt.timedelta(days=2, hours=1), 2, None)]
        if answered is not None:
            events.append((answered, 3, published))
        for at, status, public in events:
            line = record(item, at, status, unit, public, texts)
            by_day.setdefault(at.date() + dt.timedelta(days=1), []).append((at, json.dumps(line, ensure_ascii=False)))
            if status == 1:   # the national system re-sends receipts a few days later (same Id)
                by_day.setdefault(at.date() + dt.timedelta(days=4), []).append(
                    (at, json.dumps(line, ensure_ascii=False)))
    return {f"feedback/pakn_{day:%Y%m%d}.jsonl": [line for _, line in sorted(lines)]
            for day, lines in sorted(by_day.items())}


def inspection_rows(agencies: Agencies, departments: list[str], districts: list[int], months=(7, 8)) -> list[dict]:
    units = [agencies.departments[k] for k in departments]
    units += [d.unit for number in districts for d in agencies.districts if d.number == number]
    return [{"ma_don_vi": unit, "thang_du_kien": str(months[i % len(months)]), "so_ke_hoach": "17/KH-UBND"}
            for i, unit in enumerate(units)]


def write_registers(root: Path, agencies: Agencies, csv_file) -> None:
    csv_file("edoc/documents.csv", DOCUMENT_COLUMNS, document_rows(agencies))
    csv_file("legal/reviews.csv", REVIEW_COLUMNS, review_rows(agencies))
    for relative, lines in feedback_files(agencies).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="")
    csv_file("inspection/plan_2020.csv", INSPECTION_COLUMNS,
             inspection_rows(agencies, INSPECTED_DEPARTMENTS_2020, INSPECTED_DISTRICTS_2020))
    previous = inspection_rows(agencies, INSPECTED_DEPARTMENTS_2019, INSPECTED_DISTRICTS_2019, months=(9, 10))
    for row in previous:
        row["so_ke_hoach"] = "21/KH-UBND"
    csv_file("inspection/plan_2019.csv", INSPECTION_COLUMNS, previous)

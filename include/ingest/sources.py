"""The landing-zone format (docs/sources.md) as data.

One `SourceKind` per file family: where its files live, which raw table they
land in, and how every column is checked and typed. The loaders read these
specs; nothing else in the package hard-codes a column name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TEXT, CODE, DATE, INT, NUMERIC, TIMESTAMP = "text", "code", "date", "int", "numeric", "timestamp"


@dataclass(frozen=True)
class Column:
    """One source column: its name in the file, its raw-table column and its check."""

    source: str                      # name in the CSV header / JSON key
    target: str                      # column of the raw table
    kind: str = TEXT
    required: bool = True            # False: the contract marks it nullable
    codes: frozenset[str] = frozenset()
    minimum: float | None = None     # inclusive lower bound for INT/NUMERIC
    exclusive_minimum: bool = False  # True: value must be > minimum
    personal: bool = False           # personal data (restricted raw schema only)


def _c(source, kind=TEXT, *, required=True, codes=(), minimum=None, exclusive_minimum=False,
       personal=False, target=None) -> Column:
    return Column(source, target or source, kind, required, frozenset(codes), minimum, exclusive_minimum, personal)


@dataclass(frozen=True)
class SourceKind:
    name: str
    group: str
    pattern: re.Pattern           # matched against the path relative to the landing dir ('/' separators)
    table: str                    # raw table, schema-qualified
    columns: tuple[Column, ...]
    name_date: str | None = None  # 'day' (YYYYMMDD in the name) or 'year' (YYYY); None: no date
    name_date_column: str | None = None  # raw column filled from the name's date ('snapshot_date', 'nam', ...)
    key: tuple[str, ...] = ()     # key within one file (duplicates are quarantined)
    fmt: str = "csv"              # 'csv' or 'jsonl'
    required_file: bool = False   # the landing zone is unusable without it
    extra_columns: tuple[str, ...] = field(default=())
    pseudonym: tuple[str, str] | None = None   # (source field, raw column) of a keyed HMAC pseudonym (JSONL)

    @property
    def target_columns(self) -> list[str]:
        """Columns written by COPY, in order."""
        cols = [self.name_date_column] if self.name_date_column else []
        cols += [c.target for c in self.columns]
        cols += list(self.extra_columns)
        return cols + ["_ma_tinh", "_file_id", "_line_no"]


CAP = ("TINH", "HUYEN", "XA")
YN = ("Y", "N")
REFORM_AREAS = ("KE_HOACH_CCHC", "CHI_DAO", "KIEM_TRA", "TUYEN_TRUYEN", "THE_CHE", "TTHC", "BO_MAY", "CONG_CHUC",
                "TAI_CHINH_CONG", "HIEN_DAI_HOA")

SOURCE_KINDS: dict[str, SourceKind] = {k.name: k for k in [
    SourceKind(
        "province", "reference", re.compile(r"reference/province\.csv"), "raw.province",
        (_c("ma_tinh"), _c("ten_tinh")), key=("ma_tinh",), required_file=True),
    SourceKind(
        "agencies", "reference", re.compile(r"reference/agencies\.csv"), "raw.agencies",
        (_c("ma_don_vi"), _c("ten_don_vi"), _c("cap", CODE, codes=CAP),
         _c("loai", CODE, codes=("SO_NGANH", "UBND_HUYEN", "UBND_XA", "DVSN", "CQ_TRUNG_UONG",
                                 "TRUNG_TAM_PVHCC", "KHAC")),
         _c("ma_don_vi_cha", required=False), _c("tu_chu", CODE, required=False, codes=YN)),
        key=("ma_don_vi",), required_file=True),
    SourceKind(
        "holidays", "reference", re.compile(r"reference/holidays\.csv"), "raw.holidays",
        (_c("ngay", DATE), _c("loai", CODE, codes=("NGHI", "LAM_BU")), _c("ten", required=False)),
        key=("ngay",), required_file=True),
    SourceKind(
        "dossier_log", "onestop", re.compile(r"onestop/dossier_log_(\d{8})\.jsonl"), "raw.dossier_log",
        (_c("Id", target="id"), _c("MaHoSo", target="ma_ho_so"), _c("MaTTHC", target="ma_tthc"),
         _c("MaDonVi", target="ma_don_vi"),
         _c("KenhThucHien", CODE, required=False, codes=("1", "2", "3"), target="kenh_thuc_hien"),
         _c("TrangThaiHoSo", CODE, codes=tuple(str(i) for i in range(1, 11)), target="trang_thai_ho_so"),
         _c("ThoiDiemXuLy", TIMESTAMP, target="thoi_diem_xu_ly"),
         _c("NgayHenTra", TIMESTAMP, required=False, target="ngay_hen_tra"),
         _c("NguoiXuLy", required=False, target="nguoi_xu_ly"),
         _c("ChuHoSo", required=False, personal=True, target="chu_ho_so"),
         _c("SoGiayToChuHoSo", required=False, personal=True, target="so_giay_to_chu_ho_so"),
         _c("SoDienThoai", required=False, personal=True, target="so_dien_thoai"),
         _c("NoiDungXuLy", required=False, target="noi_dung_xu_ly")),
        name_date="day", name_date_column="_file_date", fmt="jsonl",
        extra_columns=("applicant_pseudonym",), pseudonym=("SoGiayToChuHoSo", "applicant_pseudonym")),
    SourceKind(
        "procedures", "catalogue", re.compile(r"catalogue/procedures_(\d{8})\.csv"), "raw.procedures",
        (_c("ma_tthc"), _c("ten_tthc"), _c("ma_linh_vuc"), _c("ten_linh_vuc"),
         _c("cap_thuc_hien", CODE, codes=CAP), _c("ma_co_quan", required=False),
         _c("muc_do_dvc", CODE, codes=("1", "2", "3", "4")),
         _c("lien_thong", CODE, codes=("KHONG", "CUNG_CAP", "GIUA_CAC_CAP", "NHOM")),
         _c("mot_cua", CODE, codes=YN), _c("thoi_han_ngay", INT, required=False, minimum=0),
         _c("trang_thai", CODE, codes=("CON_HIEU_LUC", "BAI_BO")), _c("ngay_hieu_luc", DATE, required=False)),
        name_date="day", name_date_column="snapshot_date", key=("ma_tthc",)),
    SourceKind(
        "decisions", "catalogue", re.compile(r"catalogue/decisions\.csv"), "raw.decisions",
        (_c("so_quyet_dinh"), _c("ngay_ban_hanh", DATE), _c("ma_tthc"),
         _c("loai", CODE, codes=("MOI", "SUA_DOI", "BAI_BO"))),
        key=("so_quyet_dinh", "ma_tthc")),
    SourceKind(
        "staff", "hr", re.compile(r"hr/staff_(\d{8})\.csv"), "raw.staff",
        (_c("ma_can_bo"), _c("ho_ten", personal=True), _c("ngay_sinh", DATE, required=False, personal=True),
         _c("gioi_tinh", CODE, required=False, codes=("NAM", "NU")), _c("ma_don_vi"),
         _c("cap", CODE, codes=CAP),
         _c("loai", CODE, codes=("CAN_BO", "CONG_CHUC", "VIEN_CHUC", "HOP_DONG_68")),
         _c("chuc_vu", required=False), _c("dat_chuan", CODE, required=False, codes=YN),
         _c("trang_thai", CODE, codes=("DANG_CONG_TAC", "NGHI_HUU", "THOI_VIEC", "TINH_GIAN"))),
        name_date="day", name_date_column="snapshot_date", key=("ma_can_bo",)),
    SourceKind(
        "quotas", "hr", re.compile(r"hr/quotas_(\d{4})\.csv"), "raw.quotas",
        (_c("ma_don_vi"), _c("khoi", CODE, codes=("HCNN", "DVSN", "HOI")),
         _c("loai_chi_tieu", CODE, codes=("BIEN_CHE_CONG_CHUC", "SO_NGUOI_LAM_VIEC", "HOP_DONG_68")),
         _c("so_luong", INT, minimum=0)),
        name_date="year", name_date_column="nam"),
    SourceKind(
        "personnel_events", "hr", re.compile(r"hr/personnel_events\.csv"), "raw.personnel_events",
        (_c("ma_su_kien"), _c("ma_can_bo"),
         _c("loai", CODE, codes=("BO_NHIEM_MOI", "BO_NHIEM_LAI", "KEO_DAI_CHUC_VU", "TUYEN_DUNG",
                                 "TINH_GIAN", "NGHI_HUU")),
         _c("ngay_hieu_luc", DATE), _c("so_quyet_dinh", required=False)),
        key=("ma_su_kien",)),
    SourceKind(
        "par_index", "indices", re.compile(r"indices/par_index_(\d{4})\.csv"), "raw.par_index",
        (_c("ma_don_vi"), _c("nhom", CODE, codes=("SO_NGANH", "UBND_HUYEN", "DVSN", "CQ_TRUNG_UONG")),
         _c("xep_hang", CODE, codes=YN), _c("linh_vuc"), _c("ma_tieu_chi"),
         _c("diem_toi_da", NUMERIC, minimum=0, exclusive_minimum=True),
         _c("diem_tu_danh_gia", NUMERIC, required=False, minimum=0),
         _c("diem_tham_dinh", NUMERIC, required=False, minimum=0)),
        name_date="year", name_date_column="nam", key=("ma_don_vi", "ma_tieu_chi")),
    SourceKind(
        "sipas", "indices", re.compile(r"indices/sipas_(\d{4})\.csv"), "raw.sipas",
        (_c("ma_phieu"), _c("ma_don_vi"),
         _c("yeu_to", CODE, codes=("TIEP_CAN", "TTHC", "CONG_CHUC", "KET_QUA", "GOP_Y")),
         _c("ma_cau_hoi"), _c("muc_do", CODE, required=False, codes=("1", "2", "3", "4", "5"))),
        name_date="year", name_date_column="nam", key=("ma_phieu", "ma_cau_hoi")),
    SourceKind(
        "provincial_rankings", "indices", re.compile(r"indices/provincial_rankings\.csv"),
        "raw.provincial_rankings",
        (_c("nam", INT, minimum=1900), _c("ma_tinh"), _c("ten_tinh"), _c("par_index", NUMERIC, minimum=0),
         _c("xep_hang", INT, minimum=1), _c("so_tinh", INT, minimum=1),
         _c("sipas", NUMERIC, required=False, minimum=0)),
        key=("nam", "ma_tinh")),
    # Registers (optional sources: a zone without them loads; the report then says "chưa có số liệu").
    SourceKind(
        "documents", "registers", re.compile(r"edoc/documents\.csv"), "raw.documents",
        (_c("so_ky_hieu"), _c("ngay_ban_hanh", DATE),
         _c("loai", CODE, codes=("KE_HOACH", "QUYET_DINH", "NGHI_QUYET", "CHI_THI", "CONG_VAN", "THONG_BAO",
                                 "BAO_CAO", "KHAC")),
         _c("co_quan"),
         _c("linh_vuc_cchc", CODE, required=False, codes=REFORM_AREAS),
         _c("nam_ke_hoach", INT, required=False, minimum=1900),
         _c("la_qppl", CODE, codes=YN), _c("trich_yeu")),
        key=("so_ky_hieu", "ngay_ban_hanh")),
    SourceKind(
        "legal_reviews", "registers", re.compile(r"legal/reviews\.csv"), "raw.legal_reviews",
        (_c("so_ky_hieu"), _c("ngay_ra_soat", DATE), _c("co_quan_ra_soat"),
         _c("ket_qua", CODE, codes=("CON_PHU_HOP", "KIEN_NGHI_SUA_DOI", "KIEN_NGHI_BAI_BO",
                                    "KIEN_NGHI_THAY_THE")))),
    SourceKind(
        "feedback", "registers", re.compile(r"feedback/pakn_(\d{8})\.jsonl"), "raw.feedback",
        (_c("Id", target="id"), _c("MaPAKN", target="ma_pakn"), _c("ThoiDiem", TIMESTAMP, target="thoi_diem"),
         _c("TrangThai", CODE, codes=("1", "2", "3", "4"), target="trang_thai"),
         _c("MaDonViXuLy", target="ma_don_vi_xu_ly"),
         _c("CongKhai", CODE, required=False, codes=("true", "false"), target="cong_khai"),
         _c("NguoiGui", required=False, personal=True, target="nguoi_gui"),
         _c("SoDienThoai", required=False, personal=True, target="so_dien_thoai"),
         _c("NoiDung", required=False, personal=True, target="noi_dung")),
        name_date="day", name_date_column="_file_date", fmt="jsonl"),
    SourceKind(
        "inspection_plan", "registers", re.compile(r"inspection/plan_(\d{4})\.csv"), "raw.inspection_plan",
        (_c("ma_don_vi"), _c("thang_du_kien", CODE, codes=tuple(str(m) for m in range(1, 13))),
         _c("so_ke_hoach")),
        name_date="year", name_date_column="nam"),
]}

SOURCE_GROUPS: dict[str, list[str]] = {}
for _kind in SOURCE_KINDS.values():
    SOURCE_GROUPS.setdefault(_kind.group, []).append(_kind.name)

# Personal data, from Column.personal (the one list): raw table → its personal columns. They stay in the
# restricted raw schema; dbt never selects them (dbt/tests/assert_no_personal_columns_outside_raw.sql).
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    kind.table: tuple(c.target for c in kind.columns if c.personal)
    for kind in SOURCE_KINDS.values() if any(c.personal for c in kind.columns)
}


def match_source_kind(relative_path: str) -> tuple[SourceKind, str | None] | None:
    """(kind, date text from the name or None) for a landing-zone path, or None if unknown."""
    for kind in SOURCE_KINDS.values():
        match = kind.pattern.fullmatch(relative_path)
        if match:
            return kind, (match.group(1) if match.groups() else None)
    return None

"""Report parameters: validated before any query, each failure saying what is wrong."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from include.report.periods import CUTOFFS, parse_period_code

PARAM_NAMES = ("period", "cutoff", "index_year", "narrative_file", "output_dir", "ma_don_vi", "ma_tinh")
ALL_UNITS = "all"
ALL_PROVINCES = "all"   # ma_tinh=all: the national ranking of every province (Bảng tổng hợp các tỉnh)
UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
# Checked here, not by a form `pattern`: a malformed code gets validate_params' Vietnamese message.
PROVINCE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
# Characters that have no business in a period code or a path typed into a form,
# but that shells, SQL or template engines interpret.
INJECTION_CHARS = re.compile(r"[\x00-\x1f\x7f;'\"`$|&<>{}\\*?]|--|/\*")
MIN_INDEX_YEAR, MAX_INDEX_YEAR = 2000, 2100


# The Airflow form's labels (dags/cchc_report.py): Vietnamese messages name the field as the form shows it.
FIELD_LABELS = {"period": "Kỳ báo cáo", "cutoff": "Cách chốt số liệu", "index_year": "Năm Chỉ số CCHC/SIPAS",
                "narrative_file": "Tệp nội dung thuyết minh", "output_dir": "Thư mục lưu báo cáo",
                "ma_don_vi": "Đơn vị", "ma_tinh": "Tỉnh"}
PERIOD_FORMS_VI = ("2020 (cả năm), 2020-H1 hoặc 2020-H2 (6 tháng), 2020-Q1 đến 2020-Q4 (quý) "
                   "hoặc 2020-06 (tháng)")


class ReportParamError(ValueError):
    """A parameter of the report run is invalid; the message names it and says why.

    str(error) is English (command line, logs); `vi` is the same in Vietnamese for the form's user."""

    def __init__(self, message: str, vi: str | None = None):
        super().__init__(message)
        self.vi = vi or message


@dataclass(frozen=True)
class ValidatedParams:
    period_code: str
    cutoff: str
    index_year: int | None
    narrative_path: Path | None
    output_dir: Path
    unit: str | None = None  # None: the province; a ma_don_vi; or "all" (province + every top-level unit)
    ma_tinh: str | None = None  # None: the warehouse's only province; a province code; or "all" (national ranking)


def _check_injection(name: str, value: str) -> None:
    found = INJECTION_CHARS.search(value)
    if found:
        raise ReportParamError(
            f"{name}={value!r} is rejected: it contains {found.group(0)!r}, a character sequence "
            "used for shell/SQL/template injection, which no valid value contains",
            f"{FIELD_LABELS.get(name, name)} «{value}» bị từ chối: chứa ký tự {found.group(0)!r} "
            "không bao giờ có trong một giá trị hợp lệ")


def _text(params: dict, name: str) -> str | None:
    value = params.get(name)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if not isinstance(value, str):
        raise ReportParamError(f"{name}={value!r} must be text, not {type(value).__name__}",
                               f"{FIELD_LABELS.get(name, name)} phải là chuỗi ký tự")
    _check_injection(name, value)
    return value.strip()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def validate_params(params: dict, *, output_root: Path, default_output_dir: Path | None = None,
                    narrative_dir: Path | None = None) -> ValidatedParams:
    """Check the run's params without touching the database.

    - period: YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM;
    - cutoff: nd09 (default) or calendar;
    - index_year: null or a year;
    - narrative_file: null (then `<narrative_dir>/<period>.md` if it exists) or an existing .md file;
    - output_dir: null (then default_output_dir) or a directory under output_root; a relative
      path is taken relative to output_root;
    - ma_don_vi: null (the province), a unit code, or 'all' (whether the unit exists is checked
      against the warehouse by check_unit_exists, still before any figure is queried);
    - ma_tinh: null (the warehouse's only province), a province code, or 'all' (the national ranking, which
      has no unit); whether the province exists, and whether null is allowed (one province only), is
      checked against the warehouse by include.report.provinces.resolve_province.
    """
    unknown = sorted(set(params) - set(PARAM_NAMES))
    if unknown:
        raise ReportParamError(f"unknown parameter(s) {unknown}; the report takes {list(PARAM_NAMES)}",
                               f"Tham số không có trong biểu mẫu: {', '.join(unknown)}")

    period_code = _text(params, "period")
    if period_code is None:
        raise ReportParamError("period is required, e.g. '2020-H1', '2020-Q2' or '2020'",
                               f"Chưa nhập Kỳ báo cáo (bắt buộc): nhập {PERIOD_FORMS_VI}")
    if parse_period_code(period_code) is None:
        raise ReportParamError(
            f"period={period_code!r} is not a period code: expected YYYY (year), YYYY-H1/YYYY-H2 "
            "(half year), YYYY-Q1..YYYY-Q4 (quarter) or YYYY-MM (month), e.g. '2020-H1'",
            f"Kỳ báo cáo «{period_code}» không đúng dạng: nhập {PERIOD_FORMS_VI}")

    cutoff = _text(params, "cutoff") or "nd09"
    if cutoff not in CUTOFFS:
        raise ReportParamError(f"cutoff={cutoff!r} is not a cut-off rule: expected one of {list(CUTOFFS)}",
                               f"Cách chốt số liệu «{cutoff}» không hợp lệ: chọn nd09 hoặc calendar")

    index_year = params.get("index_year")
    if isinstance(index_year, str):
        _check_injection("index_year", index_year)
        index_year = index_year.strip() or None
        if index_year is not None:
            if not index_year.isdigit():
                raise ReportParamError(f"index_year={index_year!r} is not a year (e.g. 2019) or null",
                                       f"Năm Chỉ số CCHC/SIPAS «{index_year}» không phải là một năm (ví dụ 2019)")
            index_year = int(index_year)
    if index_year is not None:
        if isinstance(index_year, bool) or not isinstance(index_year, int):
            raise ReportParamError(f"index_year={index_year!r} is not a year (e.g. 2019) or null",
                                   f"Năm Chỉ số CCHC/SIPAS «{index_year}» không phải là một năm (ví dụ 2019)")
        if not MIN_INDEX_YEAR <= index_year <= MAX_INDEX_YEAR:
            raise ReportParamError(
                f"index_year={index_year} is out of range {MIN_INDEX_YEAR}–{MAX_INDEX_YEAR}",
                f"Năm Chỉ số CCHC/SIPAS {index_year} nằm ngoài khoảng {MIN_INDEX_YEAR}–{MAX_INDEX_YEAR}")

    narrative_text = _text(params, "narrative_file")
    narrative_path: Path | None
    if narrative_text is None:
        candidate = narrative_dir / f"{period_code}.md" if narrative_dir else None
        narrative_path = candidate if candidate is not None and candidate.is_file() else None
    else:
        narrative_path = Path(narrative_text).expanduser().resolve()
        if narrative_path.suffix.lower() != ".md":
            raise ReportParamError(f"narrative_file={narrative_text!r} must be a Markdown file (.md)",
                                   f"Tệp nội dung thuyết minh «{narrative_text}» phải là tệp Markdown (.md)")
        if not narrative_path.is_file():
            raise ReportParamError(f"narrative_file={narrative_text!r} does not exist or is not a file",
                                   f"Không tìm thấy Tệp nội dung thuyết minh «{narrative_text}»")

    root = Path(output_root).expanduser().resolve()
    output_text = _text(params, "output_dir")
    if output_text is None:
        if default_output_dir is None:
            raise ReportParamError("output_dir is required (no default output directory configured)",
                                   "Chưa nhập Thư mục lưu báo cáo")
        output_dir = Path(default_output_dir).expanduser()
    else:
        output_dir = Path(output_text).expanduser()
    if not output_dir.is_absolute():
        output_dir = root / output_dir
    output_dir = output_dir.resolve()
    if not _inside(output_dir, root):
        raise ReportParamError(
            f"output_dir={str(output_text or default_output_dir)!r} resolves to {output_dir}, which is outside "
            f"the allowed report root {root} (CCHC_REPORT_ROOT)",
            f"Thư mục lưu báo cáo «{output_text or default_output_dir}» nằm ngoài thư mục gốc báo cáo {root}: "
            "nhập một thư mục con của thư mục gốc (ví dụ 2020-H1)")
    if output_dir.exists() and not output_dir.is_dir():
        raise ReportParamError(f"output_dir={str(output_dir)!r} exists and is not a directory",
                               f"Thư mục lưu báo cáo «{output_dir}» đã có và không phải là thư mục")

    unit = _text(params, "ma_don_vi")
    if unit is not None and unit != ALL_UNITS and not UNIT_CODE.match(unit):
        raise ReportParamError(f"ma_don_vi={unit!r} is not a unit code (ma_don_vi of agencies.csv, e.g. "
                               f"'000.00.31.H55'), nor '{ALL_UNITS}'",
                               f"Đơn vị «{unit}» không phải là mã đơn vị (ví dụ 000.00.31.H55) hay '{ALL_UNITS}'")

    ma_tinh = _text(params, "ma_tinh")
    if ma_tinh is not None and ma_tinh != ALL_PROVINCES and not PROVINCE_CODE.match(ma_tinh):
        raise ReportParamError(f"ma_tinh={ma_tinh!r} is not a province code (ma_tinh of province.csv, e.g. '94'), "
                               f"nor '{ALL_PROVINCES}'",
                               f"Tỉnh «{ma_tinh}» không phải là mã tỉnh (ví dụ 94) hay '{ALL_PROVINCES}'")
    if ma_tinh == ALL_PROVINCES and unit is not None:
        raise ReportParamError(f"ma_tinh='{ALL_PROVINCES}' (the national ranking) takes no ma_don_vi (got {unit!r})",
                               f"Bảng tổng hợp các tỉnh (Tỉnh = '{ALL_PROVINCES}') không lập theo đơn vị: để trống "
                               "Đơn vị")

    return ValidatedParams(period_code, cutoff, index_year, narrative_path, output_dir, unit, ma_tinh)


def check_in_warehouse(conn, period_code: str, cutoff: str, unit: str | None, ma_tinh: str | None) -> str:
    """The DB half of validation, before any figure is queried: the province (resolved once: see
    include.report.provinces.resolve_province), then the period and the unit within it. Returns the
    resolved ma_tinh (a province code or 'all'); raises ReportParamError."""
    from include.report.provinces import resolve_province

    ma_tinh = resolve_province(conn, ma_tinh)
    check_period_exists(conn, period_code, cutoff, ma_tinh)
    if ma_tinh != ALL_PROVINCES:
        check_unit_exists(conn, unit, ma_tinh)
    return ma_tinh


def _resolved(conn, ma_tinh: str | None) -> str:
    """A province already resolved by the caller, or (None) the warehouse's only one."""
    from include.report.provinces import resolve_province

    return resolve_province(conn, None) if ma_tinh is None else ma_tinh


def check_period_exists(conn, period_code: str, cutoff: str, ma_tinh: str | None = None) -> None:
    """The period must be one the dossier data covers (marts.dim_period; of the province, if dim_period is kept
    per province). ma_tinh: a resolved province code, 'all' (any province's data), None (the only province)."""
    from include.report.provinces import ProvinceMarts

    province = None if ma_tinh == ALL_PROVINCES else _resolved(conn, ma_tinh)
    in_province = ProvinceMarts(conn, province).where("dim_period") if province else ""
    with conn.cursor() as cur:
        cur.execute(f"select 1 from marts.dim_period where period_code = %(period)s and cutoff = %(cutoff)s "
                    f"{in_province}", {"period": period_code, "cutoff": cutoff, "ma_tinh": province})
        if cur.fetchone() is not None:
            return
        cur.execute(f"select min(date_from), max(date_to) from marts.dim_period where cutoff = %(cutoff)s "
                    f"{in_province}", {"cutoff": cutoff, "ma_tinh": province})
        first, last = cur.fetchone()
    covered = f"the data covers {first:%d/%m/%Y}–{last:%d/%m/%Y}" if first else "the warehouse has no periods"
    covered_vi = f"dữ liệu có từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}" if first else "kho chưa có dữ liệu"
    raise ReportParamError(
        f"period={period_code!r} (cutoff {cutoff}) has no data in the warehouse (marts.dim_period); {covered}",
        f"Kỳ báo cáo «{period_code}» ({cutoff}) chưa có dữ liệu trong kho; {covered_vi}")


def check_unit_exists(conn, unit: str | None, ma_tinh: str | None = None) -> None:
    """A single unit must be in the province's agencies.csv (marts.dim_agency). ma_tinh: a resolved province
    code, or None (the warehouse's only province)."""
    if unit is None or unit == ALL_UNITS:
        return
    from include.report.provinces import ProvinceMarts

    db = ProvinceMarts(conn, _resolved(conn, ma_tinh))
    if db.one(f"select 1 as found from marts.dim_agency where ma_don_vi = %(unit)s {db.where('dim_agency')}",
              {"unit": unit}):
        return
    raise ReportParamError(f"ma_don_vi={unit!r} is not a unit of agencies.csv (marts.dim_agency); leave it "
                           f"empty for the province or use '{ALL_UNITS}'",
                           f"Đơn vị «{unit}» không có trong danh sách đơn vị (agencies.csv); để trống cho "
                           f"toàn tỉnh hoặc nhập '{ALL_UNITS}'")

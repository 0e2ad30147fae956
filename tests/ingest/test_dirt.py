"""One test per item of SOURCES.md's 'Dirt to expect' (fixtures: tests/fixtures/dirt/<case>/).

Each asserts the exact outcome (rows loaded, rows quarantined with their reason, or
the failed file's message) and, through RawDb.load, the rows-read invariant.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac

LOG = "onestop/dossier_log_20200316.jsonl"


def by_path(results):
    return {r.path: r for r in results}


def counts(result):
    return (result.status, result.rows_read, result.rows_loaded, result.rows_quarantined)


def test_utf8_bom_is_accepted_silently(raw_db):
    result = by_path(raw_db.load("utf8_bom", ["agencies"]))["reference/agencies.csv"]
    assert counts(result) == ("LOADED", 4, 4, 0)
    assert raw_db.rows("select ma_don_vi, ten_don_vi, _line_no from raw.agencies order by _line_no")[0] == \
        ("000.00.00.H55", "Văn phòng UBND tỉnh Sóc Trăng", 2)


def test_windows_line_endings_are_accepted_silently(raw_db):
    result = by_path(raw_db.load("crlf", ["holidays"]))["reference/holidays.csv"]
    assert counts(result) == ("LOADED", 3, 3, 0)
    assert raw_db.rows("select ngay, loai, ten from raw.holidays order by _line_no") == [
        (dt.date(2020, 1, 1), "NGHI", "Tết Dương lịch"), (dt.date(2020, 1, 24), "NGHI", "Tết Nguyên đán"),
        (dt.date(2020, 1, 4), "LAM_BU", "Làm bù")]


def test_trailing_empty_line_is_not_a_row(raw_db):
    results = by_path(raw_db.load("trailing_empty_line", ["personnel_events", "dossier_log"]))
    assert counts(results["hr/personnel_events.csv"]) == ("LOADED", 2, 2, 0)
    assert counts(results[LOG]) == ("LOADED", 1, 1, 0)


def test_windows_1258_file_is_decoded(raw_db):
    result = by_path(raw_db.load("windows_1258", ["agencies"]))["reference/agencies.csv"]
    assert counts(result) == ("LOADED", 4, 4, 0)
    names = [r[0] for r in raw_db.rows("select ten_don_vi from raw.agencies order by _line_no")]
    # NFC, so that it equals the same name delivered in UTF-8
    assert names == ["Văn phòng UBND tỉnh Sóc Trăng", "UBND huyện Kế Sách", "UBND xã Đại Hải",
                     "Trung tâm Y tế huyện Kế Sách"]


def test_invalid_utf8_rejects_the_file_with_its_location(raw_db):
    result = by_path(raw_db.load("invalid_utf8", ["decisions"]))["catalogue/decisions.csv"]
    assert result.status == "FAILED"
    assert result.error == ("catalogue/decisions.csv, line 3, column 29: invalid UTF-8 byte 0xff, and the file is "
                            "not recognisable as Windows-1258; file rejected")
    assert raw_db.rows("select count(*) from raw.decisions") == [(0,)]
    assert raw_db.rows("select status, error from raw.load_manifest") == [("FAILED", result.error)]


def test_missing_column_fails_the_file(raw_db):
    result = by_path(raw_db.load("missing_column", ["staff"]))["hr/staff_20200630.csv"]
    assert result.status == "FAILED"
    assert result.error.startswith("hr/staff_20200630.csv, line 1, column cap: missing column(s) in the header: cap")
    assert raw_db.rows("select count(*) from raw.staff") == [(0,)]


def test_unknown_code_values_are_quarantined(raw_db):
    result = by_path(raw_db.load("unknown_code", ["agencies"]))["reference/agencies.csv"]
    assert counts(result) == ("LOADED", 6, 4, 2)
    assert raw_db.quarantine("reference/agencies.csv") == [
        (6, "cap", "tinh", "unknown code value"), (7, "loai", "BAN", "unknown code value")]
    raw_line = raw_db.rows("select raw_line, source_kind from raw.quarantine where line_no = 6")
    assert raw_line == [("000.00.40.H55,Ban Quản lý dự án,tinh,SO_NGANH,,", "agencies")]


def test_impossible_dates_are_quarantined(raw_db):
    result = by_path(raw_db.load("bad_date", ["holidays"]))["reference/holidays.csv"]
    assert counts(result) == ("LOADED", 6, 3, 3)
    reason = "invalid date (expected YYYY-MM-DD)"
    assert raw_db.quarantine("reference/holidays.csv") == [
        (5, "ngay", "31/02/2020", reason), (6, "ngay", "2020-13-01", reason), (7, "ngay", "2020-02-30", reason)]


def test_log_timestamps_codes_and_lengths(raw_db):
    result = by_path(raw_db.load("timestamp_wrong_length", ["dossier_log"]))[LOG]
    assert counts(result) == ("LOADED", 6, 1, 5)
    assert raw_db.quarantine(LOG) == [
        (2, "ThoiDiemXuLy", "202003160800", "wrong length for yyyyMMddHHmmss (expected 14 digits)"),
        (3, "NgayHenTra", "202003201700001", "wrong length for yyyyMMddHHmmss (expected 14 digits)"),
        (4, "ThoiDiemXuLy", "20200231080000", "invalid yyyyMMddHHmmss timestamp"),
        (5, "TrangThaiHoSo", "11", "unknown code value"),
        (6, "KenhThucHien", "4", "unknown code value")]
    # the good row: local time (Asia/Ho_Chi_Minh, UTC+7) became timestamptz
    assert raw_db.rows("select id, thoi_diem_xu_ly = '2020-03-16 08:00:00+07', "
                       "ngay_hen_tra = '2020-03-20 17:00:00+07', _file_date from raw.dossier_log") == [
        ("L-1", True, True, dt.date(2020, 3, 16))]


def test_resent_ids_are_all_kept_with_file_and_line(raw_db):
    results = by_path(raw_db.load("resent_id", ["dossier_log"]))
    assert counts(results["onestop/dossier_log_20200316.jsonl"]) == ("LOADED", 2, 2, 0)
    assert counts(results["onestop/dossier_log_20200317.jsonl"]) == ("LOADED", 3, 3, 0)
    copies = raw_db.rows(
        "select l.id, m.path, l._line_no, l._file_date, to_char(l.thoi_diem_xu_ly, 'HH24:MI') from raw.dossier_log l "
        "join raw.load_manifest m on m.file_id = l._file_id order by l.id, l._file_date, l._line_no")
    assert copies == [
        ("R-1", "onestop/dossier_log_20200316.jsonl", 1, dt.date(2020, 3, 16), "08:00"),
        ("R-1", "onestop/dossier_log_20200317.jsonl", 1, dt.date(2020, 3, 17), "08:00"),
        ("R-2", "onestop/dossier_log_20200316.jsonl", 2, dt.date(2020, 3, 16), "09:00"),
        ("R-2", "onestop/dossier_log_20200317.jsonl", 2, dt.date(2020, 3, 17), "09:30"),
        ("R-2", "onestop/dossier_log_20200317.jsonl", 3, dt.date(2020, 3, 17), "09:45")]
    # 'latest copy wins' (file date, then line) can be applied downstream from these columns
    latest = raw_db.rows("select distinct on (id) id, noi_dung_xu_ly from raw.dossier_log "
                         "order by id, _file_date desc, _line_no desc")
    assert latest == [("R-1", "Tiếp nhận"), ("R-2", "Gửi lại lần hai")]


def test_out_of_order_and_late_records_load_as_delivered(raw_db):
    result = by_path(raw_db.load("out_of_order_late", ["dossier_log"]))["onestop/dossier_log_20200320.jsonl"]
    assert counts(result) == ("LOADED", 3, 3, 0)
    assert raw_db.rows("select id, _line_no, thoi_diem_xu_ly::date from raw.dossier_log order by _line_no") == [
        ("O-3", 1, dt.date(2020, 3, 18)), ("O-1", 2, dt.date(2020, 3, 10)), ("O-2", 3, dt.date(2020, 3, 11))]


def test_status_change_without_receipt_loads(raw_db):
    result = by_path(raw_db.load("receipt_never_arrives", ["dossier_log"]))[LOG]
    assert counts(result) == ("LOADED", 2, 2, 0)
    assert raw_db.rows("select trang_thai_ho_so from raw.dossier_log order by _line_no") == [(4,), (9,)]


def test_codes_missing_from_catalogue_or_agency_list_load(raw_db):
    # Counting rules keep such dossiers (in totals, in no by-level row): they are not quarantined.
    result = by_path(raw_db.load("unknown_catalogue_codes", ["dossier_log"]))[LOG]
    assert counts(result) == ("LOADED", 1, 1, 0)
    assert raw_db.rows("select ma_tthc, ma_don_vi from raw.dossier_log") == [("9.999999", "999.99.99.H55")]


def test_due_date_before_receipt_loads_as_delivered(raw_db):
    result = by_path(raw_db.load("due_before_receipt", ["dossier_log"]))[LOG]
    assert counts(result) == ("LOADED", 1, 1, 0)
    assert raw_db.rows("select ngay_hen_tra < thoi_diem_xu_ly from raw.dossier_log") == [(True,)]


def test_negative_or_non_numeric_scores_and_quotas_are_quarantined(raw_db):
    results = by_path(raw_db.load("negative_scores_quotas", ["quotas", "par_index"]))
    assert counts(results["indices/par_index_2019.csv"]) == ("LOADED", 5, 2, 3)
    assert raw_db.quarantine("indices/par_index_2019.csv") == [
        (3, "diem_tham_dinh", "-0.5", "negative value"),
        (4, "diem_tu_danh_gia", "hai", "not a number"),
        (5, "diem_toi_da", "0", "value must be greater than 0")]
    assert counts(results["hr/quotas_2020.csv"]) == ("LOADED", 4, 1, 3)
    assert raw_db.quarantine("hr/quotas_2020.csv") == [
        (3, "so_luong", "-3", "negative value"), (4, "so_luong", "mười", "not an integer"),
        (5, "so_luong", "2.5", "not an integer")]
    assert raw_db.rows("select nam, ma_don_vi, so_luong from raw.quotas") == [(2020, "000.00.00.H55", 25)]
    assert raw_db.rows("select nam, ma_tieu_chi, diem_tham_dinh::text from raw.par_index order by _line_no") == [
        (2019, "1.1", "1.5"), (2019, "1.5", None)]


def test_files_with_no_data_row_load_as_zero_rows(raw_db):
    """0 bytes (a day without syncs), blank lines only, or a CSV header alone (a template not yet filled):
    zero rows, LOADED with a note in the manifest, nothing fails."""
    results = by_path(raw_db.load("empty_file", ["sipas", "dossier_log", "quotas"]))
    empty = ["indices/sipas_2019.csv", LOG, "onestop/dossier_log_20200317.jsonl", "hr/quotas_2020.csv"]
    assert {path: counts(results[path]) for path in empty} == {path: ("LOADED", 0, 0, 0) for path in empty}
    assert raw_db.rows("select path, status, rows_read, note from raw.load_manifest order by path") == [
        ("hr/quotas_2020.csv", "LOADED", 0, "no data row (empty file or header only)"),
        ("indices/sipas_2019.csv", "LOADED", 0, "no data row (empty file or header only)"),
        (LOG, "LOADED", 0, "no data row (empty file or header only)"),
        ("onestop/dossier_log_20200317.jsonl", "LOADED", 0, "no data row (empty file or header only)")]
    # a second run skips them like any unchanged file
    again = by_path(raw_db.load("empty_file", ["sipas", "dossier_log", "quotas"]))
    assert {again[path].status for path in empty} == {"SKIPPED"}


def test_quota_rows_for_one_unit_khoi_and_kind_are_all_loaded(raw_db):
    """Quota rows have no key: identical or repeated (unit, khoi, kind) rows are not duplicates."""
    result = by_path(raw_db.load("quota_rows_add_up", ["quotas"]))["hr/quotas_2020.csv"]
    assert counts(result) == ("LOADED", 3, 3, 0)
    assert raw_db.rows("select sum(so_luong) from raw.quotas") == [(55,)]


def test_truncated_files_fail_naming_the_line(raw_db):
    results = by_path(raw_db.load("truncated", ["dossier_log", "decisions"]))
    assert results[LOG].status == "FAILED"
    assert results[LOG].error.startswith(f"{LOG}, line 2, column 66: file truncated mid-line (no line end")
    assert results["catalogue/decisions.csv"].error == (
        "catalogue/decisions.csv, line 3, column 2: file truncated: last line has 2 of 4 fields and no line end")
    assert raw_db.rows("select count(*) from raw.dossier_log") == [(0,)]   # line 1 was fine: not loaded either
    assert raw_db.rows("select count(*) from raw.decisions") == [(0,)]


def test_files_not_in_the_format_their_name_says_fail(raw_db):
    results = by_path(raw_db.load("wrong_format", ["procedures", "dossier_log", "staff"]))
    assert results[LOG].error == (f"{LOG}, line 1, column 1: not JSON lines: looks like CSV "
                                  "(không phải JSON lines: nội dung dạng CSV)")
    assert results["catalogue/procedures_20200101.csv"].error == (
        "catalogue/procedures_20200101.csv, line 1, column 1: not CSV: looks like JSON "
        "(không phải CSV: nội dung dạng JSON)")
    assert results["hr/staff_20200101.csv"].error == (
        "hr/staff_20200101.csv, line 1, column 6: binary content (NUL byte): not a text file of the format "
        "its name says")
    assert {r.status for r in results.values()} == {"FAILED"}


def test_row_shape_faults_and_column_order(raw_db):
    results = by_path(raw_db.load("row_shape", ["personnel_events", "dossier_log"]))
    assert counts(results["hr/personnel_events.csv"]) == ("LOADED", 6, 2, 4)
    assert raw_db.quarantine("hr/personnel_events.csv") == [
        (3, None, None, "wrong number of fields (expected 6, got 7)"),
        (4, None, None, "empty line"),
        (5, "ma_su_kien", "SK1", "duplicate key in file (first at line 2)"),
        (6, "ma_can_bo", None, "missing required value")]
    assert raw_db.rows("select ma_su_kien, so_quyet_dinh, _line_no from raw.personnel_events order by _line_no") == [
        ("SK1", "12/QĐ-UBND", 2), ("SK4", "15/QĐ-UBND, bổ sung", 7)]
    # JSONL with CRLF, an inner blank line, a record lacking required fields, a string status, a nested note
    assert counts(results[LOG]) == ("LOADED", 5, 3, 2)
    assert raw_db.quarantine(LOG) == [(2, None, None, "empty line"), (4, "MaTTHC", None, "missing required value")]
    assert raw_db.rows("select id, trang_thai_ho_so, chu_ho_so, applicant_pseudonym is null, noi_dung_xu_ly "
                       "from raw.dossier_log order by _line_no") == [
        ("B-1", 2, "Nguyễn Văn An", False, "Tiếp nhận"), ("B-2", 4, None, True, "Tiếp nhận"),
        ("B-4", 9, "Nguyễn Văn An", False, '{"ghi_chu": "lồng"}')]


def test_applicant_pseudonym_is_keyed_hmac_of_normalised_id(raw_db):
    from include.config import pseudonym_secret

    raw_db.load("resent_id", ["dossier_log"])
    expected = hmac.new(pseudonym_secret(), b"094123456789", hashlib.sha256).hexdigest()
    assert raw_db.rows("select distinct so_giay_to_chu_ho_so, applicant_pseudonym from raw.dossier_log") == [
        ("094 123 456 789", expected)]


def test_fault_found_in_a_later_chunk_is_located_and_loads_nothing(raw_db):
    # chunk_rows=1: line 1 is parsed (and COPYed) before the truncated line 2 is met.
    result = by_path(raw_db.load("truncated", ["dossier_log"], chunk_rows=1))[LOG]
    assert result.status == "FAILED"
    assert result.error.startswith(f"{LOG}, line 2, column 66: file truncated mid-line (no line end")
    assert raw_db.rows("select count(*) from raw.dossier_log") == [(0,)]


def test_quarantine_keeps_the_raw_line(raw_db):
    raw_db.load("timestamp_wrong_length", ["dossier_log"])
    raw = raw_db.rows("select raw_line from raw.quarantine where line_no = 2")[0][0]
    assert raw.startswith('{"Id": "L-2", "MaHoSo": "HS-2"') and '"ThoiDiemXuLy": "202003160800"' in raw

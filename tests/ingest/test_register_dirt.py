"""The registers (edoc/, legal/, feedback/, inspection/) meet SOURCES.md's 'Dirt to expect' like every source.

Fixtures: tests/fixtures/dirt/registers_rows (row-level dirt, BOM, CRLF, Windows-1258, re-sent Ids) and
registers_files (whole-file faults). Each test asserts the exact outcome, and RawDb.load the rows-read invariant.
"""
from __future__ import annotations

import datetime as dt

from tests.ingest.conftest import by_path

DOCS, REVIEWS, PLAN = "edoc/documents.csv", "legal/reviews.csv", "inspection/plan_2020.csv"
PAKN_16, PAKN_17 = "feedback/pakn_20200316.jsonl", "feedback/pakn_20200317.jsonl"
REGISTER_KINDS = ["documents", "legal_reviews", "feedback", "inspection_plan"]


def counts(result):
    return (result.status, result.rows_read, result.rows_loaded, result.rows_quarantined)


def test_document_register_rows(raw_db):
    # UTF-8 BOM, CRLF line ends, a trailing empty line, a quoted comma, then one fault per line
    result = by_path(raw_db.load("registers_rows", ["documents"]))[DOCS]
    assert counts(result) == ("LOADED", 8, 3, 5)
    assert raw_db.quarantine(DOCS) == [
        (5, "ngay_ban_hanh", "31/02/2020", "invalid date (expected YYYY-MM-DD)"),
        (6, "linh_vuc_cchc", "CCHC", "unknown code value"),
        (7, "nam_ke_hoach", "hai", "not an integer"),
        (8, "so_ky_hieu,ngay_ban_hanh", "163/KH-UBND|2019-12-26", "duplicate key in file (first at line 2)"),
        (9, "la_qppl", None, "missing required value")]
    assert raw_db.rows("select so_ky_hieu, ngay_ban_hanh, linh_vuc_cchc, nam_ke_hoach, trich_yeu "
                       "from raw.documents order by _line_no") == [
        ("163/KH-UBND", dt.date(2019, 12, 26), "KE_HOACH_CCHC", 2020, "Thực hiện CCHC năm 2020"),
        ("07/KH-UBND", dt.date(2020, 1, 17), "THE_CHE", None, "Kiểm tra, rà soát VBQPPL"),
        ("01/2020/NQ-HĐND", dt.date(2020, 3, 10), None, None, "Nghị quyết quy phạm")]


def test_review_rows_have_no_key_and_all_count(raw_db):
    result = by_path(raw_db.load("registers_rows", ["legal_reviews"]))[REVIEWS]
    assert counts(result) == ("LOADED", 4, 2, 2)
    assert raw_db.quarantine(REVIEWS) == [
        (4, "ngay_ra_soat", "2020-13-01", "invalid date (expected YYYY-MM-DD)"),
        (5, "ket_qua", "HET_HIEU_LUC", "unknown code value")]
    assert raw_db.rows("select count(*) from raw.legal_reviews where so_ky_hieu = '01/2018/QĐ-UBND'") == [(2,)]


def test_feedback_log_dirt_and_resent_ids(raw_db):
    results = by_path(raw_db.load("registers_rows", ["feedback"]))
    assert counts(results[PAKN_16]) == ("LOADED", 5, 2, 3)
    assert raw_db.quarantine(PAKN_16) == [
        (2, "ThoiDiem", "202003160900", "wrong length for yyyyMMddHHmmss (expected 14 digits)"),
        (3, "TrangThai", "5", "unknown code value"),
        (4, "CongKhai", "có", "unknown code value")]
    assert counts(results[PAKN_17]) == ("LOADED", 3, 3, 0)
    # every copy is kept with its file and line; the latest copy of an Id wins downstream (stg_feedback__pakn)
    assert raw_db.rows("select id, _file_date, _line_no, trang_thai, cong_khai, to_char(thoi_diem, 'HH24:MI') "
                       "from raw.feedback order by id, _file_date, _line_no") == [
        ("F-1", dt.date(2020, 3, 16), 1, 1, False, "08:00"),
        ("F-1", dt.date(2020, 3, 17), 1, 1, False, "08:00"),
        ("F-5", dt.date(2020, 3, 16), 5, 1, None, "11:00"),
        ("F-6", dt.date(2020, 3, 17), 2, 3, True, "09:00"),
        ("F-6", dt.date(2020, 3, 17), 3, 3, True, "09:30")]
    # the personal fields are kept in the restricted raw schema only
    assert raw_db.rows("select distinct nguoi_gui, so_dien_thoai from raw.feedback where id = 'F-1'") == [
        ("Lê Thị Hoa", "0987654321")]


def test_inspection_plan_in_windows_1258_with_extra_column(raw_db):
    result = by_path(raw_db.load("registers_rows", ["inspection_plan"]))[PLAN]
    assert counts(result) == ("LOADED", 4, 2, 2)
    assert raw_db.quarantine(PLAN) == [(4, "thang_du_kien", "13", "unknown code value"),
                                       (5, "thang_du_kien", "07", "unknown code value")]
    assert raw_db.rows("select nam, ma_don_vi, thang_du_kien from raw.inspection_plan order by _line_no") == [
        (2020, "000.00.11.H55", 7), (2020, "000.00.40.H55", 8)]


def test_whole_register_files_that_fail_name_file_line_and_column(raw_db):
    results = by_path(raw_db.load("registers_files", REGISTER_KINDS))
    assert {r.status for r in results.values()} == {"FAILED"}
    assert results[DOCS].error.startswith(
        f"{DOCS}, line 1, column la_qppl: missing column(s) in the header: la_qppl")
    assert results[REVIEWS].error == f"{REVIEWS}, line 1, column 1: not CSV: looks like JSON (không phải CSV: nội dung dạng JSON)"
    assert results["feedback/pakn_20200318.jsonl"].error.startswith(
        "feedback/pakn_20200318.jsonl, line 2, column ")
    assert "file truncated mid-line" in results["feedback/pakn_20200318.jsonl"].error
    assert results[PLAN].error == (f"{PLAN}, line 3, column 1: invalid UTF-8 byte 0xff, and the file is not "
                                   "recognisable as Windows-1258; file rejected")
    for table in ("documents", "legal_reviews", "feedback", "inspection_plan"):
        assert raw_db.rows(f"select count(*) from raw.{table}") == [(0,)]


def test_a_zone_without_registers_loads(raw_db):
    results = raw_db.load("clean_landing")
    assert {r.status for r in results} == {"LOADED"}
    assert not [r for r in results if r.source_kind in REGISTER_KINDS]

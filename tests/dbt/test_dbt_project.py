"""The dbt project on a real PostgreSQL: raw layer (the ingest DDL) + a small hand-made dataset.

Every expected figure below is derived by hand from COUNTING_RULES.md; each dossier is one
case, documented where it is defined. The log arrives in two deliveries: the first `dbt build`
sees batch 1 only, the second runs incrementally on batch 2, and a `--full-refresh` must give
identical marts. Figures are asserted on the marts the report reads.

The warehouse holds several provinces: Sóc Trăng (94, the hand-made figures below), a second
province (95) that sends exactly the same files — the same Ids, dossier codes, unit and procedure
codes (SOURCES.md: codes are unique only within a province) — and a third (96) whose zone first
arrives, with all its files at once, on the incremental night. Every figure asserted for 94 is the
one derived by hand for 94 alone, and every mart holds the same rows for 95 and 96 as for 94.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest

from include.config import dbt_project_vars
from include.ingest.sources import PERSONAL_COLUMNS
from include.warehouse import bi_reader_url, connect, ensure_roles

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_DIR = PROJECT_ROOT / "dbt"
RAW_DDL = PROJECT_ROOT / "include" / "ingest" / "raw_schema.sql"

# --------------------------------------------------------------------------- hand-made raw data
AGENCIES = [
    # ma_don_vi, ten_don_vi, cap, loai, ma_don_vi_cha, tu_chu
    ("T1", "Sở Tư pháp", "TINH", "SO_NGANH", None, None),
    ("H1", "UBND huyện Mỹ Tú", "HUYEN", "UBND_HUYEN", None, None),
    ("H1.P", "Phòng Tư pháp huyện Mỹ Tú", "HUYEN", "KHAC", "H1", None),
    ("X1", "UBND xã Mỹ Hương", "XA", "UBND_XA", "H1", None),
    ("D1", "Trung tâm A", "TINH", "DVSN", None, "Y"),
    ("D2", "Trung tâm B", "TINH", "DVSN", None, "N"),
    ("D3", "Trường C", "HUYEN", "DVSN", "H1", "Y"),
]
HOLIDAYS = [  # two days off inside D03's processing and a make-up Saturday
    (date(2020, 1, 8), "NGHI", "Nghỉ thử"), (date(2020, 1, 9), "NGHI", "Nghỉ thử"),
    (date(2020, 1, 11), "LAM_BU", "Làm bù"),
]


def _proc(snapshot, code, field, field_name, cap, level, lien_thong, mot_cua, status):
    return (snapshot, code, f"Thủ tục {code}", field, field_name, cap, None, level, lien_thong, mot_cua, 5,
            status, None)


S1, S2 = date(2020, 1, 1), date(2020, 4, 1)
PROCEDURES = [
    _proc(S1, "P1", "LV1", "Hộ tịch", "XA", 3, "KHONG", "Y", "CON_HIEU_LUC"),
    _proc(S1, "P2", "LV2", "Đất đai", "HUYEN", 4, "GIUA_CAC_CAP", "Y", "CON_HIEU_LUC"),
    _proc(S1, "P3", "LV3", "Tư pháp", "TINH", 2, "CUNG_CAP", "N", "CON_HIEU_LUC"),
    _proc(S1, "P4", "LV3", "Tư pháp", "TINH", 2, "NHOM", "Y", "CON_HIEU_LUC"),
    _proc(S2, "P1", "LV1", "Hộ tịch", "XA", 3, "KHONG", "Y", "CON_HIEU_LUC"),
    _proc(S2, "P2", "LV2", "Đất đai", "HUYEN", 4, "GIUA_CAC_CAP", "Y", "CON_HIEU_LUC"),
    _proc(S2, "P3", "LV3", "Tư pháp", "TINH", 3, "CUNG_CAP", "N", "CON_HIEU_LUC"),   # level 2 → 3: new version
    _proc(S2, "P4", "LV3", "Tư pháp", "TINH", 2, "NHOM", "Y", "BAI_BO"),
    _proc(S2, "P5", "LV3", "Tư pháp", "TINH", 1, "KHONG", "Y", "CON_HIEU_LUC"),
]
DECISIONS = [
    ("1/QĐ-UBND", date(2020, 1, 10), "P1", "MOI"), ("1/QĐ-UBND", date(2020, 1, 10), "P2", "MOI"),
    ("2/QĐ-UBND", date(2020, 3, 1), "P4", "BAI_BO"),
    ("3/QĐ-UBND", date(2020, 6, 20), "P5", "MOI"),          # after 14/06: calendar H1 only
]
STAFF = [  # snapshot, ma_can_bo, ho_ten, ngay_sinh, gioi_tinh, ma_don_vi, cap, loai, chuc_vu, dat_chuan, trang_thai
    (date(2020, 3, 31), "S1", "Nguyễn Văn A", date(1980, 1, 1), "NAM", "X1", "XA", "CAN_BO", None, "Y", "DANG_CONG_TAC"),
    (date(2020, 3, 31), "S2", "Trần Thị B", date(1985, 2, 2), "NU", "X1", "XA", "CAN_BO", None, "N", "DANG_CONG_TAC"),
    (date(2020, 3, 31), "S3", "Lê Văn C", None, "NAM", "X1", "XA", "CONG_CHUC", None, "Y", "DANG_CONG_TAC"),
    (date(2020, 3, 31), "S4", "Phạm Văn D", None, "NAM", "X1", "XA", "CONG_CHUC", None, "Y", "NGHI_HUU"),
    (date(2020, 3, 31), "S5", "Hồ Văn E", None, "NAM", "H1", "HUYEN", "CONG_CHUC", None, "Y", "DANG_CONG_TAC"),
    (date(2020, 3, 31), "S6", "Võ Văn F", None, "NAM", "X1", "XA", "VIEN_CHUC", None, "Y", "DANG_CONG_TAC"),
    (date(2020, 7, 1), "S1", "Nguyễn Văn A", date(1980, 1, 1), "NAM", "X1", "XA", "CAN_BO", None, "Y", "DANG_CONG_TAC"),
]
QUOTAS = [(2020, "T1", "HCNN", "BIEN_CHE_CONG_CHUC", 10), (2020, "H1", "HCNN", "BIEN_CHE_CONG_CHUC", 5),
          (2020, "D1", "DVSN", "SO_NGUOI_LAM_VIEC", 7), (2019, "T1", "HCNN", "BIEN_CHE_CONG_CHUC", 99)]
EVENTS = [("E1", "S1", "BO_NHIEM_MOI", date(2020, 1, 15), "5/QĐ"), ("E2", "S2", "TINH_GIAN", date(2020, 6, 10), None),
          ("E3", "S3", "TINH_GIAN", date(2020, 6, 20), None), ("E4", "S4", "NGHI_HUU", date(2019, 12, 1), None)]


def _par(unit, nhom, ranked, rows):
    return [(2019, unit, nhom, ranked, "TTHC", f"C{i}", max_, self_, appraised)
            for i, (max_, self_, appraised) in enumerate(rows)]


PAR_INDEX = (  # band edges: exactly 90 → TOT, 80 → TOT, 65 → KHA, 50 → TRUNG_BINH; 90.01 → RAT_TOT; 49.99 → KEM
    _par("U9001", "SO_NGANH", "Y", [(100, 95, 90.01)]) + _par("U90", "SO_NGANH", "Y", [(100, 95, 90)])
    + _par("U80", "SO_NGANH", "Y", [(100, 95, 80)])
    # null appraised score: criterion not applicable, out of both sums → 100 × 54 / 60 = 90 → TOT (ties U90)
    + _par("UNULL", "SO_NGANH", "Y", [(60, 60, 54), (40, 40, None)])
    + _par("U65", "UBND_HUYEN", "Y", [(50, 50, 32.5)]) + _par("U50", "UBND_HUYEN", "Y", [(100, 60, 50)])
    + _par("U4999", "UBND_HUYEN", "Y", [(100, 60, 49.99)])
    + _par("UNR", "DVSN", "N", [(100, 100, 95)])                       # scored, not ranked
)
SIPAS = (  # T1: 2 of 3 answered (one null) → 66.67; H1: 100; X1: 4 of 5 → exactly 80
    [(2019, "F1", "T1", "TTHC", "Q1", 5), (2019, "F1", "T1", "TTHC", "Q2", 4), (2019, "F1", "T1", "TTHC", "Q3", 3),
     (2019, "F1", "T1", "TTHC", "Q4", None), (2019, "F2", "H1", "KET_QUA", "Q1", 5), (2019, "F2", "H1", "KET_QUA", "Q2", 5)]
    + [(2019, "F3", "X1", "CONG_CHUC", f"Q{i}", v) for i, v in enumerate([5, 4, 4, 4, 2], 1)]
)
RANKINGS = [(2018, "94", "Sóc Trăng", 78.1, 24, 63, 84.40), (2019, "94", "Sóc Trăng", 82.03, 19, 63, 88.78)]

# Dossier log. Each record: (file date, id, dossier, procedure, unit, channel, status, when, due).
# The first `dbt build` sees the files dated up to BATCH_1_UNTIL, the incremental one the rest.
BATCH_1_UNTIL = date(2020, 4, 10)


def _log(file_day, rid, dossier, status, when, due=None, unit="T1", channel=None, proc="P3"):
    return (file_day, rid, dossier, proc, unit, channel, status, when, due)


def d(s):
    return date.fromisoformat(s)


LOG = [
    # D01 closed 14/12/2019, before 2020-H1 (nd09 from 15/12): in no 2020 figure.
    _log(d("2019-12-10"), "D01a", "D01", 2, "2019-12-10 08:00", "2019-12-20", channel=1),
    _log(d("2019-12-14"), "D01b", "D01", 9, "2019-12-14 09:00"),
    # D02 received before from, closed 20/12 < due 24/12: nd09 carried over + resolved early; not in calendar H1.
    _log(d("2019-12-10"), "D02a", "D02", 2, "2019-12-10 08:00", "2019-12-24", channel=1),
    _log(d("2019-12-20"), "D02b", "D02", 9, "2019-12-20 10:00"),
    # D03 online, XA. Apology: a status-4 record with a new NgayHenTra (no 5 before) does NOT move the
    # due date: closed 15/01 > due 10/01 → late. Working days 06/01→15/01 exclusive, minus 2 NGHI, plus the LAM_BU = 5.
    _log(d("2020-01-06"), "D03a", "D03", 2, "2020-01-06 08:00", "2020-01-10", unit="X1", channel=2, proc="P1"),
    _log(d("2020-01-09"), "D03b", "D03", 4, "2020-01-09 08:00", "2020-01-20", unit="X1", proc="P1"),
    _log(d("2020-01-15"), "D03c", "D03", 9, "2020-01-15 16:00", "2020-01-20", unit="X1", proc="P1"),
    # D04 HUYEN. Supplement cycle: 5 then the first 4 after it carries 20/02 → due moves; closed 18/02 → early.
    # Working days 03/02→18/02 exclusive = 10, minus waiting 05/02→12/02 exclusive = 4 → 6; 1 supplement cycle.
    _log(d("2020-02-03"), "D04a", "D04", 2, "2020-02-03 08:00", "2020-02-10", unit="H1", channel=1, proc="P2"),
    _log(d("2020-02-05"), "D04b", "D04", 5, "2020-02-05 08:00", "2020-02-10", unit="H1", proc="P2"),
    _log(d("2020-02-12"), "D04c", "D04", 4, "2020-02-12 08:00", "2020-02-20", unit="H1", proc="P2"),
    _log(d("2020-02-18"), "D04d", "D04", 9, "2020-02-18 08:00", "2020-02-20", unit="H1", proc="P2"),
    # D05 postal; 10 without 9: finished at the 10, on its due date → on due.
    _log(d("2020-03-02"), "D05a", "D05", 2, "2020-03-02 08:00", "2020-03-10", channel=3),
    _log(d("2020-03-10"), "D05b", "D05", 10, "2020-03-10 15:00"),
    # D06 withdrawn after its due date: still inside on due, and counted in withdrawn.
    _log(d("2020-03-02"), "D06a", "D06", 2, "2020-03-02 09:00", "2020-03-05", channel=1),
    _log(d("2020-03-20"), "D06b", "D06", 7, "2020-03-20 09:00"),
    # D07 HUYEN, stopped after its due date: on due + withdrawn.
    _log(d("2020-03-03"), "D07a", "D07", 2, "2020-03-03 09:00", "2020-03-05", unit="H1", channel=1, proc="P2"),
    _log(d("2020-03-25"), "D07b", "D07", 8, "2020-03-25 09:00", unit="H1", proc="P2"),
    # D08 XA waiting for a supplement at both period ends, due 10/05 already passed: in time, waiting.
    _log(d("2020-05-04"), "D08a", "D08", 2, "2020-05-04 08:00", "2020-05-10", unit="X1", channel=1, proc="P1"),
    _log(d("2020-05-08"), "D08b", "D08", 5, "2020-05-08 08:00", "2020-05-10", unit="X1", proc="P1"),
    # D09 processing, due 20/05 < to: pending overdue.
    _log(d("2020-05-04"), "D09a", "D09", 2, "2020-05-04 08:00", "2020-05-20", channel=1),
    _log(d("2020-05-05"), "D09b", "D09", 4, "2020-05-05 08:00", "2020-05-20"),
    # D10 due 30/06: in time at both 14/06 and 30/06 (due = to is not overdue).
    _log(d("2020-06-10"), "D10a", "D10", 2, "2020-06-10 08:00", "2020-06-30", channel=1),
    # D11 submitted online then refused (1, 3): never received, never counted.
    _log(d("2020-03-02"), "D11a", "D11", 1, "2020-03-02 08:00", channel=2),
    _log(d("2020-03-03"), "D11b", "D11", 3, "2020-03-03 08:00"),
    # D12 late-synced and re-sent: the close record was first sent (file 08/04, batch 1) stamped 15/04,
    # then re-sent (same Id, file 20/04, batch 2) stamped 08/04; the latest copy wins → closed 08/04 < due 10/04 → early.
    # Inside one file the last line wins too (D12b sent twice on 20/04: status 4 then 9).
    _log(d("2020-04-01"), "D12a", "D12", 2, "2020-04-01 08:00", "2020-04-10", channel=1),
    _log(d("2020-04-08"), "D12b", "D12", 9, "2020-04-15 08:00"),
    _log(d("2020-04-20"), "D12b", "D12", 4, "2020-04-08 08:00"),
    _log(d("2020-04-20"), "D12b", "D12", 9, "2020-04-08 08:00"),
    # D13 unit missing from agencies: in the totals, in no level; no due date → on due.
    _log(d("2020-02-10"), "D13a", "D13", 2, "2020-02-10 08:00", None, unit="ZZZ", channel=1),
    _log(d("2020-02-11"), "D13b", "D13", 9, "2020-02-11 08:00", unit="ZZZ"),
    # D14 HUYEN received 20/11/2019, never closed, due 01/12/2019: carried over + overdue (both cut-offs).
    _log(d("2019-11-20"), "D14a", "D14", 2, "2019-11-20 08:00", "2019-12-01", unit="H1", channel=1, proc="P2"),
    # D15 XA closed 18/06 (after 14/06), due 20/06: nd09 pending in time; calendar resolved early.
    _log(d("2020-06-01"), "D15a", "D15", 2, "2020-06-01 08:00", "2020-06-20", unit="X1", channel=1, proc="P1"),
    _log(d("2020-06-18"), "D15b", "D15", 9, "2020-06-18 08:00", unit="X1", proc="P1"),
    # D16 supplement requested 03/06, handed in 16/06 with a new due 25/06. Judged at 14/06 only the 5
    # counts → waiting (in time); judged at 30/06 the resume counts → due 25/06 < 30/06 → overdue.
    _log(d("2020-06-01"), "D16a", "D16", 2, "2020-06-01 08:00", "2020-06-05", channel=1),
    _log(d("2020-06-03"), "D16b", "D16", 5, "2020-06-03 08:00", "2020-06-05"),
    _log(d("2020-06-16"), "D16c", "D16", 4, "2020-06-16 08:00", "2020-06-25"),
    # D18 XA resolved on its due date (9), handed over later (10): closed at the 9 → on due.
    _log(d("2020-04-06"), "D18a", "D18", 2, "2020-04-06 08:00", "2020-04-09", unit="X1", channel=1, proc="P1"),
    _log(d("2020-04-09"), "D18b", "D18", 9, "2020-04-09 08:00", unit="X1", proc="P1"),
    _log(d("2020-04-14"), "D18c", "D18", 10, "2020-04-14 08:00", unit="X1", proc="P1"),
    # D19 receipt without a channel: the earliest record having one (the online submission) → online;
    # no due date → pending in time.
    _log(d("2020-04-01"), "D19a", "D19", 1, "2020-04-01 08:00", channel=2),
    _log(d("2020-04-02"), "D19b", "D19", 2, "2020-04-02 08:00"),
    # D20 HUYEN no channel anywhere → counts as 1 (in person); closed 05/04 < due 06/04 → early.
    _log(d("2020-04-03"), "D20a", "D20", 2, "2020-04-03 08:00", "2020-04-06", unit="H1", proc="P2"),
    _log(d("2020-04-05"), "D20b", "D20", 9, "2020-04-05 08:00", unit="H1", proc="P2"),
]
# D17's receipt sits in a SUPERSEDED file only (the loader deletes such rows; here they linger to prove
# dbt ignores any row whose file is not LOADED) → never counted.
SUPERSEDED_LOG = [_log(d("2020-03-15"), "D17a", "D17", 2, "2020-03-15 08:00", "2020-03-20", channel=1)]

# Expected figures, by hand (see each dossier above).
FIGURE_KEYS = list(dbt_project_vars()["bieu06_figures"])
EXPECTED_2020_H1 = {
    # nd09 15/12/2019–14/06/2020: carried D02 D14; new D03–D10 D12 D13 D15 D16 D18 D19 D20 (online D03 D19);
    # resolved: early D02 D04 D12 D20, on due D05 D06 D07 D13 D18, late D03; withdrawn D06 D07;
    # pending: D08 D09 D10 D14 D15 D16 D19 — overdue D09 D14, waiting D08 D16.
    "nd09": dict(zip(FIGURE_KEYS, [2, 15, 2, 13, 17, 10, 4, 5, 9, 1, 2, 7, 5, 2, 2])),
    # calendar 01/01–30/06/2020: D02 out; carried D14; D15 resolved early; pending D08 D09 D10 D14 D16 D19 —
    # overdue D09 D14 D16, waiting D08.
    "calendar": dict(zip(FIGURE_KEYS, [1, 15, 2, 13, 16, 10, 4, 5, 9, 1, 2, 6, 3, 3, 1])),
}
EXPECTED_2020_H1_ND09_BY_LEVEL = {
    "TINH": dict(zip(FIGURE_KEYS, [1, 7, 1, 6, 8, 4, 2, 2, 4, 0, 1, 4, 3, 1, 1])),    # D02 D05 D06 D09 D10 D12 D16 D19
    "HUYEN": dict(zip(FIGURE_KEYS, [1, 3, 0, 3, 4, 3, 2, 1, 3, 0, 1, 1, 0, 1, 0])),   # D04 D07 D14 D20
    "XA": dict(zip(FIGURE_KEYS, [0, 4, 1, 3, 4, 2, 0, 1, 1, 1, 0, 2, 2, 0, 1])),      # D03 D08 D15 D18
}


# --------------------------------------------------------------------------- loading the raw layer
PROVINCE, SECOND_PROVINCE = ("94", "Sóc Trăng"), ("95", "Bạc Liêu")
SECOND_PROVINCE_RANKING = (2019, "95", "Bạc Liêu", 70.5, 41, 63, 80.25)
LATE_PROVINCE = ("96", "Cà Mau")     # its zone appears on the second (incremental) night


def _manifest(cur, kind, path, file_date=None, status="LOADED", rows=0, province="94"):
    cur.execute(
        "insert into raw.load_manifest (ma_tinh, source_kind, path, size_bytes, sha256, file_date, status, rows_read,"
        " rows_loaded, rows_quarantined, finished_at) values (%s, %s, %s, 0, 'test', %s, %s, %s, %s, 0, now())"
        " returning file_id",
        (province, kind, path, file_date, status, rows, rows))
    return cur.fetchone()[0]


def _insert(cur, table, columns, rows, file_id, province="94"):
    from psycopg2.extras import execute_values

    execute_values(cur, f"insert into raw.{table} ({', '.join(columns)}, _ma_tinh, _file_id, _line_no) values %s",
                   [(*row, province, file_id, line) for line, row in enumerate(rows, start=2)])


def load_reference_data(url: str, province: tuple[str, str] = PROVINCE, rankings=RANKINGS) -> None:
    """The reference, catalogue, HR and index files of one province's landing zone."""
    insert, manifest = partial(_insert, province=province[0]), partial(_manifest, province=province[0])
    conn = connect(url)
    with conn, conn.cursor() as cur:
        cur.execute(RAW_DDL.read_text())
        insert(cur, "province", ["ma_tinh", "ten_tinh"], [province],
                manifest(cur, "province", "reference/province.csv"))
        insert(cur, "agencies", ["ma_don_vi", "ten_don_vi", "cap", "loai", "ma_don_vi_cha", "tu_chu"], AGENCIES,
                manifest(cur, "agencies", "reference/agencies.csv"))
        insert(cur, "holidays", ["ngay", "loai", "ten"], HOLIDAYS, manifest(cur, "holidays", "reference/holidays.csv"))
        for snapshot in (S1, S2):
            rows = [r for r in PROCEDURES if r[0] == snapshot]
            insert(cur, "procedures", ["snapshot_date", "ma_tthc", "ten_tthc", "ma_linh_vuc", "ten_linh_vuc",
                                        "cap_thuc_hien", "ma_co_quan", "muc_do_dvc", "lien_thong", "mot_cua",
                                        "thoi_han_ngay", "trang_thai", "ngay_hieu_luc"], rows,
                    manifest(cur, "procedures", f"catalogue/procedures_{snapshot:%Y%m%d}.csv", snapshot))
        insert(cur, "decisions", ["so_quyet_dinh", "ngay_ban_hanh", "ma_tthc", "loai"], DECISIONS,
                manifest(cur, "decisions", "catalogue/decisions.csv"))
        for snapshot in sorted({r[0] for r in STAFF}):
            insert(cur, "staff", ["snapshot_date", "ma_can_bo", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_don_vi", "cap",
                                   "loai", "chuc_vu", "dat_chuan", "trang_thai"],
                    [r for r in STAFF if r[0] == snapshot],
                    manifest(cur, "staff", f"hr/staff_{snapshot:%Y%m%d}.csv", snapshot))
        insert(cur, "quotas", ["nam", "ma_don_vi", "khoi", "loai_chi_tieu", "so_luong"], QUOTAS,
                manifest(cur, "quotas", "hr/quotas_2020.csv"))
        insert(cur, "personnel_events", ["ma_su_kien", "ma_can_bo", "loai", "ngay_hieu_luc", "so_quyet_dinh"], EVENTS,
                manifest(cur, "personnel_events", "hr/personnel_events.csv"))
        insert(cur, "par_index", ["nam", "ma_don_vi", "nhom", "xep_hang", "linh_vuc", "ma_tieu_chi", "diem_toi_da",
                                   "diem_tu_danh_gia", "diem_tham_dinh"], PAR_INDEX,
                manifest(cur, "par_index", "indices/par_index_2019.csv"))
        insert(cur, "sipas", ["nam", "ma_phieu", "ma_don_vi", "yeu_to", "ma_cau_hoi", "muc_do"], SIPAS,
                manifest(cur, "sipas", "indices/sipas_2019.csv"))
        insert(cur, "provincial_rankings", ["nam", "ma_tinh", "ten_tinh", "par_index", "xep_hang", "so_tinh", "sipas"],
                rankings, manifest(cur, "provincial_rankings", "indices/provincial_rankings.csv"))
    conn.close()


LOG_COLUMNS = ["id", "ma_ho_so", "ma_tthc", "ma_don_vi", "kenh_thuc_hien", "trang_thai_ho_so", "thoi_diem_xu_ly",
               "ngay_hen_tra", "nguoi_xu_ly", "chu_ho_so", "so_giay_to_chu_ho_so", "so_dien_thoai", "noi_dung_xu_ly",
               "applicant_pseudonym", "_file_date"]


def _log_row(record):
    file_day, rid, dossier, proc, unit, channel, status, when, due = record
    return (rid, dossier, proc, unit, channel, status, f"{when}:00+07", f"{due} 17:00:00+07" if due else None,
            "CB01", "Nguyễn Văn Dân", "079000000001", "0900000000", None, "pseudo-" + dossier, file_day)


def load_log_files(url: str, records, status="LOADED", province: str = "94") -> None:
    """One manifest row + rows per file date, files in date order (lines in list order)."""
    conn = connect(url)
    with conn, conn.cursor() as cur:
        for file_day in sorted({r[0] for r in records}):
            rows = [_log_row(r) for r in records if r[0] == file_day]
            file_id = _manifest(cur, "dossier_log", f"onestop/dossier_log_{file_day:%Y%m%d}.jsonl", file_day,
                                status=status, rows=len(rows), province=province)
            _insert(cur, "dossier_log", LOG_COLUMNS, rows, file_id, province=province)
    conn.close()


def run_dbt(url: str, *args: str) -> subprocess.CompletedProcess:
    from include.nightly.dbt_runner import dbt_environment
    from pipeline_support import DBT_TARGET

    env = dbt_environment(url, DBT_TARGET)
    dbt = str(Path(sys.executable).parent / "dbt")
    proc = subprocess.run([dbt, *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
                          env=env, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}"
    return proc


def snapshot_marts(url: str) -> dict[str, list[tuple]]:
    """Every marts table, all rows sorted (to compare a full refresh with an incremental run)."""
    conn = connect(url)
    with conn, conn.cursor() as cur:
        cur.execute("select table_name from information_schema.tables where table_schema = 'marts' order by 1")
        tables = [r[0] for r in cur.fetchall()]
        result = {}
        for table in tables:
            cur.execute(f'select * from marts."{table}"')
            result[table] = sorted(cur.fetchall(), key=repr)
    conn.close()
    return result


def query(url: str, sql: str, params=None):
    conn = connect(url)
    with conn, conn.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    conn.close()
    return rows


def figures(url: str, where: str, params=(), province: str = "94") -> dict[str, int]:
    sums = ", ".join(f"coalesce(sum({k}), 0)::int" for k in FIGURE_KEYS)
    row = query(url, f"select {sums} from marts.agg_dossier_bieu06 where ma_tinh = '{province}' and {where}", params)[0]
    return dict(zip(FIGURE_KEYS, row))


# --------------------------------------------------------------------------- the builds
@pytest.fixture(scope="module")
def built(fresh_database_url):
    """Batch 1 → dbt build; batch 2 → incremental dbt build; then snapshots, then --full-refresh.
    Both provinces receive the same files (the second one's rankings file also ranks itself)."""
    url = fresh_database_url
    load_reference_data(url)
    load_reference_data(url, SECOND_PROVINCE, RANKINGS + [SECOND_PROVINCE_RANKING])
    ensure_roles(url)
    for province in (PROVINCE[0], SECOND_PROVINCE[0]):
        load_log_files(url, [r for r in LOG if r[0] <= BATCH_1_UNTIL], province=province)
        load_log_files(url, SUPERSEDED_LOG, status="SUPERSEDED", province=province)
    run_dbt(url, "build")
    first_figures = figures(url, "period_code = '2020-Q1' and cutoff = 'nd09'")
    for province in (PROVINCE[0], SECOND_PROVINCE[0]):
        load_log_files(url, [r for r in LOG if r[0] > BATCH_1_UNTIL], province=province)
    load_reference_data(url, LATE_PROVINCE)
    load_log_files(url, LOG, province=LATE_PROVINCE[0])
    load_log_files(url, SUPERSEDED_LOG, status="SUPERSEDED", province=LATE_PROVINCE[0])
    incremental_log = run_dbt(url, "build").stdout
    from pipeline_support import DBT_TARGET

    incremental_agg_sql = ((DBT_TARGET or DBT_DIR / "target") / "compiled" / "cchc" / "models" / "marts"
                           / "agg_dossier_bieu06.sql").read_text()
    incremental = snapshot_marts(url)
    run_dbt(url, "build", "--full-refresh")
    full = snapshot_marts(url)
    return {"url": url, "incremental": incremental, "full": full, "first_figures": first_figures,
            "incremental_log": incremental_log, "incremental_agg_sql": incremental_agg_sql}


def test_incremental_run_equals_full_refresh(built):
    assert "incremental model marts.fct_dossier " in built["incremental_log"]
    assert "incremental model staging.stg_onestop__dossier_log " in built["incremental_log"]
    # the second build really took the incremental paths (delta of the touched dossiers in the aggregate)
    assert "-1 as sign" in built["incremental_agg_sql"]
    assert built["incremental"].keys() == built["full"].keys()
    for table, rows in built["full"].items():
        assert built["incremental"][table] == rows, f"marts.{table} differs between incremental and full refresh"


def test_built_incremental_models_hold_their_documented_columns(built):
    """The nightly plan rebuilds in full when an incremental model lacks a documented column (a deployed model
    changed shape); a built warehouse must never look like that, or every night would be a full rebuild."""
    from include.nightly.build_plan import _missing_columns, incremental_columns

    documented = incremental_columns()
    assert "staging.stg_onestop__dossier_log" in documented and "ma_tinh" in documented["staging.stg_onestop__dossier_log"]
    conn = connect(built["url"])
    try:
        with conn.cursor() as cur:
            assert {name: _missing_columns(cur, name, columns) for name, columns in documented.items()} == \
                {name: [] for name in documented}
    finally:
        conn.close()


def test_every_model_is_built_and_a_missing_one_makes_the_night_build_everything(built):
    """A model added by an upgrade (a new bi table) is built by the next night even if no file feeds it."""
    from include.nightly.build_plan import model_relations, plan_build

    relations = model_relations()
    assert "bi.label_channel" in relations and "marts.fct_dossier" in relations
    conn = connect(built["url"])
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select count(*) from unnest(%s::text[]) r where to_regclass(r) is null", (relations,))
            assert cur.fetchone()[0] == 0, "a built warehouse must not look unbuilt, or every night builds everything"
            assert "not built yet" not in plan_build(built["url"]).reason
            cur.execute("alter table bi.label_channel rename to label_channel_away")
            try:
                plan = plan_build(built["url"])
            finally:
                cur.execute("alter table bi.label_channel_away rename to label_channel")
        assert plan.builds_everything and not plan.full_refresh
        assert plan.reason == "model(s) not built yet: bi.label_channel"
    finally:
        conn.close()


def test_first_build_saw_batch_1_only(built):
    # nd09 Q1 2020 = 15/12/2019–14/03/2020 with the files up to 10/04: D02 carried; D03 D04 D05 D06 D07 D13 new;
    # D14 carried (received 20/11/2019); closed: D02 D03 D04 D05 D13 (D06 closes 20/03, D07 25/03: pending).
    got = built["first_figures"]
    assert (got["carried_over"], got["received_new"], got["resolved_total"], got["pending_total"]) == (2, 6, 5, 3)


@pytest.mark.parametrize("cutoff", ["nd09", "calendar"])
def test_dossier_figures_2020_h1(built, cutoff):
    got = figures(built["url"], "period_code = '2020-H1' and cutoff = %s", (cutoff,))
    assert got == EXPECTED_2020_H1[cutoff]


@pytest.mark.parametrize("level", ["TINH", "HUYEN", "XA"])
def test_dossier_figures_by_level(built, level):
    got = figures(built["url"], "period_code = '2020-H1' and cutoff = 'nd09' and cap = %s", (level,))
    assert got == EXPECTED_2020_H1_ND09_BY_LEVEL[level]


def test_unknown_unit_counts_in_totals_only(built):
    got = figures(built["url"], "period_code = '2020-H1' and cutoff = 'nd09' and cap is null")
    assert got["received_total"] == 1 and got["resolved_on_due"] == 1
    assert query(built["url"], "select distinct ma_don_vi from marts.agg_dossier_bieu06 where cap is null"
                                   " and ma_tinh = '94'") == [("ZZZ",)]


def test_accounting_identity_on_every_row(built):
    bad = query(built["url"], "select count(*) from marts.agg_dossier_bieu06 where received_total <> resolved_total"
                              " + pending_total or resolved_on_time <> resolved_early + resolved_on_due"
                              " or pending_in_time + pending_overdue <> pending_total")
    assert bad == [(0,)]


def test_dossier_facts(built):
    rows = {r[0]: r[1:] for r in query(built["url"],
            "select ma_ho_so, kenh_thuc_hien, cap, ma_linh_vuc, close_kind, due_date, working_days_taken,"
            " supplement_cycles from marts.fct_dossier where ma_tinh = '94'")}
    assert set(rows) == {f"D{i:02d}" for i in range(1, 21)} - {"D11", "D17"}
    assert rows["D03"] == (2, "XA", "LV1", "RESOLVED", date(2020, 1, 10), 5, 0)       # apology ignored
    assert rows["D04"] == (1, "HUYEN", "LV2", "RESOLVED", date(2020, 2, 20), 6, 1)    # supplement moves due
    assert rows["D05"][:5] == (3, "TINH", "LV3", "RESOLVED", date(2020, 3, 10))        # 10 without 9
    assert rows["D07"][3] == "STOPPED" and rows["D06"][3] == "WITHDRAWN"
    assert rows["D19"][0] == 2 and rows["D20"][0] == 1                                  # channel fallbacks
    assert rows["D13"][1] is None                                                       # unknown unit: no level
    closed = dict(query(built["url"], "select ma_ho_so, closed_date from marts.fct_dossier where ma_tinh = '94'"
                         " and ma_ho_so in ('D12', 'D18')"))
    assert closed == {"D12": date(2020, 4, 8), "D18": date(2020, 4, 9)}                 # re-sent copy wins; 9 before 10


def test_status_log_keeps_latest_copy(built):
    rows = query(built["url"], "select trang_thai_ho_so, thoi_diem_xu_ly::date, file_date from"
                               " marts.fct_dossier_status_log where ma_tinh = '94' and id = 'D12b'")
    assert rows == [(9, date(2020, 4, 8), date(2020, 4, 20))]
    assert query(built["url"], "select count(*) from marts.fct_dossier_status_log where ma_ho_so = 'D17'") == [(0,)]


def test_periods(built):
    rows = {(r[0], r[1]): r[2:] for r in query(built["url"],
            "select period_code, cutoff, period_kind, date_from, date_to, label_vi from marts.dim_period"
            " where ma_tinh = '94'")}
    assert rows[("2020-H1", "nd09")] == ("HALF", date(2019, 12, 15), date(2020, 6, 14), "6 tháng đầu năm 2020")
    assert rows[("2020-H1", "calendar")] == ("HALF", date(2020, 1, 1), date(2020, 6, 30), "6 tháng đầu năm 2020")
    assert rows[("2020-Q2", "nd09")] == ("QUARTER", date(2020, 3, 15), date(2020, 6, 14), "quý II năm 2020")
    assert rows[("2020-06", "nd09")] == ("MONTH", date(2020, 5, 15), date(2020, 6, 14), "tháng 6 năm 2020")
    assert rows[("2020", "nd09")] == ("YEAR", date(2019, 12, 15), date(2020, 12, 14), "năm 2020")
    assert rows[("2020-H2", "nd09")][:3] == ("HALF", date(2020, 6, 15), date(2020, 12, 14))
    assert ("2020-H2", "calendar") not in rows          # starts 01/07, after the last log date 18/06
    # covered: received 20/11/2019 (D14) … last log 18/06/2020
    assert ("2019-11", "calendar") in rows and ("2019-10", "calendar") not in rows
    assert ("2020-07", "nd09") in rows and ("2020-07", "calendar") not in rows


def test_catalogue_period(built):
    row = query(built["url"], "select snapshot_date, in_force_total, in_force_tinh, in_force_huyen, in_force_xa,"
                " online_level_2_or_more, online_level_3, online_level_4, one_stop, lien_thong_total,"
                " lien_thong_cung_cap, lien_thong_giua_cac_cap, lien_thong_nhom, decisions_published,"
                " procedures_published, published_new, published_amended, published_abolished"
                " from marts.fct_catalogue_period where ma_tinh = '94' and period_code = '2020-H1' and cutoff = %s", ("nd09",))
    assert row == [(S2, 4, 2, 1, 1, 3, 2, 1, 3, 2, 1, 1, 0, 2, 3, 2, 0, 1)]
    cal = query(built["url"], "select decisions_published, procedures_published, published_new from"
                " marts.fct_catalogue_period where ma_tinh = '94' and period_code = '2020-H1' and cutoff = 'calendar'")
    assert cal == [(3, 4, 3)]
    # a period before any snapshot: figures missing (null), never 0
    early = query(built["url"], "select snapshot_date, in_force_total from marts.fct_catalogue_period"
                  " where ma_tinh = '94' and period_code = '2019-12' and cutoff = 'calendar'")
    assert early == [(None, None)]


def test_procedure_history(built):
    rows = query(built["url"], "select muc_do_dvc, valid_from, valid_to, is_current from marts.dim_procedure"
                               " where ma_tinh = '94' and ma_tthc = 'P3' order by valid_from")
    assert rows == [(2, S1, date(2020, 3, 31), False), (3, S2, None, True)]


def test_staff(built):
    row = query(built["url"], "select snapshot_date, commune_total, commune_can_bo, commune_can_bo_dat_chuan,"
                " commune_cong_chuc, commune_cong_chuc_dat_chuan, commune_can_bo_rate, commune_cong_chuc_rate"
                " from marts.fct_staff_period where ma_tinh = '94' and period_code = '2020-H1' and cutoff = 'nd09'")
    assert row == [(date(2020, 3, 31), 3, 2, 1, 1, 1, 50, 100)]
    quotas = query(built["url"], "select khoi, loai_chi_tieu, so_luong from marts.fct_staff_quota where nam = 2020 and ma_tinh = '94'"
                                 " order by 1, 2")
    assert quotas == [("DVSN", "SO_NGUOI_LAM_VIEC", 7), ("HCNN", "BIEN_CHE_CONG_CHUC", 15)]
    events = dict(query(built["url"], "select loai, event_count from marts.fct_personnel_events_period"
                                      " where ma_tinh = '94' and period_code = '2020-H1' and cutoff = 'nd09'"))
    assert events == {"BO_NHIEM_MOI": 1, "BO_NHIEM_LAI": 0, "KEO_DAI_CHUC_VU": 0, "TUYEN_DUNG": 0,
                      "TINH_GIAN": 1, "NGHI_HUU": 0}


def test_public_units(built):
    rows = {r[0]: r[1:] for r in query(built["url"], "select cap, total, tu_chu, rate from marts.fct_public_units"
                                       " where ma_tinh = '94'")}
    assert rows == {"TINH": (2, 1, 50), "HUYEN": (1, 1, 100), "XA": (0, 0, None)}


def test_par_index_bands_and_ranks(built):
    rows = {r[0]: r[1:] for r in query(built["url"],
            "select ma_don_vi, round(par_index, 4), band, rank_in_group, xep_hang from marts.fct_par_index_unit"
            " where ma_tinh = '94'")}
    assert rows["U9001"][1:3] == ("RAT_TOT", 1)
    assert rows["U90"][1:3] == ("TOT", 2) and rows["UNULL"][:3] == (90, "TOT", 2)   # tie shares rank 2
    assert rows["U80"][1:3] == ("TOT", 4)
    assert rows["U65"][1:3] == ("KHA", 1) and rows["U50"][1:3] == ("TRUNG_BINH", 2) and rows["U4999"][1:3] == ("KEM", 3)
    assert rows["UNR"] == (95, None, None, False)


def test_sipas(built):
    units = {r[0]: r[1:] for r in query(built["url"],
             "select ma_don_vi, answers, satisfied_answers, round(satisfaction, 2) from marts.fct_sipas_unit"
             " where ma_tinh = '94'")}
    assert units == {"T1": (3, 2, Decimal("66.67")), "H1": (2, 2, 100), "X1": (5, 4, 80)}
    year = query(built["url"], "select nam, units_surveyed, units_ge_80, units_100, rate from marts.fct_sipas_year"
                 " where ma_tinh = '94'")
    assert year == [(2019, 3, 2, 1, 80)]


def test_provincial_ranking_change(built):
    row = query(built["url"], "select xep_hang, rank_change, sipas_change from marts.fct_provincial_ranking"
                              " where nam = 2019 and ma_tinh = '94'")
    assert row == [(19, 5, 4.38)] or (row[0][:2] == (19, 5) and float(row[0][2]) == pytest.approx(4.38))


def test_bi_reader_reads_the_bi_schema_only(built):
    import psycopg2

    url = bi_reader_url(built["url"])
    assert query(url, "select count(*) from bi.bieu06_unit_field")[0][0] > 0
    for relation in ("raw.dossier_log", "staging.stg_onestop__dossier_log", "intermediate.int_dossier_timeline",
                     "marts.agg_dossier_bieu06"):
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            query(url, f"select 1 from {relation} limit 1")


def test_no_personal_data_outside_raw(built):
    personal = {column for columns in PERSONAL_COLUMNS.values() for column in columns}
    columns = query(built["url"], "select table_schema, table_name, column_name from information_schema.columns"
                                  " where table_schema in ('staging', 'intermediate', 'marts')")
    assert not [c for c in columns if c[2] in personal]
    assert not [c for c in columns if c[0] == "marts" and c[2] == "applicant_pseudonym"]
    values = query(built["url"], "select count(*) from marts.fct_dossier_status_log"
                                 " where nguoi_xu_ly like '%%Nguyễn%%'")
    assert values == [(0,)]


# --------------------------------------------------------------------------- two provinces in one warehouse
# Columns whose value names the province or the file a row came from: they differ between the two provinces'
# copies of the same data by construction (keys hashed with ma_tinh, file ids of the province's own files).
PROVINCE_SPECIFIC_COLUMNS = {"ma_tinh", "ten_tinh", "grain_key", "procedure_version_key", "_file_id", "last_file_id"}
PUBLISHED_RANKING_COLUMNS = {"fct_province_period": {"par_index", "par_rank"}}   # each province's own published rank
NATIONAL_MARTS = {"fct_provincial_ranking"}   # published national data: ma_tinh is the ranked province


def marts_by_province(url: str) -> dict[str, dict[str, list[tuple]]]:
    """marts table → ma_tinh → its rows without the province-specific columns, sorted."""
    conn = connect(url)
    result: dict[str, dict[str, list[tuple]]] = {}
    with conn, conn.cursor() as cur:
        cur.execute("select table_name, array_agg(column_name::text order by ordinal_position)"
                    " from information_schema.columns where table_schema = 'marts' group by table_name")
        for table, columns in cur.fetchall():
            if table in NATIONAL_MARTS:
                continue
            assert "ma_tinh" in columns, f"marts.{table} has no ma_tinh: two provinces' rows could not be told apart"
            skipped = PROVINCE_SPECIFIC_COLUMNS | PUBLISHED_RANKING_COLUMNS.get(table, set())
            kept = ["ma_tinh"] + [c for c in columns if c not in skipped]
            cur.execute(f'select {", ".join(kept)} from marts."{table}"')
            per_province: dict[str, list[tuple]] = {}
            for row in cur.fetchall():
                per_province.setdefault(row[0], []).append(row[1:])
            result[table] = {k: sorted(v, key=repr) for k, v in per_province.items()}
    conn.close()
    return result


def test_same_codes_in_two_provinces_stay_apart(built):
    """The second province sends the same Ids, dossier and unit codes: each province keeps its own rows."""
    url = built["url"]
    assert query(url, "select ma_tinh, trang_thai_ho_so from marts.fct_dossier_status_log where id = 'D12b'"
                      " order by ma_tinh") == [("94", 9), ("95", 9), ("96", 9)]
    assert query(url, "select ma_tinh, count(*) from marts.fct_dossier where ma_ho_so = 'D03' group by ma_tinh"
                      " order by ma_tinh") == [("94", 1), ("95", 1), ("96", 1)]
    rows = query(url, "select ma_tinh, sum(received_total)::int from marts.agg_dossier_bieu06"
                      " where period_code = '2020-H1' and cutoff = 'nd09' and ma_don_vi = 'X1' group by ma_tinh"
                      " order by ma_tinh")
    assert rows == [("94", 4), ("95", 4), ("96", 4)]   # XA: D03 D08 D15 D18 in each province, never 8
    for province in ("95", "96"):
        assert figures(url, "period_code = '2020-H1' and cutoff = 'nd09'", province=province) == EXPECTED_2020_H1["nd09"]


def test_every_mart_holds_the_same_rows_for_a_province_sending_the_same_files(built):
    """Every figure of one province is the one it has alone: the other provinces' copies of the data give
    row for row the same marts (only province names, province-hashed keys and file ids differ) — also the
    province whose zone first arrived on the incremental night, built incrementally beside the others."""
    marts = marts_by_province(built["url"])
    for table, per_province in marts.items():
        for province in ("95", "96"):
            assert per_province.get(province, []) == per_province.get("94", []), \
                f"marts.{table} differs between provinces 94 and {province}"
    assert marts["fct_dossier"]["94"] and marts["agg_dossier_bieu06"]["94"]


def test_national_mart(built):
    rows = {r[0]: r[1:] for r in query(built["url"],
            "select ma_tinh, ten_tinh, received, received_new, resolved, resolved_on_time, round(on_time_rate, 4),"
            " round(online_rate, 4), overdue, par_year, par_index, par_rank from marts.fct_province_period"
            " where period_code = '2020-H1' and cutoff = 'nd09' order by ma_tinh")}
    # nd09 2020-H1 (EXPECTED_2020_H1): received_total 17, resolved 10, on time 9, online 2 of 15 new, overdue 2;
    # PAR Index year 2019 (latest unit PAR Index before 2020), published ranking of each province
    assert rows["94"] == ("Sóc Trăng", 17, 15, 10, 9, Decimal("90.0000"), Decimal("13.3333"), 2, 2019,
                          Decimal("82.03"), 19)
    assert rows["95"] == ("Bạc Liêu", 17, 15, 10, 9, Decimal("90.0000"), Decimal("13.3333"), 2, 2019,
                          Decimal("70.5"), 41)
    bi = query(built["url"], "select distinct cutoff from bi.province_period")
    assert bi == [("nd09",)]

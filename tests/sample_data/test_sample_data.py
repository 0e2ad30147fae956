"""The sample landing-zone generator (sample_data): contract shape, determinism, scale, figures.

Generation runs at small scales (≤ 0.02) in temporary directories. The figures
are recomputed here from the generated files, independently of the generator's
bookkeeping, following docs/counting_rules.md; the non-dossier
figures are compared with the golden file (those files do not depend on the
scale), the dossier figures with the design's quotas at that scale. The full
golden check through ingest → dbt → report is the pipeline's own test.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

from sample_data import OutdirError, generate
from sample_data.targets import expected_dossier_figures

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCES_DOC = PROJECT_ROOT / "docs" / "sources.md"
GOLDEN_PATH = PROJECT_ROOT / "tests" / "data" / "golden" / "soc-trang-2020-H1.json"
SCALE = 0.02
SEED = 3
PERIOD_FROM, PERIOD_TO = "2019-12-15", "2020-06-14"


# --------------------------------------------------------------------------- helpers
def digest_tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))


def log_files(zone: Path) -> list[Path]:
    return sorted((zone / "onestop").glob("dossier_log_*.jsonl"))


def contract_columns() -> dict[str, list[str]]:
    """Section title (file pattern) → column names, read from the tables of docs/sources.md.

    Only level-2 sections (the core sources); optional registers are level-3 sections."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in SOURCES_DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\S+)", line)
        if heading:
            current = heading.group(1) if "/" in heading.group(1) else None
            if current:
                sections[current] = []
            continue
        cell = re.match(r"^\| ([A-Za-z_]+) \|", line)
        if current and cell and cell.group(1) not in ("column", "field"):
            sections[current].append(cell.group(1))
    return sections


def latest_snapshot(paths: list[Path], to: str) -> Path:
    dated = [(re.search(r"(\d{8})", p.name).group(1), p) for p in paths]
    day = to.replace("-", "")
    return max((d, p) for d, p in dated if d <= day)[1]


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def zone(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "landing"
    summary = generate(out, seed=SEED, scale=SCALE)
    assert summary["dossier_log"]["dossiers"] > 0
    return out


@pytest.fixture(scope="module")
def zone_digest(zone) -> dict[str, str]:
    return digest_tree(zone)


@pytest.fixture(scope="module")
def golden() -> dict:
    return json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- shape of the zone
def test_every_file_kind_present_with_the_contract_columns(zone):
    expected = contract_columns()
    assert len(expected) == 12, sorted(expected)
    for pattern, columns in expected.items():
        assert columns, pattern
        if pattern.endswith(".jsonl"):
            files = log_files(zone)
            assert len(files) > 200, "one log file per sync day"
            keys: set[str] = set()
            for path in files[::25]:
                for line in path.read_text(encoding="utf-8").splitlines():
                    keys |= set(json.loads(line))
            assert keys == set(columns)
            continue
        regex = re.escape(pattern).replace("YYYYMMDD", r"\d{8}").replace("YYYY", r"\d{4}")
        matches = [p for p in zone.rglob("*.csv") if re.fullmatch(regex, str(p.relative_to(zone)))]
        assert matches, f"no file for {pattern}"
        for path in matches:
            assert header(path) == columns, path
    names = {str(p.relative_to(zone)) for p in zone.rglob("*") if p.is_file()}
    for required in ("indices/par_index_2018.csv", "indices/par_index_2019.csv", "indices/sipas_2018.csv",
                     "indices/sipas_2019.csv", "hr/quotas_2020.csv", "hr/staff_20200331.csv",
                     "catalogue/decisions.csv"):
        assert required in names
    assert len([n for n in names if n.startswith("catalogue/procedures_")]) >= 3
    assert len([n for n in names if n.startswith("hr/staff_")]) >= 2
    assert not [n for n in names if not re.match(r"(reference|onestop|catalogue|hr|indices|edoc|legal|feedback|inspection)/", n)]


CODES = {
    ("agencies", "cap"): {"TINH", "HUYEN", "XA"},
    ("agencies", "loai"): {"SO_NGANH", "UBND_HUYEN", "UBND_XA", "DVSN", "CQ_TRUNG_UONG", "TRUNG_TAM_PVHCC", "KHAC"},
    ("agencies", "tu_chu"): {"Y", "N", ""},
    ("holidays", "loai"): {"NGHI", "LAM_BU"},
    ("procedures", "cap_thuc_hien"): {"TINH", "HUYEN", "XA"},
    ("procedures", "muc_do_dvc"): {"1", "2", "3", "4"},
    ("procedures", "lien_thong"): {"KHONG", "CUNG_CAP", "GIUA_CAC_CAP", "NHOM"},
    ("procedures", "mot_cua"): {"Y", "N"},
    ("procedures", "trang_thai"): {"CON_HIEU_LUC", "BAI_BO"},
    ("decisions", "loai"): {"MOI", "SUA_DOI", "BAI_BO"},
    ("staff", "gioi_tinh"): {"NAM", "NU", ""},
    ("staff", "cap"): {"TINH", "HUYEN", "XA"},
    ("staff", "loai"): {"CAN_BO", "CONG_CHUC", "VIEN_CHUC", "HOP_DONG_68"},
    ("staff", "dat_chuan"): {"Y", "N", ""},
    ("staff", "trang_thai"): {"DANG_CONG_TAC", "NGHI_HUU", "THOI_VIEC", "TINH_GIAN"},
    ("quotas", "khoi"): {"HCNN", "DVSN", "HOI"},
    ("quotas", "loai_chi_tieu"): {"BIEN_CHE_CONG_CHUC", "SO_NGUOI_LAM_VIEC", "HOP_DONG_68"},
    ("personnel_events", "loai"): {"BO_NHIEM_MOI", "BO_NHIEM_LAI", "KEO_DAI_CHUC_VU", "TUYEN_DUNG", "TINH_GIAN",
                                   "NGHI_HUU"},
    ("par_index", "nhom"): {"SO_NGANH", "UBND_HUYEN", "DVSN", "CQ_TRUNG_UONG"},
    ("par_index", "xep_hang"): {"Y", "N"},
    ("sipas", "yeu_to"): {"TIEP_CAN", "TTHC", "CONG_CHUC", "KET_QUA", "GOP_Y"},
    ("sipas", "muc_do"): {"1", "2", "3", "4", "5", ""},
}
DATE_COLUMNS = {"ngay", "ngay_hieu_luc", "ngay_ban_hanh", "ngay_sinh"}
KIND_OF = [("reference/agencies", "agencies"), ("reference/holidays", "holidays"), ("catalogue/procedures_", "procedures"),
           ("catalogue/decisions", "decisions"), ("hr/staff_", "staff"), ("hr/quotas_", "quotas"),
           ("hr/personnel_events", "personnel_events"), ("indices/par_index_", "par_index"), ("indices/sipas_", "sipas")]


def test_csv_values_are_valid(zone):
    agencies = {r["ma_don_vi"] for r in read_csv(zone / "reference/agencies.csv")}
    staff_codes = set()
    for path in sorted(zone.rglob("*.csv")):
        rel = str(path.relative_to(zone))
        kind = next((k for prefix, k in KIND_OF if rel.startswith(prefix)), None)
        rows = read_csv(path)
        assert rows, rel
        keys = Counter()
        for line_no, row in enumerate(rows, start=2):
            where = f"{rel}:{line_no}"
            for column, value in row.items():
                assert value is not None, where
                if (kind, column) in CODES:
                    assert value in CODES[(kind, column)], f"{where} {column}={value!r}"
                if column in DATE_COLUMNS and value:
                    dt.date.fromisoformat(value)
                if column in ("so_luong", "thoi_han_ngay", "nam", "xep_hang", "so_tinh") and value and kind != "par_index":
                    assert int(value) >= 0, where
                if column.startswith("diem_") and value:
                    assert float(value) >= 0 and (column != "diem_toi_da" or float(value) > 0), where
            if kind in ("staff", "quotas", "personnel_events", "par_index", "sipas") and "ma_don_vi" in row:
                assert row["ma_don_vi"] in agencies, f"{where} unknown unit {row['ma_don_vi']}"
            if kind == "staff":
                staff_codes.add(row["ma_can_bo"])
            key = {"agencies": ("ma_don_vi",), "holidays": ("ngay",), "procedures": ("ma_tthc",),
                   "decisions": ("so_quyet_dinh", "ma_tthc"), "staff": ("ma_can_bo",),
                   "personnel_events": ("ma_su_kien",), "par_index": ("ma_don_vi", "ma_tieu_chi"),
                   "sipas": ("ma_phieu", "ma_cau_hoi"), "quotas": ("ma_don_vi", "khoi", "loai_chi_tieu")}.get(kind)
            if key:
                keys[tuple(row[k] for k in key)] += 1
        assert not [k for k, n in keys.items() if n > 1], f"duplicate keys in {rel}"
    for row in read_csv(zone / "reference/agencies.csv"):
        assert re.fullmatch(r"\d{3}\.\d{2}\.\d{2}\.H55", row["ma_don_vi"])
        assert not row["ma_don_vi_cha"] or row["ma_don_vi_cha"] in agencies
    for path in (zone / "catalogue").glob("procedures_*.csv"):
        for row in read_csv(path):
            assert re.fullmatch(r"[12]\.\d{6}", row["ma_tthc"]), row["ma_tthc"]
    for row in read_csv(zone / "hr/personnel_events.csv"):
        assert row["ma_can_bo"] in staff_codes


def test_dossier_log_values_are_valid(zone):
    procedures = set()
    for path in (zone / "catalogue").glob("procedures_*.csv"):
        procedures |= {r["ma_tthc"] for r in read_csv(path)}
    agencies = {r["ma_don_vi"] for r in read_csv(zone / "reference/agencies.csv")}
    staff = set()
    for path in (zone / "hr").glob("staff_*.csv"):
        staff |= {r["ma_can_bo"] for r in read_csv(path)}
    previous_day = None
    for path in log_files(zone):
        day = re.search(r"(\d{8})", path.name).group(1)
        assert previous_day is None or day > previous_day
        previous_day = day
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and "\r" not in text and "\n\n" not in text
        for line_no, line in enumerate(text.splitlines(), start=1):
            r = json.loads(line)
            where = f"{path.name}:{line_no}"
            assert r["MaTTHC"] in procedures, where
            assert r["MaDonVi"] in agencies, where
            assert r.get("KenhThucHien", 1) in (1, 2, 3), where
            assert r["TrangThaiHoSo"] in range(1, 11), where
            ts = dt.datetime.strptime(r["ThoiDiemXuLy"], "%Y%m%d%H%M%S")
            assert ts.strftime("%Y%m%d") <= day, f"{where}: synced before it happened"
            if r["NgayHenTra"] is not None:
                due = dt.datetime.strptime(r["NgayHenTra"], "%Y%m%d%H%M%S")
                if r["TrangThaiHoSo"] == 2:
                    assert due > ts, f"{where}: NgayHenTra before the receipt"
            assert r["NguoiXuLy"] is None or r["NguoiXuLy"] in staff, where
            if r["SoGiayToChuHoSo"] is not None:
                assert re.fullmatch(r"\d{12}", r["SoGiayToChuHoSo"]), where
                assert re.fullmatch(r"0\d{9}", r["SoDienThoai"]), where
                assert r["ChuHoSo"]


# --------------------------------------------------------------------------- determinism, scale, streaming
def test_same_seed_and_scale_give_identical_bytes(tmp_path, zone_digest):
    generate(tmp_path / "again", seed=SEED, scale=SCALE)
    assert digest_tree(tmp_path / "again") == zone_digest


def test_scale_changes_only_the_dossier_volume(tmp_path, zone, zone_digest):
    summary = generate(tmp_path / "half", seed=SEED, scale=SCALE / 2)
    half = digest_tree(tmp_path / "half")
    not_log = {k: v for k, v in zone_digest.items() if not k.startswith("onestop/")}
    assert {k: v for k, v in half.items() if not k.startswith("onestop/")} == not_log
    big = sum(p.stat().st_size for p in log_files(zone))
    small = sum(p.stat().st_size for p in log_files(tmp_path / "half"))
    assert 0.4 < small / big < 0.6
    assert summary["expected_2020_H1_nd09"] == expected_dossier_figures(SCALE / 2)
    assert expected_dossier_figures(SCALE / 2)["received_total"] == pytest.approx(178770 * SCALE / 2, abs=5)


def test_buffered_records_are_bounded_and_spilling_changes_nothing(tmp_path, zone_digest):
    summary = generate(tmp_path / "spilled", seed=SEED, scale=SCALE, spill_limit=500)
    assert summary["dossier_log"]["max_buffered_records"] <= 500
    assert summary["dossier_log"]["records"] > 20 * 500
    assert digest_tree(tmp_path / "spilled") == zone_digest


def test_outdir_is_refreshed_and_foreign_directories_are_refused(tmp_path):
    out = tmp_path / "zone"
    generate(out, seed=SEED, scale=0.002)
    stale = out / "onestop" / "dossier_log_20000101.jsonl"
    stale.write_text("{}\n")
    (out / ".stamp").write_text("x")
    generate(out, seed=SEED, scale=0.002)
    assert not stale.exists() and not (out / ".stamp").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary directories left behind"
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(OutdirError):
        generate(foreign, seed=SEED, scale=0.002)
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_cli_writes_the_zone_and_prints_a_summary(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-m", "sample_data", str(tmp_path / "z"), "--seed", "2",
                           "--scale", "0.002"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "reference/agencies.csv" in done.stdout and "done in" in done.stdout
    assert (tmp_path / "z" / "reference" / "province.csv").exists()


# --------------------------------------------------------------------------- figures (independent oracle)
def test_catalogue_figures_equal_the_golden(zone, golden):
    snapshot = latest_snapshot(list((zone / "catalogue").glob("procedures_*.csv")), PERIOD_TO)
    live = [r for r in read_csv(snapshot) if r["trang_thai"] == "CON_HIEU_LUC"]
    decisions = [r for r in read_csv(zone / "catalogue/decisions.csv")
                 if PERIOD_FROM <= r["ngay_ban_hanh"] <= PERIOD_TO]
    got = {
        "in_force_total": len(live),
        "in_force_by_level": {c: sum(r["cap_thuc_hien"] == c for r in live) for c in ("TINH", "HUYEN", "XA")},
        "online_level_2_or_more": sum(int(r["muc_do_dvc"]) >= 2 for r in live),
        "online_level_3": sum(r["muc_do_dvc"] == "3" for r in live),
        "online_level_4": sum(r["muc_do_dvc"] == "4" for r in live),
        "lien_thong_total": sum(r["lien_thong"] != "KHONG" for r in live),
        "lien_thong": {k: sum(r["lien_thong"] == k for r in live) for k in ("CUNG_CAP", "GIUA_CAC_CAP", "NHOM")},
        "decisions_published": len({r["so_quyet_dinh"] for r in decisions}),
        "procedures_published": len(decisions),
        "published_new": sum(r["loai"] == "MOI" for r in decisions),
        "published_amended": sum(r["loai"] == "SUA_DOI" for r in decisions),
        "published_abolished": sum(r["loai"] == "BAI_BO" for r in decisions),
    }
    assert got == golden["procedures"]
    # a reader taking the snapshot after the period or all decisions would get other numbers
    later = [r for r in read_csv(zone / "catalogue/procedures_20200715.csv") if r["trang_thai"] == "CON_HIEU_LUC"]
    assert len(later) != len(live)
    assert len(read_csv(zone / "catalogue/decisions.csv")) > len(decisions)


def test_staff_figures_equal_the_golden(zone, golden):
    want = golden["staff"]
    snapshot = latest_snapshot(list((zone / "hr").glob("staff_*.csv")), PERIOD_TO)
    assert snapshot.name == f"staff_{want['snapshot_date'].replace('-', '')}.csv"
    rows = [r for r in read_csv(snapshot) if r["trang_thai"] == "DANG_CONG_TAC" and r["cap"] == "XA"]
    can_bo = [r for r in rows if r["loai"] == "CAN_BO"]
    cong_chuc = [r for r in rows if r["loai"] == "CONG_CHUC"]
    assert len(can_bo) + len(cong_chuc) == want["commune_total"]
    assert (len(can_bo), sum(r["dat_chuan"] == "Y" for r in can_bo)) == (want["commune_can_bo"],
                                                                         want["commune_can_bo_dat_chuan"])
    assert (len(cong_chuc), sum(r["dat_chuan"] == "Y" for r in cong_chuc)) == (want["commune_cong_chuc"],
                                                                               want["commune_cong_chuc_dat_chuan"])
    quotas: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in read_csv(zone / "hr/quotas_2020.csv"):
        quotas[r["khoi"]][r["loai_chi_tieu"]] += int(r["so_luong"])
    assert {k: dict(v) for k, v in quotas.items()} == want["quotas"]
    events = Counter(r["loai"] for r in read_csv(zone / "hr/personnel_events.csv")
                     if PERIOD_FROM <= r["ngay_hieu_luc"] <= PERIOD_TO)
    assert {k: events[k] for k in want["events"]} == want["events"]
    assert all(r["ngay_hieu_luc"] == "2020-06-01" for r in read_csv(zone / "hr/personnel_events.csv")
               if r["loai"] == "TINH_GIAN" and PERIOD_FROM <= r["ngay_hieu_luc"] <= PERIOD_TO)


def test_public_units_equal_the_golden(zone, golden):
    rows = [r for r in read_csv(zone / "reference/agencies.csv") if r["loai"] == "DVSN"]
    got = {cap: {"total": sum(r["cap"] == cap for r in rows),
                 "tu_chu": sum(r["cap"] == cap and r["tu_chu"] == "Y" for r in rows)} for cap in ("TINH", "HUYEN")}
    assert got == golden["public_units"]
    units = read_csv(zone / "reference/agencies.csv")
    assert sum(r["loai"] == "UBND_HUYEN" for r in units) == 11
    assert sum(r["loai"] == "UBND_XA" for r in units) == 109


def _band(index: Fraction) -> str:
    return ("RAT_TOT" if index > 90 else "TOT" if index >= 80 else "KHA" if index >= 65
            else "TRUNG_BINH" if index >= 50 else "KEM")


def test_par_index_2019_equals_the_golden(zone, golden):
    want = golden["par_index"]
    sums: dict[str, list] = {}
    for r in read_csv(zone / "indices/par_index_2019.csv"):
        entry = sums.setdefault(r["ma_don_vi"], [r["nhom"], r["xep_hang"], Fraction(0), Fraction(0)])
        if r["diem_tham_dinh"] != "":
            entry[2] += Fraction(r["diem_tham_dinh"])
            entry[3] += Fraction(r["diem_toi_da"])
    table = {b: Counter() for b in ("RAT_TOT", "TOT", "KHA", "TRUNG_BINH", "KEM", "TOTAL")}
    margins = []
    for nhom, ranked, scored, maximum in sums.values():
        if ranked != "Y":
            continue
        index = 100 * scored / maximum
        margins.append(min(abs(index - edge) for edge in (50, 65, 80, 90)))
        for band in (_band(index), "TOTAL"):
            table[band][nhom] += 1
            table[band]["TOTAL"] += 1
    got = {band: {g: counts[g] for g in ("SO_NGANH", "UBND_HUYEN", "DVSN", "CQ_TRUNG_UONG", "TOTAL")}
           for band, counts in table.items()}
    assert got == want["table"]
    assert sum(1 for v in sums.values() if v[1] == "Y") == want["ranked"]
    assert sum(1 for v in sums.values() if v[1] == "N") == want["unranked"]
    assert min(margins) > Fraction(1, 2), "a unit index sits too close to a band edge"
    names = {r["ma_don_vi"]: r["ten_don_vi"] for r in read_csv(zone / "reference/agencies.csv")}
    unranked = sorted(names[u] for u, v in sums.items() if v[1] == "N")
    assert unranked == sorted(["Văn phòng HĐND tỉnh", "Cục Thống kê tỉnh", "Báo Sóc Trăng", "Trường Chính trị",
                               "Trường Bồ túc Văn hóa Pali Trung cấp Nam Bộ", "Đài Phát thanh và Truyền hình Sóc Trăng"])
    # the province's published ranking, and its change against the year before
    rankings = {int(r["nam"]): r for r in read_csv(zone / "indices/provincial_rankings.csv")}
    this, before = rankings[want["year"]], rankings[want["year"] - 1]
    province = want["province"]
    assert float(this["par_index"]) == province["par_index"]
    assert (int(this["xep_hang"]), int(this["so_tinh"])) == (province["xep_hang"], province["so_tinh"])
    assert int(before["xep_hang"]) - int(this["xep_hang"]) == province["rank_change"]
    assert float(this["sipas"]) == province["sipas"]
    assert Fraction(this["sipas"]) - Fraction(before["sipas"]) == Fraction(str(province["sipas_change"]))


def test_sipas_2019_equals_the_golden(zone, golden):
    want = golden["sipas"]
    answered, satisfied = Counter(), Counter()
    for r in read_csv(zone / "indices/sipas_2019.csv"):
        if r["muc_do"] != "":
            answered[r["ma_don_vi"]] += 1
            satisfied[r["ma_don_vi"]] += int(r["muc_do"]) >= 4
    rate = {u: Fraction(100 * satisfied[u], answered[u]) for u in answered}
    names = {r["ma_don_vi"]: r["ten_don_vi"] for r in read_csv(zone / "reference/agencies.csv")}
    assert len(rate) == want["units_surveyed"]
    assert sum(v >= 80 for v in rate.values()) == want["units_ge_80"]
    assert sum(v == 100 for v in rate.values()) == want["units_100"]
    assert sorted(names[u] for u, v in rate.items() if v == 100) == sorted(want["units_100_names"])
    assert all(abs(v - 80) > 1 for v in rate.values())


def recount_dossiers(zone: Path, date_from: str, date_to: str) -> dict[str, int]:
    """Biểu 06 totals straight from COUNTING_RULES.md (dedup, receipt, close, due date, waiting)."""
    latest = {}
    for path in log_files(zone):                       # names sort by date; the later copy wins
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            latest[r["Id"]] = r
    dossiers = defaultdict(list)
    for r in latest.values():
        dossiers[r["MaHoSo"]].append(r)
    f, t = date_from.replace("-", ""), date_to.replace("-", "")
    end = t + "235959"
    c = Counter()

    def due_at(records, receipt, moment):
        due, after_supplement = receipt["NgayHenTra"], False
        for r in records:
            if r["ThoiDiemXuLy"] > moment:
                break
            if r["TrangThaiHoSo"] == 5:
                after_supplement = True
            elif r["TrangThaiHoSo"] == 4 and after_supplement:
                due = r["NgayHenTra"] or due
                after_supplement = False
        return due[:8] if due else None

    for records in dossiers.values():
        records.sort(key=lambda r: r["ThoiDiemXuLy"])
        receipts = [r for r in records if r["TrangThaiHoSo"] == 2]
        if not receipts:
            continue
        receipt = receipts[0]
        received = receipt["ThoiDiemXuLy"][:8]
        closes = [r for r in records if r["TrangThaiHoSo"] in (7, 8, 9, 10)]
        close = closes[0] if closes else None
        closed = close["ThoiDiemXuLy"][:8] if close else None
        carried = received < f and not (closed and closed < f)
        new = f <= received <= t
        c["carried_over"] += carried
        c["received_new"] += new
        if not (carried or new):
            continue
        if closed and f <= closed <= t:
            c["resolved_total"] += 1
            if close["TrangThaiHoSo"] in (7, 8):
                c["withdrawn"] += 1
                c["resolved_on_due"] += 1
            else:
                due = due_at(records, receipt, close["ThoiDiemXuLy"])
                key = ("resolved_on_due" if due is None or due == closed else
                       "resolved_early" if closed < due else "resolved_late")
                c[key] += 1
        elif not closed or close["ThoiDiemXuLy"] > end:
            c["pending_total"] += 1
            waiting = [r for r in records if r["ThoiDiemXuLy"] <= end][-1]["TrangThaiHoSo"] == 5
            due = due_at(records, receipt, end)
            c["pending_waiting"] += waiting
            c["pending_overdue"] += (not waiting) and due is not None and due < t
    c["received_total"] = c["carried_over"] + c["received_new"]
    c["resolved_on_time"] = c["resolved_early"] + c["resolved_on_due"]
    c["pending_in_time"] = c["pending_total"] - c["pending_overdue"]
    return dict(c)


def test_dossier_figures_equal_the_design_at_small_scale(zone):
    got = recount_dossiers(zone, PERIOD_FROM, PERIOD_TO)
    want = expected_dossier_figures(SCALE)
    assert {k: got.get(k, 0) for k in want} == want
    assert got["received_total"] == got["resolved_total"] + got["pending_total"]


def test_design_quotas_at_scale_1_are_the_golden_dossier_figures(golden):
    full = expected_dossier_figures(1.0)
    assert {k: full[k] for k in golden["dossiers"]} == golden["dossiers"]

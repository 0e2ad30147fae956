"""Benchmark: dossier-log ingest vs a bare COPY of the same records.

    python -m bench.bench_load [--records N] [--from-dir DIR] [--synthesize] [--seed S] [--repeat N]

Loads N dossier-log records (default 1,000,000) through include.ingest (read, hash,
decode, check, pseudonymise, COPY, manifest) into a scratch database, then COPYs
the very same typed rows (exported from raw.dossier_log as CSV) into an equivalent
table (same columns, same index) with one bare COPY, and prints both rates and
their ratio. Target: ingest ≥ 0.5 × bare COPY. Not a test: numbers vary with load.

Records come from --from-dir (any directory holding dossier_log_*.jsonl, searched
recursively), else from the sample generator (`python -m sample_data`),
else (generator not installed, or --synthesize) from a built-in synthesiser.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:   # `python bench/bench_load.py` works too
    sys.path.insert(0, str(PROJECT_ROOT))

BENCH_DATABASE = "dev_ingest_bench"
LOG_FILE_GLOB = "dossier_log_*.jsonl"
_HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Lâm", "Thạch"]
_TEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hoa", "Văn Khánh", "Ngọc Lan", "Sơn", "Thị Mỹ"]
_NOTES = ["Tiếp nhận hồ sơ", "Chuyển xử lý", "Yêu cầu bổ sung giấy tờ", "Đã xử lý xong", "Trả kết quả", None]


def synthesize(outdir: Path, records: int, seed: int = 1) -> Path:
    """Write `records` dossier-log records (SOURCES.md fields) into daily files under outdir/onestop."""
    rng = random.Random(seed)
    onestop = outdir / "onestop"
    onestop.mkdir(parents=True, exist_ok=True)
    days = 365
    per_day = math.ceil(records / days)
    start = datetime(2020, 1, 1, 7, 30)
    written, serial = 0, 0
    for day in range(days):
        if written >= records:
            break
        moment = start + timedelta(days=day)
        with open(onestop / f"dossier_log_{moment:%Y%m%d}.jsonl", "w", encoding="utf-8") as out:
            day_records = 0
            while day_records < per_day and written < records:
                serial += 1
                code = f"000.00.{rng.randint(1, 40):02d}.H55-{moment:%y%m%d}-{serial:07d}"
                person = f"{rng.choice(_HO)} {rng.choice(_TEN)}"
                id_number = f"{rng.randint(0, 10**12 - 1):012d}"
                phone = f"09{rng.randint(0, 10**8 - 1):08d}"
                received = moment + timedelta(minutes=rng.randint(0, 540))
                due = received + timedelta(days=rng.randint(1, 20))
                for step, status in enumerate((2, 4, 9, 10)):
                    if day_records >= per_day or written >= records:
                        break
                    record = {
                        "Id": f"{serial:08d}-{step}", "MaHoSo": code, "MaTTHC": f"1.{rng.randint(1000, 9999):06d}",
                        "MaDonVi": f"000.00.{rng.randint(1, 40):02d}.H55", "TrangThaiHoSo": status,
                        "ThoiDiemXuLy": (received + timedelta(hours=step * 30)).strftime("%Y%m%d%H%M%S"),
                        "NgayHenTra": due.strftime("%Y%m%d%H%M%S"), "NguoiXuLy": f"CB{rng.randint(1, 900):05d}",
                        "ChuHoSo": person, "SoGiayToChuHoSo": id_number, "SoDienThoai": phone,
                        "NoiDungXuLy": rng.choice(_NOTES),
                    }
                    if status == 2:
                        record["KenhThucHien"] = rng.choice((1, 2, 2, 3))
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    day_records += 1
                    written += 1
    return onestop


def _source_files(args, workdir: Path) -> tuple[list[Path], str]:
    if args.from_dir:
        files = sorted(Path(args.from_dir).rglob(LOG_FILE_GLOB))
        if not files:
            raise SystemExit(f"no {LOG_FILE_GLOB} under {args.from_dir}")
        return files, f"--from-dir {args.from_dir}"
    if not args.synthesize and importlib.util.find_spec("sample_data") is not None:
        outdir = workdir / "generated"
        scale = max(args.records / 1_000_000, 0.001)
        subprocess.run([sys.executable, "-m", "sample_data", str(outdir), "--seed", str(args.seed),
                        "--scale", f"{scale:g}"], check=True, cwd=PROJECT_ROOT)
        return sorted(outdir.rglob(LOG_FILE_GLOB)), f"sample_data --seed {args.seed} --scale {scale:g}"
    if not args.synthesize:
        print("sample_data not available: using the built-in synthesiser", flush=True)
    return sorted(synthesize(workdir / "synthetic", args.records, args.seed).glob(LOG_FILE_GLOB)), "synthesiser"


def _landing_with_records(files: list[Path], records: int, landing: Path) -> int:
    """A landing zone with the first `records` non-empty lines of the files (whole files linked)."""
    onestop = landing / "onestop"
    onestop.mkdir(parents=True)
    taken = 0
    for path in files:
        if taken >= records:
            break
        with open(path, "rb") as handle:
            lines = [line for line in handle if line.strip()]
        target = onestop / path.name
        if taken + len(lines) <= records:
            target.symlink_to(path.resolve())
            taken += len(lines)
        else:
            target.write_bytes(b"".join(lines[:records - taken]))
            taken = records
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--from-dir", help="directory with dossier_log_*.jsonl files (searched recursively)")
    parser.add_argument("--synthesize", action="store_true", help="use the built-in synthesiser")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk-rows", type=int, default=None)
    parser.add_argument("--database", default=BENCH_DATABASE)
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="measure N times (fresh database each time) and report the spread; the machine is shared")
    args = parser.parse_args(argv)

    from include.warehouse import create_database, drop_database

    with tempfile.TemporaryDirectory(prefix="bench_load_") as tmp:
        workdir = Path(tmp)
        files, origin = _source_files(args, workdir)
        records = _landing_with_records(files, args.records, workdir / "landing")
        size = sum(p.stat().st_size for p in (workdir / "landing" / "onestop").iterdir())
        print(f"records: {records:,} in {len(list((workdir / 'landing' / 'onestop').iterdir()))} files, "
              f"{size / 1e6:.0f} MB, from {origin}", flush=True)

        runs = []
        for _ in range(max(1, args.repeat)):
            url = create_database(args.database, drop_existing=True)
            try:
                measured = measure_ingest_and_copy(url, workdir / "landing", chunk_rows=args.chunk_rows)
            finally:
                if not args.keep_database:
                    drop_database(args.database)
            assert measured["rows_read"] == records, (measured, records)
            runs.append(_report(measured, records))
    ratios = sorted(run["ratio"] for run in runs)
    result = {"records": records, "files": runs[-1]["files"], "source": origin,
              "ingest_seconds": [r["ingest_seconds"] for r in runs],
              "bare_copy_seconds": [r["bare_copy_seconds"] for r in runs],
              "ratio": ratios[len(ratios) // 2], "ratio_min": ratios[0], "ratio_max": ratios[-1],
              "runs": len(runs), "measured_at": datetime.now().isoformat(timespec="seconds")}
    if len(runs) > 1:
        print(f"ratio over {len(runs)} runs: median {result['ratio']:.2f}, min {ratios[0]:.2f}, max {ratios[-1]:.2f}")
    print(json.dumps(result))
    return 0


def _report(measured: dict, records: int) -> dict:
    ingest_seconds, bare_seconds = measured["ingest_seconds"], measured["copy_seconds"]
    loaded, quarantined = measured["rows"], measured["rows_quarantined"]
    ingest_rate, bare_rate = records / ingest_seconds, loaded / bare_seconds
    ratio = ingest_rate / bare_rate
    print(f"ingest   : {ingest_seconds:7.2f} s  {ingest_rate:>10,.0f} rows/s "
          f"({loaded:,} loaded, {quarantined:,} quarantined)")
    print(f"bare COPY: {bare_seconds:7.2f} s  {bare_rate:>10,.0f} rows/s")
    print(f"ratio ingest / bare COPY: {ratio:.2f} (target >= 0.50) {'OK' if ratio >= 0.5 else 'BELOW TARGET'}",
          flush=True)
    return {"files": measured["files"], "ingest_seconds": ingest_seconds, "bare_copy_seconds": bare_seconds,
            "ingest_rows_per_s": ingest_rate, "bare_rows_per_s": bare_rate, "ratio": ratio}


def measure_ingest_and_copy(url: str, landing: Path, chunk_rows: int | None = None) -> dict:
    """Load the dossier logs of `landing` through include.ingest, then a bare COPY of the same typed rows.

    Both on the same server in the same run; returns seconds and rows/s of each.
    """
    from include.ingest import ensure_raw_schema, load_landing_zone
    from include.config import LOCAL_TIME_ZONE
    from include.ingest.loader import DEFAULT_CHUNK_ROWS
    from include.warehouse import connect

    ensure_raw_schema(url)
    conn = connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("checkpoint")
        began = time.perf_counter()
        results = load_landing_zone(url, landing, kinds=["dossier_log"], chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS)
        ingest_seconds = time.perf_counter() - began
        failed = [r for r in results if r.status not in ("LOADED", "SKIPPED")]
        if failed:
            raise SystemExit(f"ingest did not load every file: {failed[:3]}")
        loaded = sum(r.rows_loaded or 0 for r in results)
        quarantined = sum(r.rows_quarantined or 0 for r in results)
        rows_read = sum(r.rows_read or 0 for r in results)

        # The baseline: the same typed rows as CSV, one bare COPY into an equivalent table.
        with tempfile.TemporaryDirectory(prefix="bench_copy_") as tmp:
            csv_path = Path(tmp) / "typed.csv"
            columns = ("id, ma_ho_so, ma_tthc, ma_don_vi, kenh_thuc_hien, trang_thai_ho_so, thoi_diem_xu_ly, "
                       "ngay_hen_tra, nguoi_xu_ly, chu_ho_so, so_giay_to_chu_ho_so, so_dien_thoai, noi_dung_xu_ly, "
                       "applicant_pseudonym, _file_date, _file_id, _line_no")
            with conn.cursor() as cur, open(csv_path, "wb") as out:
                cur.execute(f"set time zone '{LOCAL_TIME_ZONE}'")
                cur.copy_expert(f"copy (select {columns} from raw.dossier_log) to stdout with (format csv)", out)
                cur.execute("create schema if not exists bench")
                cur.execute("drop table if exists bench.dossier_log_bare")
                cur.execute("create table bench.dossier_log_bare (like raw.dossier_log including all)")
                cur.execute("checkpoint")
            began = time.perf_counter()
            with conn.cursor() as cur, open(csv_path, "rb") as source:
                cur.execute("begin")
                cur.copy_expert(f"copy bench.dossier_log_bare ({columns}) from stdin with (format csv)",
                                source, size=1 << 20)
                cur.execute("commit")
            copy_seconds = time.perf_counter() - began
            with conn.cursor() as cur:
                cur.execute("drop table bench.dossier_log_bare")
    finally:
        conn.close()
    return {"rows": loaded, "rows_read": rows_read, "rows_quarantined": quarantined, "files": len(results),
            "ingest_seconds": ingest_seconds, "copy_seconds": copy_seconds,
            "ingest_rows_per_s": rows_read / ingest_seconds, "copy_rows_per_s": loaded / copy_seconds}


if __name__ == "__main__":
    sys.exit(main())

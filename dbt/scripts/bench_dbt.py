"""Benchmark the dbt project on a generated landing zone, and prove incremental == full refresh.

    PYTHONPATH=. .venv/bin/python dbt/scripts/bench_dbt.py LANDING_DIR [--database NAME]

1. fresh database; load the landing zone WITHOUT its last dossier-log file (include.ingest);
2. `dbt build` (full) — timed;
3. load the last day's log file; `dbt build` (incremental) — timed;
4. snapshot every marts table; `dbt build --full-refresh` — timed; compare: every mart identical;
5. print the 2020-H1 nd09 province figures and compare them with the golden file (meaningful at scale 1).
Prints one JSON document with the timings and the comparison.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from include.config import dbt_project_vars  # noqa: E402
from include.ingest.loader import load_landing_zone  # noqa: E402
from include.nightly.dbt_runner import dbt_environment  # noqa: E402
from include.warehouse import connect, create_database, database_of, ensure_roles  # noqa: E402

DBT_DIR = PROJECT_ROOT / "dbt"
GOLDEN = PROJECT_ROOT / "tests" / "data" / "golden" / "soc-trang-2020-H1.json"  # the seed figures, kept as test data
FIGURES = list(dbt_project_vars()["bieu06_figures"])


def bench_target_path(url: str) -> Path:
    """Own artifacts directory per benchmark database: other dbt runs in the shared project directory
    (tests, other databases) would otherwise overwrite target/partial_parse.msgpack between our runs and
    force a full re-parse, which a daily run against one warehouse does not pay."""
    return DBT_DIR / "target" / f"bench_{database_of(url)}"


def dbt(url: str, *args: str, label: str | None = None) -> float:
    target = bench_target_path(url)
    env = dbt_environment(url, target)
    started = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).parent / "dbt"), *args, "--project-dir", str(DBT_DIR),
                           "--profiles-dir", str(DBT_DIR)], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-8000:])
        raise SystemExit(f"dbt {' '.join(args)} failed")
    if label:  # keep per-node timings of this run next to the other dbt artifacts
        shutil.copy(target / "run_results.json", DBT_DIR / "target" / f"run_results_{label}.json")
    return elapsed


def marts_digest(url: str) -> dict[str, str]:
    """Order-independent digest of every marts table (md5 of its rows sorted as text)."""
    conn = connect(url)
    result = {}
    with conn, conn.cursor() as cur:
        cur.execute("select table_name from information_schema.tables where table_schema = 'marts' order by 1")
        for (table,) in cur.fetchall():
            cur.execute(f'select count(*), md5(string_agg(r::text, \'|\' order by r::text)) from marts."{table}" r')
            count, digest = cur.fetchone()
            result[table] = f"{count}:{digest}"
    conn.close()
    return result


def province_figures(url: str, period: str = "2020-H1", cutoff: str = "nd09") -> dict[str, int]:
    conn = connect(url)
    with conn, conn.cursor() as cur:
        cur.execute(f"select {', '.join(f'sum({k})::int' for k in FIGURES)} from marts.agg_dossier_bieu06"
                    " where period_code = %s and cutoff = %s", (period, cutoff))
        row = cur.fetchone()
    conn.close()
    return dict(zip(FIGURES, row))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("landing", type=Path)
    parser.add_argument("--database", default="bench_dbt")
    args = parser.parse_args()

    log_files = sorted((args.landing / "onestop").glob("dossier_log_*.jsonl"))
    last_log = log_files[-1]
    url = create_database(args.database, drop_existing=True)
    with tempfile.TemporaryDirectory() as tmp:
        partial = Path(tmp) / "landing"
        shutil.copytree(args.landing, partial, ignore=lambda d, names: [n for n in names if n == last_log.name])
        started = time.perf_counter()
        load_landing_zone(url, partial)
        load_seconds = time.perf_counter() - started
    ensure_roles(url)
    full = dbt(url, "build", label="full")
    before = province_figures(url)

    load_landing_zone(url, args.landing)          # adds only the last day's log file
    incremental = dbt(url, "build", label="incremental")
    incremental_digest = marts_digest(url)
    refresh = dbt(url, "build", "--full-refresh", label="full_refresh")
    full_digest = marts_digest(url)
    figures = province_figures(url)

    golden = json.loads(GOLDEN.read_text())["dossiers"]
    conn = connect(url)
    with conn, conn.cursor() as cur:
        cur.execute("select count(*) from marts.fct_dossier")
        dossiers = cur.fetchone()[0]
        cur.execute("select count(*) from marts.fct_dossier_status_log")
        log_records = cur.fetchone()[0]
        cur.execute("select count(*) from marts.fct_dossier_period")
        dossier_periods = cur.fetchone()[0]
    conn.close()
    report = {
        "landing": str(args.landing), "dossiers": dossiers, "log_records": log_records,
        "dossier_period_rows": dossier_periods, "load_seconds_without_last_day": round(load_seconds, 1),
        "full_build_seconds": round(full, 1), "incremental_build_seconds": round(incremental, 1),
        "incremental_share_of_full": round(incremental / full, 3),
        "full_refresh_build_seconds": round(refresh, 1),
        "last_day_file": last_log.name,
        "marts_identical": incremental_digest == full_digest,
        "marts_differing": sorted(t for t in full_digest if incremental_digest.get(t) != full_digest[t]),
        "figures_2020_H1_nd09_before_last_day": before,
        "figures_2020_H1_nd09": figures,
        "golden_mismatches": {k: {"golden": v, "warehouse": figures.get(k)} for k, v in golden.items()
                              if figures.get(k) != v},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["marts_identical"] else 1


if __name__ == "__main__":
    sys.exit(main())

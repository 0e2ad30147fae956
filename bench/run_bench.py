"""`make bench`: the whole pipeline measured against its physical limit, at several scales.

For each scale S of the sample generator (scale 1 ≈ 180k dossiers ≈ 1M log records):
  ingest          the dossier log through include.ingest (validation, pseudonyms, COPY)
  copy_baseline   a bare COPY of the same records, pre-converted to typed CSV, same server
  dbt_full        `dbt build --full-refresh` (models and their data tests; unit tests run in CI only)
  dbt_incremental one more day of logs loaded, then the nightly build's plan: `dbt build` of the
                  models downstream of the raw tables that changed (include.nightly.build_plan)
  nightly_dag     a real nightly DAG run (`airflow dags test cchc_nightly`, bench/bench_nightly.py) on a copy
                  of the warehouse as it was before dbt_incremental, with the same new day of logs to load:
                  new file → `cchc_marts` Asset, split into startup, load, plan, freshness, dbt, watermark
                  and scheduling; once per Cosmos execution mode in --dag-modes (ratio: of dbt_full)
  report          render_report for 2020-H1
  report_all      UNIT=all for 2020-H1: the province's report and every top-level unit's, rendered one
                  after another by the functions the mapped DAG tasks run (report_scopes, render_request)
  dag_parse       each DAG file parsed in a fresh process (seconds per file)
  bi_chart        each dashboard chart's SQL (bi/chart_sql.py: what Superset sends) run as bi_reader on the
                  scale's warehouse, for 2020-H1 (median of 3 runs per chart; needs stage dbt)
Peak memory is the maximum RSS of the process doing the stage and its children
(a child process per stage, sampled every 50 ms with psutil); the PostgreSQL
server's own memory is not included.
Results: bench/results.json (list of records) and a Markdown table on stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from include.config import PROJECT_ROOT, get_settings

RESULTS = PROJECT_ROOT / "bench" / "results.json"
CORES = os.cpu_count()
TARGETS = {
    "ingest": "ratio ≥ 0.5 × bare COPY",
    "dbt_full": "≤ 60 s at scale 1",
    "dbt_incremental": "≤ 10 % of full",
    "nightly_dag": "≤ 15 s at scale 1",
    "report": "≤ 10 s",
    "report_all": "≤ 60 s at scale 1",
    "dag_parse": "≤ 1 s per file",
    "bi_chart": "≤ 1 s per chart at scale 4",
}


def record(stage, scale, rows, seconds, peak_rss_mb, ratio=None) -> dict:
    # Microseconds kept: a dashboard query at a tiny scale takes well under a millisecond.
    return {
        "stage": stage, "scale": scale, "rows": rows, "seconds": round(seconds, 6),
        "rows_per_s": round(rows / seconds, 1) if rows and seconds else None,
        "peak_rss_mb": round(peak_rss_mb, 1) if peak_rss_mb is not None else None,
        "ratio": round(ratio, 6) if ratio is not None else None, "cores": CORES,
    }


def run_child(args: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run a command; return (seconds, peak RSS MB of it and its descendants, sampled, and stdout).

    Sampled with psutil rather than read from wait4: on Linux a child's ru_maxrss also counts
    the memory of the parent it was forked from, which would credit the bench's own size to it.
    """
    import threading

    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=PROJECT_ROOT,
                            text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                try:
                    rss = root.memory_info().rss + sum(c.memory_info().rss for c in root.children(recursive=True))
                except psutil.Error:
                    break
                peak = max(peak, rss)
                done.wait(0.05)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stdout is not None
    output = proc.stdout.read()
    proc.wait()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{output[-3000:]}")
    return seconds, peak / 2**20, output


def python_child(code: str, env: dict | None = None) -> tuple[float, float, str]:
    env = dict(env or os.environ)
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    return run_child([sys.executable, "-c", code], env)


def last_json_line(output: str) -> dict:
    for line in reversed(output.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"no JSON result in output:\n{output[-2000:]}")


def prepare_landing(scale: float, seed: int, workdir: Path) -> tuple[Path, Path]:
    """Generate the zone; split off the last day of dossier logs for the incremental run."""
    full = workdir / f"landing_s{scale:g}"
    stamp = full / ".bench-stamp"
    if not stamp.exists() or stamp.read_text() != f"{seed}:{scale}":
        from sample_data import generate

        generate(full, seed=seed, scale=scale)
        stamp.write_text(f"{seed}:{scale}")
    night1 = workdir / f"night1_s{scale:g}"
    shutil.rmtree(night1, ignore_errors=True)
    held_out = typical_day(sorted((full / "onestop").glob("dossier_log_*.jsonl")))
    for path in full.rglob("*"):
        if path.is_file() and path != held_out and not path.name.startswith("."):
            target = night1 / path.relative_to(full)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return night1, held_out


def cpu_reference_seconds() -> float:
    """Seconds for a fixed pure-Python loop: the same code on a busier or slower machine takes longer,
    so runs of the bench can be compared against how fast the machine was at the time."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def typical_day(logs: list[Path]) -> Path:
    """The newest log file holding at least the median day's records.

    The zone's last files are small tails of late syncs (a few hundred records), which would
    flatter the incremental run; a typical working day is what a night usually brings.
    """
    def records(path: Path) -> int:
        with path.open("rb") as handle:
            return sum(1 for _ in handle)

    counts = {path: records(path) for path in logs}
    median = sorted(counts.values())[len(counts) // 2]
    return [path for path in logs if counts[path] >= median][-1]


def bench_scale(scale: float, seed: int, stages: set[str], workdir: Path,
                dag_modes: tuple[str, ...] = ("watcher",)) -> list[dict]:
    from include.nightly.dbt_runner import dbt_environment
    from include.warehouse import create_database

    results: list[dict] = []
    night1, held_out = prepare_landing(scale, seed, workdir)
    reference = cpu_reference_seconds()
    print(f"CPU reference (a fixed pure-Python loop, for comparing runs on a shared machine): {reference:.2f} s",
          flush=True)
    db_name = f"bench_s{str(scale).replace('.', '_')}"
    url = create_database(db_name, drop_existing=True)
    print(f"\n## scale {scale:g} (database {db_name})", flush=True)

    # Ingest and bare COPY of the same dossier-log records, in the same run, same server.
    code = (
        "import json; from pathlib import Path; from bench.bench_load import measure_ingest_and_copy;"
        f"print(json.dumps(measure_ingest_and_copy({url!r}, Path({str(night1)!r}))))"
    )
    if "ingest" in stages:
        _, ingest_rss, out = python_child(code)
        measured = last_json_line(out)
        ratio = measured["ingest_rows_per_s"] / measured["copy_rows_per_s"]
        results.append(record("ingest", scale, measured["rows"], measured["ingest_seconds"], ingest_rss, ratio))
        results.append(record("copy_baseline", scale, measured["rows"], measured["copy_seconds"], None))
        print(f"ingest {measured['ingest_seconds']:.1f} s, bare COPY {measured['copy_seconds']:.1f} s, "
              f"ratio {ratio:.2f}", flush=True)

    # Everything else of the first night, then dbt full refresh.
    load_code = (
        "import json; from pathlib import Path; from include.nightly.dag_tasks import prepare_warehouse;"
        "from include.ingest import load_landing_zone;"
        f"prepare_warehouse({url!r}); r = load_landing_zone({url!r}, Path({str(night1)!r}));"
        "print(json.dumps({'failed': [x.path for x in r if x.status == 'FAILED']}))"
    )
    out = last_json_line(python_child(load_code)[2])
    if out["failed"]:
        raise RuntimeError(f"files failed to load: {out['failed']}")
    dbt = [str(Path(sys.executable).parent / "dbt")]
    dbt_args = ["--project-dir", str(PROJECT_ROOT / "dbt"), "--profiles-dir", str(PROJECT_ROOT / "dbt"), "--quiet"]
    # Own target dir per database, parsed once before timing: dbt re-parses the whole project when the
    # profile (here the database name) changes, which a nightly against one warehouse never pays.
    target = PROJECT_ROOT / "dbt" / "target" / f"bench_{db_name}"
    env = dbt_environment(url, target)
    dossiers = _count(url, "select count(*) from raw.dossier_log")
    if stages & {"dbt", "report"}:
        from include.nightly.build_plan import build_args, plan_build, record_build

        run_child(dbt + ["parse"] + dbt_args, env)
        full_plan = plan_build(url, force_full=True)
        seconds, rss, _ = run_child(dbt + build_args(full_plan) + dbt_args, env)
        record_build(url, full_plan.loaded_through_file_id)
        results.append(record("dbt_full", scale, dossiers, seconds, rss))
        results[-1]["slowest_nodes"] = keep_node_timings(target, f"dbt_full_s{scale:g}")
        # Storage, for docs/scaling.md: the whole database and the raw log with its index.
        results[-1]["database_mb"] = round(_count(url, "select pg_database_size(current_database())") / 2**20)
        results[-1]["raw_log_mb"] = round(_count(url, "select pg_total_relation_size('raw.dossier_log')") / 2**20)
        full_seconds = seconds
        print(f"dbt build --full-refresh {seconds:.1f} s", flush=True)
        if "nightly_dag" in stages:   # the warehouse as it is before the new day, for the DAG runs below
            dag_copies = {mode: _copy_database(db_name, f"{db_name}_dag_{mode}") for mode in dag_modes}

        # One more night: the held-out day of logs, then an incremental build.
        shutil.copy2(held_out, night1 / "onestop" / held_out.name)
        python_child(load_code)
        new_rows = _count(url, "select count(*) from raw.dossier_log") - dossiers
        plan = plan_build(url)
        assert plan.changed_sources == ["dossier_log"], plan
        incremental_args = build_args(plan)
        seconds, rss, _ = run_child(dbt + incremental_args + dbt_args, env)
        results.append(record("dbt_incremental", scale, new_rows, seconds, rss, seconds / full_seconds))
        results[-1]["dbt_args"] = " ".join(incremental_args)
        results[-1]["held_out_file"] = held_out.name
        results[-1]["slowest_nodes"] = keep_node_timings(target, f"dbt_incremental_s{scale:g}")
        print(f"dbt {' '.join(incremental_args)} (+{new_rows} log records) {seconds:.1f} s", flush=True)
        # dbt's own floor: start-up, parse check and connection, selecting no node at all.
        seconds, _, _ = run_child(dbt + ["build", "--select", "tag:bench_selects_nothing"] + dbt_args, env)
        results[-1]["seconds_dbt_startup"] = round(seconds, 3)
        print(f"  dbt start-up floor (selecting nothing) {seconds:.1f} s", flush=True)

        if "nightly_dag" in stages:
            results += bench_nightly_dags(dag_copies, night1, scale, new_rows, full_seconds)

    if "bi" in stages:
        results += bench_bi_charts(url, scale)

    if "report" in stages:
        out_dir = workdir / f"report_s{scale:g}"
        code = (
            "import json, time; from pathlib import Path; from include.report import render_report;"
            f"t = time.perf_counter(); render_report({url!r}, '2020-H1', output_dir=Path({str(out_dir)!r}));"
            "print(json.dumps({'seconds': time.perf_counter() - t}))"
        )
        _, rss, out = python_child(code)
        results.append(record("report", scale, None, last_json_line(out)["seconds"], rss))
        print(f"report {results[-1]['seconds']:.1f} s", flush=True)
    if "report_all" in stages:
        out_dir = workdir / f"report_all_s{scale:g}"
        code = (
            "import json, time; from include.report.dag_tasks import render_request, report_scopes;"
            f"t = time.perf_counter(); request = dict(period_code='2020-H1', cutoff='nd09', index_year=None,"
            f" narrative_path=None, output_dir={str(out_dir)!r}, trigger='manual', unit='all');"
            f"scopes = report_scopes(request, {url!r}); [render_request(s, {url!r}) for s in scopes];"
            "print(json.dumps({'seconds': time.perf_counter() - t, 'reports': len(scopes)}))"
        )
        _, rss, out = python_child(code)
        measured = last_json_line(out)
        results.append(record("report_all", scale, measured["reports"], measured["seconds"], rss))
        print(f"report UNIT=all ({measured['reports']} reports) {measured['seconds']:.1f} s", flush=True)
    for rec in results:
        rec["cpu_reference_s"] = round(reference, 2)
    return results


def bench_nightly_dags(copies: dict[str, str], landing: Path, scale: float, new_rows: int,
                       full_seconds: float) -> list[dict]:
    """One nightly DAG run per Cosmos execution mode, each on its copy of the pre-night warehouse."""
    from bench.bench_nightly import describe, run_nightly_dag
    from include.warehouse import database_of, drop_database

    results = []
    for mode, url in copies.items():
        parts = run_nightly_dag(url, landing, mode=mode)
        rec = record("nightly_dag", scale, new_rows, parts["seconds"], None, parts["seconds"] / full_seconds)
        rec["file"] = mode
        rec["parts"] = {k: v for k, v in parts.items() if k not in ("seconds", "mode", "log")}
        results.append(rec)
        print(f"nightly DAG ({mode}, +{new_rows} log records) {parts['seconds']:.1f} s: {describe(parts)}",
              flush=True)
        drop_database(database_of(url))
    return results


def _copy_database(source: str, copy: str) -> str:
    """A file-level copy of a database (CREATE DATABASE … TEMPLATE): seconds, not a reload."""
    from include.warehouse import connect, drop_database, server_url, with_database

    drop_database(copy)
    conn = connect(server_url())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s "
                        "and pid <> pg_backend_pid()", (source,))
            cur.execute(f'create database "{copy}" template "{source}"')
    finally:
        conn.close()
    return with_database(server_url(), copy)


def bench_bi_charts(url: str, scale: float, period_label: str = "6 tháng đầu năm 2020", runs: int = 3) -> list[dict]:
    """Every dashboard chart's query as bi_reader (as Superset runs it): the median of `runs` timed runs.

    The province is the dashboard's default: the first value of its filter "Tỉnh" in ascending order."""
    import statistics

    import psycopg2

    from bi.chart_sql import chart_queries, default_province_sql
    from include.warehouse import bi_reader_url

    results = []
    conn = psycopg2.connect(bi_reader_url(url))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(default_province_sql())
            [province] = cur.fetchone()
            for query in chart_queries():
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    cur.execute(query.sql, {"period_label": period_label, "tinh": province})
                    rows = cur.fetchall()
                    times.append(time.perf_counter() - started)
                rec = record("bi_chart", scale, len(rows), statistics.median(times), None)
                rec["file"] = query.slice_name
                rec["seconds_first_run"] = round(times[0], 4)
                results.append(rec)
                print(f"chart {query.slice_name!r} ({query.table}): {rec['seconds']:.3f} s median, "
                      f"{len(rows)} rows", flush=True)
    finally:
        conn.close()
    return results


def bench_dag_parse() -> list[dict]:
    results = []
    for dag_file in sorted((PROJECT_ROOT / "dags").glob("*.py")):
        code = (
            "import json, time; from airflow.dag_processing.dagbag import DagBag;"
            f"t = time.perf_counter(); b = DagBag(dag_folder={str(dag_file)!r});"
            "print(json.dumps({'seconds': time.perf_counter() - t, 'errors': len(b.import_errors)}))"
        )
        env = dict(os.environ)
        env.setdefault("AIRFLOW_HOME", str(get_settings().airflow_home))
        env["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
        _, rss, out = python_child(code, env)
        measured = last_json_line(out)
        if measured["errors"]:
            raise RuntimeError(f"{dag_file.name} has import errors")
        rec = record("dag_parse", None, None, measured["seconds"], rss)
        rec["file"] = dag_file.name
        results.append(rec)
        print(f"parse {dag_file.name}: {measured['seconds']:.2f} s", flush=True)
    return results


def keep_node_timings(target: Path, label: str, top: int = 6) -> list[list]:
    """Keep dbt's per-node timings of the last run (bench/out/run_results_LABEL.json); return the slowest."""
    run_results = target / "run_results.json"
    kept = PROJECT_ROOT / "bench" / "out" / f"run_results_{label}.json"
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(run_results, kept)
    nodes = json.loads(kept.read_text())["results"]
    slowest = sorted(nodes, key=lambda n: n["execution_time"], reverse=True)[:top]
    return [[n["unique_id"].split(".")[-1], round(n["execution_time"], 2)] for n in slowest]


def _count(url: str, query: str) -> int:
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(query)
            return cur.fetchone()[0]
    finally:
        conn.close()


def markdown(results: list[dict]) -> str:
    lines = ["| stage | scale | rows | seconds | rows/s | peak RSS MB | ratio | growth per doubling | target | holds |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    by_stage: dict[tuple, dict[float, dict]] = {}   # (stage, file): one series per chart of stage bi_chart
    for rec in results:
        if rec["scale"] is not None:
            by_stage.setdefault((rec["stage"], rec.get("file")), {})[rec["scale"]] = rec
    for rec in results:
        growth = None
        scale = rec["scale"]
        if scale is not None and scale / 2 in by_stage.get((rec["stage"], rec.get("file")), {}):
            prev = by_stage[(rec["stage"], rec.get("file"))][scale / 2]
            growth = rec["seconds"] / prev["seconds"] if prev["seconds"] else None
        holds = target_holds(rec, growth)
        lines.append("| {stage}{file} | {scale} | {rows} | {seconds} | {rps} | {rss} | {ratio} | {growth} | {target} | "
                     "{holds} |".format(
                         stage=rec["stage"], file=f" ({rec['file']})" if rec.get("file") else "",
                         scale=_fmt(rec["scale"]), rows=_fmt(rec["rows"]), seconds=rec["seconds"],
                         rps=_fmt(rec["rows_per_s"]), rss=_fmt(rec["peak_rss_mb"]), ratio=_fmt(rec["ratio"]),
                         growth=f"{growth:.2f}×" if growth else "", target=TARGETS.get(rec["stage"], ""),
                         holds=holds))
    return "\n".join(lines)


def target_holds(rec: dict, growth: float | None) -> str:
    stage = rec["stage"]
    checks = []
    if stage == "ingest":
        checks.append(rec["ratio"] is not None and rec["ratio"] >= 0.5)
    elif stage == "dbt_full" and rec["scale"] == 1:
        checks.append(rec["seconds"] <= 60)
    elif stage == "dbt_incremental":
        checks.append(rec["ratio"] is not None and rec["ratio"] <= 0.10)
    elif stage == "nightly_dag" and rec["scale"] == 1:
        checks.append(rec["seconds"] <= 15)
    elif stage == "report":
        checks.append(rec["seconds"] <= 10)
    elif stage == "report_all" and rec["scale"] == 1:
        checks.append(rec["seconds"] <= 60)
    elif stage == "dag_parse":
        checks.append(rec["seconds"] <= 1)
    elif stage == "bi_chart" and rec["scale"] >= 4:
        checks.append(rec["seconds"] <= 1)
    if growth is not None and stage in ("ingest", "copy_baseline", "dbt_full", "report"):
        checks.append(growth <= 2.4)
    if not checks:
        return ""
    return "yes" if all(checks) else "NO"


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1 2 4", help="space-separated generator scales")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stages", default="ingest,dbt,nightly_dag,report,report_all,dag_parse,bi")
    parser.add_argument("--dag-modes", default="watcher",
                        help="Cosmos execution modes of stage nightly_dag, comma-separated (watcher,local)")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument("--workdir", default=str(get_settings().cchc_data_dir / "bench"))
    args = parser.parse_args(argv)
    stages = set(args.stages.split(","))
    for stage in ("bi", "nightly_dag"):
        if stage in stages and "dbt" not in stages:
            parser.error(f"stage {stage} runs on the warehouse stage dbt builds: add dbt")
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    for scale in [float(s) for s in args.scales.split()]:
        results += bench_scale(scale, args.seed, stages, workdir, tuple(args.dag_modes.split(",")))
    if "dag_parse" in stages:
        results += bench_dag_parse()
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(markdown(results))
    print(f"\nresults: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: one real nightly DAG run (`airflow dags test cchc_nightly`) and where its time goes.

The warehouse given is already loaded and built (a province's earlier nights); the landing
zone holds one more day of dossier logs. The run is timed from the command's start to its
end (new file → the `cchc_marts` Asset: `marts_ready` is the last task), and split with the
task instances Airflow recorded in its metadata database:

  startup     the `airflow` command until the run exists (imports, DAG parse, serialisation)
  load        prepare_warehouse + every load_source_group (file discovery, checksums, COPY)
  plan        raw_layer_ready (tonight's build plan)
  freshness   source_freshness (`dbt source freshness`)
  dbt         the Cosmos task group: the producer's one `dbt build` (watcher) or the
              per-model `dbt build` tasks (local), plus the per-model sensors/tasks
  watermark   marts_ready (moves the build watermark, emits the Asset)
  scheduling  the rest of the run: time between tasks (`dags test` runs one task at a time)
  shutdown    after the run's end until the command exits
"""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

from include.config import PROJECT_ROOT

DAG_ID = "cchc_nightly"


def run_nightly_dag(warehouse_url: str, landing: Path, *, mode: str = "watcher", full_refresh: bool = False) -> dict:
    """Run the nightly DAG once with `airflow dags test`; return seconds per part and dbt task states."""
    import json
    import sys

    from include.cli import airflow_env, airflow_init

    env = airflow_env(warehouse_url)
    env.update({"CCHC_LANDING_DIR": str(landing), "CCHC_PROVINCES": "", "CCHC_DBT_EXECUTION_MODE": mode,
                "CCHC_TASK_RETRIES": "0"})
    airflow_init(env)
    airflow = str(Path(sys.executable).parent / "airflow")
    command = [airflow, "dags", "test", DAG_ID]
    if full_refresh:
        command += ["--conf", json.dumps({"full_refresh": True})]
    log_path = Path(env["AIRFLOW_HOME"]) / "bench" / f"nightly_{mode}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started_wall = time.time()
    started = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.run(command, env=env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    ended_wall = time.time()
    if proc.returncode != 0:
        raise RuntimeError(f"airflow dags test {DAG_ID} failed ({proc.returncode}); log: {log_path}")
    parts = time_parts(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], started_wall, ended_wall)
    parts["seconds"] = seconds
    parts["mode"] = mode
    parts["log"] = str(log_path)
    return parts


def time_parts(metadata_url: str, started_wall: float, ended_wall: float) -> dict:
    """Seconds per part of the newest run of the nightly DAG (see the module docstring)."""
    import psycopg2

    conn = psycopg2.connect(metadata_url.replace("postgresql+psycopg2://", "postgresql://", 1))
    try:
        with conn.cursor() as cur:
            cur.execute("select run_id, state, extract(epoch from start_date), extract(epoch from end_date) "
                        "from dag_run where dag_id = %s order by id desc limit 1", (DAG_ID,))
            run_id, state, run_start, run_end = cur.fetchone()
            cur.execute("select task_id, state, extract(epoch from start_date), extract(epoch from end_date) "
                        "from task_instance where dag_id = %s and run_id = %s", (DAG_ID, run_id))
            tasks = cur.fetchall()
    finally:
        conn.close()
    if state != "success":
        raise RuntimeError(f"run {run_id} ended {state}")

    def part(task_ids) -> float:
        return sum(float(end) - float(start) for task_id, _, start, end in tasks
                   if start is not None and end is not None and task_ids(task_id))

    parts = {
        "load": part(lambda t: t in ("prepare_warehouse", "load_source_group")),
        "plan": part(lambda t: t == "raw_layer_ready"),
        "freshness": part(lambda t: t == "source_freshness"),
        "dbt_build": part(lambda t: t in ("dbt_build.dbt_producer_watcher",)),
        "dbt_tasks": part(lambda t: t.startswith("dbt_build.") and t != "dbt_build.dbt_producer_watcher"),
        "watermark": part(lambda t: t == "marts_ready"),
    }
    run_start, run_end = float(run_start), float(run_end or ended_wall)
    parts["scheduling"] = (run_end - run_start) - sum(parts.values())
    parts["startup"] = run_start - started_wall
    parts["shutdown"] = ended_wall - run_end
    parts = {name: round(value, 3) for name, value in parts.items()}
    parts["dbt_task_count"] = sum(t[0].startswith("dbt_build.") for t in tasks)
    parts["dbt_states"] = _count_states(t[1] for t in tasks if t[0].startswith("dbt_build."))
    return parts


def _count_states(states) -> dict:
    counts: dict[str, int] = {}
    for state in states:
        counts[state] = counts.get(state, 0) + 1
    return counts


def describe(parts: dict) -> str:
    order = ("startup", "load", "plan", "freshness", "dbt_build", "dbt_tasks", "watermark", "scheduling", "shutdown")
    return ", ".join(f"{name} {parts[name]:.1f} s" for name in order) + (
        f" ({parts['dbt_task_count']} dbt tasks: {parts['dbt_states']})")


def compare_modes(scale: float, modes: tuple[str, ...] = ("local", "watcher"), seed: int = 1,
                  workdir: Path | None = None) -> list[dict]:
    """Each mode on its own empty warehouse: night 1 (every file, full build), then night 2 (one more day)."""
    import shutil

    from bench.run_bench import prepare_landing
    from include.config import get_settings
    from include.warehouse import create_database, drop_database

    workdir = workdir or get_settings().cchc_data_dir / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    night1, held_out = prepare_landing(scale, seed, workdir)
    urls = {mode: create_database(f"bench_modes_{mode}", drop_existing=True) for mode in modes}
    results = []
    for night, order in (("full", modes), ("one_day", tuple(reversed(modes)))):
        if night == "one_day":
            shutil.copy2(held_out, night1 / "onestop" / held_out.name)
        for mode in order:
            parts = run_nightly_dag(urls[mode], night1, mode=mode)
            parts["night"] = night
            results.append(parts)
            print(f"{night:8} {mode:8} {parts['seconds']:6.1f} s: {describe(parts)}", flush=True)
    for mode in modes:
        drop_database(f"bench_modes_{mode}")
    return results


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description="nightly DAG runs per Cosmos execution mode")
    parser.add_argument("--scale", type=float, default=0.02)
    parser.add_argument("--modes", default="local,watcher")
    args = parser.parse_args()
    print(json.dumps(compare_modes(args.scale, tuple(args.modes.split(","))), indent=1))

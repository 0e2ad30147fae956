"""The production executor for real: `make airflow EXECUTOR=celery` (Redis, scheduler, API server, DAG
processor, two Celery workers) runs cchc_nightly; the worker running the dossier-log load is SIGKILLed in the
middle of a file's COPY. The task must be retried on the other worker, and the marts must equal a clean run:
nothing loaded twice, nothing lost.

How the COPY is caught in the middle: once a few log files are committed, the test takes an exclusive lock
on raw.dossier_log; the loader's next COPY then waits inside its open file transaction (manifest row
written, COPY started, nothing committed). The loader's connection names its process in
application_name, which leads to the worker's session; every process of that worker is SIGKILLed, as a
machine failure would, and the lock released. Scale CCHC_CELERY_TEST_SCALE (default 0.005) keeps it small.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from include.airflow_services import session_members

pytestmark = [pytest.mark.pipeline, pytest.mark.slow, pytest.mark.celery, pytest.mark.airflow]
PROJECT_ROOT = next(p for p in Path(__file__).resolve().parents if (p / "Makefile").exists())
sys.path.insert(0, str(Path(__file__).resolve().parent))
SCALE = float(os.environ.get("CCHC_CELERY_TEST_SCALE", "0.005"))
PORT = int(os.environ.get("CCHC_TEST_AIRFLOW_PORT", "18080"))
STATE_FILE = PROJECT_ROOT / ".airflow" / "services.json"
ONESTOP_MAP_INDEX = 1   # cchc_nightly maps load_source_group over (reference, onestop, catalogue, hr, indices)


def _query(url: str, sql: str, params=()) -> list[tuple]:
    from include.warehouse import connect

    conn = connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params or None)
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()


def _wait(what: str, check, timeout: float, airflow=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if airflow is not None and airflow.proc.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}" + (f"; output:\n{airflow.output[-4000:]}" if airflow else ""))


def test_killed_worker_mid_copy_task_retried_on_the_other_worker(tmp_path, server_url, build_pipeline):
    from test_airflow_services import Airflow

    from include.cli import airflow_env
    from include.warehouse import connect, create_database, drop_database
    from warehouse_checks import mart_checksums

    zone = tmp_path / "zone"
    clean_db = f"test_celery_clean_{uuid.uuid4().hex[:6]}"
    run_db = f"test_celery_run_{uuid.uuid4().hex[:6]}"
    clean_url = build_pipeline(clean_db, zone, seed=7, scale=SCALE)   # the reference: a clean load + build
    run_url = create_database(run_db, drop_existing=True)
    # Airflow's metadata in a database of its own: no run of another test or of the developer's Airflow
    # resumes here, and every run in it belongs to this test.
    airflow_db = f"test_celery_airflow_{uuid.uuid4().hex[:6]}"
    metadata_url = create_database(airflow_db, drop_existing=True)
    sqlalchemy_url = metadata_url.replace("postgresql://", "postgresql+psycopg2://", 1)
    lock_conn = None
    airflow = Airflow("celery", {
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sqlalchemy_url,
        "CCHC_LANDING_DIR": str(zone), "WAREHOUSE_DB": run_db, "CCHC_TASK_RETRIES": "2",
        "CCHC_FRESHNESS_ERROR_DAYS": "36500", "CCHC_FRESHNESS_WARN_DAYS": "36500",
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "20",
    })
    try:
        airflow.wait_for("Airflow UI: http://127.0.0.1:")
        sessions = json.loads(STATE_FILE.read_text())["sessions"]
        assert {"redis", "scheduler", "api-server", "dag-processor", "worker1", "worker2"} <= set(sessions)

        env = airflow_env(run_url)
        env.update({"AIRFLOW__CORE__EXECUTOR": "CeleryExecutor", "CCHC_LANDING_DIR": str(zone),
                    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sqlalchemy_url})
        airflow_cli = str(Path(sys.executable).parent / "airflow")
        # Unpausing creates the run of the last 01:00 (catchup=False); a manual run only if none appears, so
        # that exactly one run loads the files (a second run would spend minutes skipping every dbt task).
        def run_exists():
            return _query(metadata_url, "select 1 from dag_run where dag_id = 'cchc_nightly'")

        for command in (["dags", "unpause", "cchc_nightly"],
                        ["dags", "trigger", "cchc_nightly", "--run-id", f"celery_reliability_{uuid.uuid4().hex[:6]}"]):
            if command[1] == "trigger":
                try:
                    _wait("a scheduled run", run_exists, 90, airflow)
                    break
                except AssertionError:
                    pass

            def attempt(command=command):   # the DAG processor may not have stored the DAG yet
                done = subprocess.run([airflow_cli, *command], env=env, cwd=PROJECT_ROOT, capture_output=True,
                                      text=True, timeout=180)
                attempt.output = done.stdout[-2000:] + done.stderr[-2000:]
                return done.returncode == 0 or time.sleep(5)
            try:
                _wait(" ".join(command), attempt, 300, airflow)
            except AssertionError as exc:
                raise AssertionError(f"{exc}\n{attempt.output}") from None

        # a few log files committed, then the next COPY is held inside its file transaction
        _wait("three dossier-log files loaded", lambda: _query(
            run_url, "select count(*) >= 3 from raw.load_manifest where source_kind = 'dossier_log' "
                     "and status = 'LOADED'")[0][0] if _query(
            run_url, "select to_regclass('raw.load_manifest') is not null")[0][0] else False, 600, airflow)
        lock_conn = connect(run_url)
        with lock_conn.cursor() as cur:
            cur.execute("lock table raw.dossier_log in access exclusive mode")
        loaded_before = _query(run_url, "select count(*) from raw.load_manifest where source_kind = 'dossier_log' "
                                        "and status = 'LOADED'")[0][0]
        application = _wait("a COPY waiting inside its transaction", lambda: _query(
            run_url, "select application_name from pg_stat_activity where datname = current_database() "
                     "and query ilike 'copy raw.dossier_log%%' and wait_event_type = 'Lock'"), 120, airflow)[0][0]
        loader_pid = int(re.search(r"pid=(\d+)", application).group(1))
        (run_id,), = _query(metadata_url, "select run_id from task_instance where dag_id = 'cchc_nightly' and "
                                          "task_id = 'load_source_group' and map_index = %s and state = 'running'",
                            (ONESTOP_MAP_INDEX,))
        loader_session = os.getsid(loader_pid)
        killed = next(name for name, sid in sessions.items() if sid == loader_session)
        assert killed in ("worker1", "worker2")
        survivor = "worker2" if killed == "worker1" else "worker1"
        victims = session_members({loader_session})
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _wait(f"{killed} gone", lambda: not session_members({loader_session}), 30)
        lock_conn.rollback()
        lock_conn.close()
        lock_conn = None
        # the open file transaction died with its worker: nothing of that file was committed
        assert _query(run_url, "select count(*) from raw.load_manifest where source_kind = 'dossier_log' "
                               "and status = 'LOADED'")[0][0] == loaded_before

        state = _wait("the nightly run to finish", lambda: (_query(
            metadata_url, "select state from dag_run where dag_id = 'cchc_nightly' and run_id = %s "
                          "and state in ('success', 'failed')", (run_id,)) or [None])[0], 3600, airflow)
        assert state == ("success",), airflow.output[-3000:]
        assert f"{killed} stopped (killed by signal 9)" in airflow.output

        # the load task: try 1 on the killed worker, retried and succeeded on the other one
        (try_number, hostname, ti_state), = _query(
            metadata_url, "select try_number, hostname, state from task_instance where dag_id = 'cchc_nightly' "
                          "and run_id = %s and task_id = 'load_source_group' and map_index = %s",
            (run_id, ONESTOP_MAP_INDEX))
        assert (ti_state, hostname) == ("success", survivor) and try_number >= 2
        history = dict(_query(
            metadata_url, "select try_number, hostname from task_instance_history where dag_id = 'cchc_nightly' "
                          "and run_id = %s and task_id = 'load_source_group' and map_index = %s",
            (run_id, ONESTOP_MAP_INDEX)))
        assert history.get(1) == killed, history

        # nothing loaded twice, nothing lost: same files, rows and marts as the clean run
        for url in (clean_url, run_url):
            assert _query(url, "select count(*) from (select path from raw.load_manifest where status = 'LOADED' "
                               "group by path having count(*) > 1) d")[0][0] == 0
        files = "select source_kind, count(*), sum(rows_loaded) from raw.load_manifest where status = 'LOADED' " \
                "group by 1 order by 1"
        assert _query(run_url, files) == _query(clean_url, files)
        assert _query(run_url, "select count(*) from raw.dossier_log") == \
            _query(clean_url, "select count(*) from raw.dossier_log")
        assert mart_checksums(run_url) == mart_checksums(clean_url)
    finally:
        if lock_conn is not None:
            lock_conn.close()
        if airflow.proc.poll() is None:
            os.killpg(airflow.proc.pid, signal.SIGINT)
            try:
                airflow.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        airflow.kill()
        drop_database(clean_db)
        drop_database(run_db)
        drop_database(airflow_db)

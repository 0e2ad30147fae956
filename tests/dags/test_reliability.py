"""Reliability: reruns identical, loads in halves identical, crashes and server restarts survived.

Everything runs the real chain (sample generator → include.ingest → dbt build)
on the embedded PostgreSQL at a small scale.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg2
import pytest

from include.nightly.dbt_runner import dbt_environment
from include.warehouse import connect, create_database, drop_database
from pipeline_support import DBT_TARGET
from warehouse_checks import mart_checksums

pytestmark = [pytest.mark.pipeline, pytest.mark.airflow]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCALE = 0.03
def raw_fingerprint(url: str) -> dict[str, tuple]:
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            out = {}
            for table in ("dossier_log", "agencies", "procedures", "staff", "par_index", "sipas", "quarantine"):
                key = "file_id, line_no" if table == "quarantine" else "_file_id, _line_no"
                cur.execute(f"select count(*), count(distinct ({key})) from raw.{table}")
                out[table] = cur.fetchone()
            cur.execute("select count(*) from raw.dossier_log d join raw.load_manifest m on m.file_id = d._file_id "
                        "where m.status <> 'LOADED'")
            out["rows_of_unloaded_files"] = cur.fetchone()
            return out
    finally:
        conn.close()


def load_and_build(url: str, landing: Path, *, full_refresh: bool = False):
    """What one nightly run does: load, then the planned dbt build (only what changed; full
    when the DAG's check asks for it). Returns the build plan."""
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import prepare_warehouse, run_nightly_build

    prepare_warehouse(url)
    results = load_landing_zone(url, landing)
    assert not [r for r in results if r.status == "FAILED"]
    return run_nightly_build(url, force_full=full_refresh, extra_args=["--quiet"])


@pytest.fixture(scope="module")
def zone(tmp_path_factory) -> Path:
    from sample_data import generate

    path = tmp_path_factory.mktemp("reliability_zone")
    generate(path, seed=3, scale=SCALE)
    return path


@pytest.fixture(scope="module")
def reference(zone, server_url):
    """The marts of the zone loaded at once, on a fresh database."""
    name = "test_reliability_reference"
    url = create_database(name, drop_existing=True)
    load_and_build(url, zone)
    yield url, mart_checksums(url), raw_fingerprint(url)
    drop_database(name)


def _partial_zone(zone: Path, target: Path, last_log_day: str | None) -> Path:
    """A copy (hard links) of the zone with the dossier logs up to last_log_day only."""
    shutil.rmtree(target, ignore_errors=True)
    for path in zone.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.parent.name == "onestop" and last_log_day and path.stem.rsplit("_", 1)[-1] > last_log_day:
            continue
        out = target / path.relative_to(zone)
        out.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, out)
    return target


def test_second_run_changes_nothing(reference, zone):
    url, sums, raw = reference
    plan = load_and_build(url, zone)
    assert plan.builds_nothing, plan
    assert raw_fingerprint(url) == raw
    assert mart_checksums(url) == sums


def test_two_nights_equal_one(reference, zone, tmp_path):
    _, sums, raw = reference
    logs = sorted((zone / "onestop").glob("dossier_log_*.jsonl"))
    middle_day = logs[len(logs) // 2].stem.rsplit("_", 1)[-1]
    name = "test_reliability_halves"
    url = create_database(name, drop_existing=True)
    try:
        assert load_and_build(url, _partial_zone(zone, tmp_path / "night1", middle_day)).builds_everything
        # A night whose build fails leaves the watermark: the next night rebuilds what it missed.
        from include.ingest import load_landing_zone
        from include.nightly.dag_tasks import run_nightly_build

        load_landing_zone(url, _partial_zone(zone, tmp_path / "night2", None))
        with pytest.raises(RuntimeError, match="dbt build"):
            run_nightly_build(url, extra_args=["--select", "no_such_model+", "--fail-fast", "--no-such-flag"])
        # Night 2 brings only dossier logs: only their downstream models are rebuilt.
        assert load_and_build(url, _partial_zone(zone, tmp_path / "night2", None)).changed_sources == [
            "dossier_log"]
        assert raw_fingerprint(url) == raw
        assert mart_checksums(url) == sums
        # And an incremental result equals a full refresh of the same data.
        from include.nightly.dbt_runner import dbt_command

        dbt_command(["build", "--quiet", "--full-refresh"], url=url, target_path=DBT_TARGET)
        assert mart_checksums(url) == sums
    finally:
        drop_database(name)


def test_changed_redelivery_then_rebuild_equals_a_fresh_load(reference, zone, tmp_path):
    """Every log file re-delivered with other content: the next night's marts equal a fresh load."""
    from include.nightly.build_plan import plan_build
    from sample_data import generate

    _, sums, _ = reference
    earlier = tmp_path / "earlier"
    generate(earlier, seed=3, scale=SCALE / 2)  # same file names, different records
    name = "test_reliability_redelivery"
    url = create_database(name, drop_existing=True)
    try:
        load_and_build(url, earlier)
        assert not plan_build(url).full_refresh
        from include.ingest import load_landing_zone

        load_landing_zone(url, zone)
        assert plan_build(url).full_refresh, "superseded rows in the marts must trigger a full refresh"
        load_and_build(url, zone)
        assert not plan_build(url).full_refresh
        assert mart_checksums(url) == sums
    finally:
        drop_database(name)


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _copy_running(url: str) -> bool:
    conn = connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select count(*) from pg_stat_activity where datname = current_database() "
                        "and query ilike 'copy%%' and state = 'active'")
            return cur.fetchone()[0] > 0
    finally:
        conn.close()


def test_sigkill_mid_copy_leaves_nothing_then_rerun_loads(tmp_path, server_url):
    from sample_data import generate

    big = tmp_path / "big"
    generate(big, seed=5, scale=0.3)
    name = "test_reliability_sigkill_copy"
    url = create_database(name, drop_existing=True)
    try:
        code = ("from pathlib import Path; from include.nightly.dag_tasks import prepare_warehouse;"
                "from include.ingest import load_landing_zone;"
                f"prepare_warehouse({url!r}); load_landing_zone({url!r}, Path({str(big)!r}), kinds=['dossier_log'])")
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT,
                                env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
        try:
            _wait_for(lambda: _copy_running(url), 120, "a COPY in progress")
            time.sleep(0.2)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        # Give the server a moment to notice the dropped connection and roll back.
        _wait_for(lambda: not _copy_running(url), 30, "the killed COPY to end")
        fp = raw_fingerprint(url)
        assert fp["rows_of_unloaded_files"] == (0,)
        conn = connect(url)
        with conn.cursor() as cur:
            cur.execute("select coalesce(sum(rows_loaded), 0) from raw.load_manifest where status = 'LOADED'")
            loaded_by_manifest = cur.fetchone()[0]
            cur.execute("select count(*) from raw.dossier_log")
            assert cur.fetchone()[0] == loaded_by_manifest, "rows exist that no LOADED manifest entry accounts for"
        conn.close()

        from include.ingest import load_landing_zone

        results = load_landing_zone(url, big, kinds=["dossier_log"])
        assert all(r.status in ("LOADED", "SKIPPED") for r in results)
        conn = connect(url)
        with conn.cursor() as cur:
            cur.execute("select count(*), count(distinct (_file_id, _line_no)) from raw.dossier_log")
            total, distinct = cur.fetchone()
            cur.execute("select sum(rows_loaded) from raw.load_manifest where status = 'LOADED'")
            assert total == distinct == cur.fetchone()[0]
            cur.execute("select count(*) from (select path from raw.load_manifest where status = 'LOADED' "
                        "group by path having count(*) > 1) d")
            assert cur.fetchone()[0] == 0, "a file is loaded twice"
        conn.close()
        lines = sum(sum(1 for _ in open(p, "rb")) for p in (big / "onestop").glob("*.jsonl"))
        assert total == lines
    finally:
        drop_database(name)


def test_sigkill_mid_dbt_then_rerun_is_correct(reference, zone, server_url):
    _, sums, _ = reference
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import prepare_warehouse

    name = "test_reliability_sigkill_dbt"
    url = create_database(name, drop_existing=True)
    try:
        prepare_warehouse(url)
        load_landing_zone(url, zone)
        dbt = [str(Path(sys.executable).parent / "dbt"), "build", "--project-dir", str(PROJECT_ROOT / "dbt"),
               "--profiles-dir", str(PROJECT_ROOT / "dbt"), "--quiet"]
        proc = subprocess.Popen(dbt, env=dbt_environment(url, DBT_TARGET), cwd=PROJECT_ROOT, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def some_mart_built() -> bool:
            conn = connect(url)
            try:
                with conn.cursor() as cur:
                    cur.execute("select count(*) from information_schema.tables where table_schema = 'marts'")
                    return cur.fetchone()[0] > 0
            finally:
                conn.close()

        try:
            _wait_for(some_mart_built, 300, "dbt to build a first mart")
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        from include.nightly.dbt_runner import dbt_command

        dbt_command(["build", "--quiet"], url=url, target_path=DBT_TARGET)
        assert mart_checksums(url) == sums
    finally:
        drop_database(name)


@pytest.mark.serial  # restarts the server every other test uses
def test_server_restart_mid_load_then_retry_succeeds(zone, tmp_path, server_url):
    """The embedded server restarts in the middle of a load; the task's retry (same call again) succeeds."""
    from include.nightly.dag_tasks import load_source_group, prepare_warehouse
    from include.embedded_server import restart_embedded_server
    from include.warehouse import warehouse_url

    if os.environ.get("WAREHOUSE_URL"):
        pytest.skip("restarts only the embedded server")
    from sample_data import generate

    big = tmp_path / "big"
    generate(big, seed=9, scale=0.3)
    name = "test_reliability_restart"
    url = create_database(name, drop_existing=True)
    try:
        prepare_warehouse(url)
        errors: list[BaseException] = []

        def first_attempt():
            try:
                load_source_group("onestop", url=url, landing_dir=big)
            except BaseException as exc:  # what Airflow would record as the failed try
                errors.append(exc)

        worker = threading.Thread(target=first_attempt)
        worker.start()
        _wait_for(lambda: _copy_running(url), 120, "a COPY in progress")
        restart_embedded_server()
        worker.join(timeout=300)
        assert errors, "the restart should have failed the first attempt"
        assert isinstance(errors[0], (psycopg2.Error, RuntimeError)), repr(errors[0])
        url = warehouse_url(name)  # the port is unchanged; the URL is rebuilt as a task would
        summary = load_source_group("onestop", url=url, landing_dir=big)  # the retry
        assert summary["files_loaded"] >= 1
        fp = raw_fingerprint(url)
        assert fp["dossier_log"][0] == fp["dossier_log"][1]
        lines = sum(sum(1 for _ in open(p, "rb")) for p in (big / "onestop").glob("*.jsonl"))
        assert fp["dossier_log"][0] == lines
    finally:
        drop_database(name)

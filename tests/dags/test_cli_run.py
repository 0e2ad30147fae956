"""`make run` end to end: a generated landing zone → Airflow (nightly DAG with Cosmos, report DAG) → files.

This is the Airflow path a user takes; the same DAGs as `make demo`, on a small zone.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from include.warehouse import drop_database, warehouse_url

pytestmark = [pytest.mark.pipeline, pytest.mark.airflow]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
RUN_DB = "test_cli_run"


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "CCHC_RUN_DB": RUN_DB, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "include.cli", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=1500)


def _latest_run_states(dag_id: str) -> dict[str, str]:
    """task_id → state of the newest run of a DAG, from the Airflow metadata database."""
    from include.cli import AIRFLOW_DB
    from include.warehouse import connect, server_url, with_database

    conn = connect(with_database(server_url(), AIRFLOW_DB))
    try:
        with conn.cursor() as cur:
            cur.execute("""
                select ti.task_id, ti.state from task_instance ti
                where ti.dag_id = %s and ti.run_id = (
                    select run_id from dag_run where dag_id = %s order by id desc limit 1)""", (dag_id, dag_id))
            return dict(cur.fetchall())
    finally:
        conn.close()


def _model_states(states: dict[str, str]) -> dict[str, str]:
    """model name → state of its task in the dbt group (local mode: `<model>_model_build`; watcher mode:
    the model's sensor `<model>_run`, next to the producer `dbt_producer_watcher[_done]`)."""
    return {t.removeprefix("dbt_build.").removesuffix("_model_build").removesuffix("_run"): s
            for t, s in states.items()
            if t.startswith("dbt_build.") and not t.startswith("dbt_build.dbt_producer_watcher")}


def _manifest_nodes() -> list[str]:
    from include.config import DBT_MANIFEST

    return list(json.loads(DBT_MANIFEST.read_text())["nodes"])


def test_make_run_then_two_more_nights_through_airflow(tmp_path, server_url):
    """Night 1 is `make run` on a zone without its last typical day of dossier logs: every model is
    built and the report rendered. Night 2 brings that day only: dbt tasks of models fed only by
    unchanged raw tables are skipped, and the marts equal a full refresh. Night 3 brings nothing:
    the whole build is skipped and no marts Asset is published."""
    from bench.run_bench import typical_day
    from include.cli import run_pipeline
    from include.config import get_settings
    from include.nightly.dbt_runner import dbt_command
    from include.report import collect_figures
    from sample_data import generate
    from include.warehouse import connect
    from pipeline_support import DBT_TARGET
    from warehouse_checks import mart_checksums

    zone = tmp_path / "zone"
    generate(zone, seed=11, scale=0.02)
    held_out = typical_day(sorted((zone / "onestop").glob("dossier_log_*.jsonl")))
    landing = tmp_path / "landing"
    shutil.copytree(zone, landing)
    (landing / "onestop" / held_out.name).unlink()
    report_dir = get_settings().cchc_report_root / "test-cli-run"
    try:
        proc = _cli("run", "--landing-dir", str(landing), "--period", "2020-Q2", "--report-dir", str(report_dir),
                    "--cutoff", "calendar")
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        for name in ("report.json", "report.docx", "report.html"):
            assert (report_dir / name).stat().st_size > 1000
        report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
        period = report["period"]
        assert (period["code"], period["from"], period["to"]) == ("2020-Q2", "2020-04-01", "2020-06-30")
        assert period["label"] == "quý II năm 2020"
        conn = connect(warehouse_url(RUN_DB))
        try:
            assert report == json.loads(json.dumps(collect_figures(conn, "2020-Q2", "calendar"),
                                                   ensure_ascii=False, default=str))
        finally:
            conn.close()
        assert report["dossiers"]["received_total"] > 0
        first = _latest_run_states("cchc_nightly")
        assert first["marts_ready"] == "success"
        assert {s for t, s in first.items() if t.startswith("dbt_build.")} == {"success"}, first
        assert len(_model_states(first)) == len([n for n in _manifest_nodes() if n.startswith("model.")])

        night = dict(landing=landing, database=RUN_DB, period="2020-Q2", cutoff="calendar",
                     reports=[(None, tmp_path / "report")], fresh=False)
        shutil.copy2(held_out, landing / "onestop" / held_out.name)
        run_pipeline(**night)
        second = _latest_run_states("cchc_nightly")
        assert second["marts_ready"] == "success"
        dbt_states = _model_states(second)
        for rebuilt in ("stg_onestop__dossier_log", "int_dossier_touched", "int_dossier_timeline",
                        "fct_dossier_status_log", "fct_dossier", "fct_dossier_period", "agg_dossier_bieu06",
                        "dim_period", "fct_staff_period"):
            assert dbt_states[rebuilt] == "success", (rebuilt, dbt_states)
        for unchanged in ("stg_hr__staff", "dim_agency", "dim_procedure", "fct_sipas_year", "fct_par_index_unit",
                          "fct_provincial_ranking", "dim_date"):
            assert dbt_states[unchanged] == "skipped", (unchanged, dbt_states)
        url = warehouse_url(RUN_DB)
        selective = mart_checksums(url)
        dbt_command(["build", "--full-refresh", "--quiet", "--exclude-resource-type", "unit_test"], url=url,
                    target_path=DBT_TARGET)
        assert mart_checksums(url) == selective

        run_pipeline(**night)  # nothing new
        third = _latest_run_states("cchc_nightly")
        assert third["marts_ready"] == "skipped"
        assert set(_model_states(third).values()) == {"skipped"}
        assert third.get("dbt_build.dbt_producer_watcher", "skipped") == "skipped"   # watcher mode: no dbt run
    finally:
        drop_database(RUN_DB)


def test_make_run_fails_with_one_line_reason(tmp_path, server_url):
    proc = _cli("run", "--landing-dir", str(tmp_path / "missing"), "--period", "2020-H1",
                "--report-dir", str(tmp_path / "out"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "missing" in lines[0]


def test_make_run_rejects_a_bad_period_before_touching_the_warehouse(tmp_path, server_url):
    from include.config import get_settings
    from sample_data import generate

    landing = tmp_path / "landing"
    generate(landing, seed=11, scale=0.005)
    proc = _cli("run", "--landing-dir", str(landing), "--period", "2020-H1'; drop table raw.agencies; --",
                "--report-dir", str(get_settings().cchc_report_root / "test-bad-period"))
    try:
        assert proc.returncode == 1
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:"), proc.stderr
    finally:
        drop_database(RUN_DB)


def test_make_run_names_every_failed_file_and_shows_progress(tmp_path, server_url):
    """Two files of different source groups fail: the error names both (no log fragments), and the
    groups that loaded printed their progress line."""
    from include.config import get_settings
    from sample_data import generate

    landing = tmp_path / "landing"
    generate(landing, seed=12, scale=0.005)
    holidays = landing / "reference" / "holidays.csv"
    holidays.write_text(holidays.read_text(encoding="utf-8").replace("ngay,", "ngay_nghi,", 1), encoding="utf-8")
    (landing / "hr" / "quotas_2020.csv").write_text('[{"ma_don_vi": "000.00.00.H55"}]\n', encoding="utf-8")
    proc = _cli("run", "--landing-dir", str(landing), "--period", "2020-H1",
                "--report-dir", str(get_settings().cchc_report_root / "test-two-failed-files"))
    try:
        assert proc.returncode == 1, proc.stdout[-3000:]
        error = proc.stderr
        assert error.startswith("error: DAG cchc_nightly (load + dbt) failed: 2 tasks failed:"), error
        assert "reference/holidays.csv, line 1, column ngay: missing column(s) in the header: ngay" in error
        assert "hr/quotas_2020.csv, line 1, column 1: not CSV: looks like JSON" in error
        assert "loc=" not in error and "[include." not in error and "{'" not in error
        assert error.rstrip().endswith("cchc_nightly.log)")
        assert "    loaded onestop: " in proc.stdout and " rows, 0 quarantined" in proc.stdout, proc.stdout
    finally:
        drop_database(RUN_DB)

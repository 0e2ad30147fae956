"""The nightly DAG rebuilds only what changed, through real Airflow and Cosmos.

Night 1 loads a zone without its last typical day of dossier logs and builds everything;
night 2 brings that day only. Its dbt tasks for models fed only by unchanged raw tables
must be skipped, the dossier models rebuilt — and the marts must equal a full refresh.
A third night with nothing new builds nothing and publishes no marts Asset.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from include.warehouse import connect, drop_database, server_url, warehouse_url, with_database

pytestmark = pytest.mark.pipeline
DATABASE = "test_nightly_selective"


def _latest_run_states(dag_id: str) -> dict[str, str]:
    from include.cli import AIRFLOW_DB

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


def test_second_night_skips_unchanged_models_and_equals_a_full_refresh(tmp_path, server_url):
    from bench.run_bench import typical_day
    from include.cli import run_pipeline
    from include.dbt_runner import dbt_command
    from include.sample_data import generate
    from warehouse_checks import mart_checksums

    zone = tmp_path / "zone"
    generate(zone, seed=5, scale=0.02)
    held_out = typical_day(sorted((zone / "onestop").glob("dossier_log_*.jsonl")))
    landing = tmp_path / "landing"
    shutil.copytree(zone, landing)
    (landing / "onestop" / held_out.name).unlink()
    report_dir = tmp_path / "report"
    night = dict(landing=landing, database=DATABASE, period="2020-H1", cutoff="nd09", report_dir=report_dir)
    try:
        run_pipeline(fresh=True, **night)
        first = _latest_run_states("cchc_nightly")
        assert first["marts_ready"] == "success"
        assert not [t for t, s in first.items() if t.startswith("dbt_build.") and s != "success"], first

        shutil.copy2(held_out, landing / "onestop" / held_out.name)
        run_pipeline(fresh=False, **night)
        second = _latest_run_states("cchc_nightly")
        assert second["marts_ready"] == "success"
        dbt_states = {t.removeprefix("dbt_build.").removesuffix("_model_build"): s
                      for t, s in second.items() if t.startswith("dbt_build.")}
        for rebuilt in ("stg_onestop__dossier_log", "int_dossier_touched", "int_dossier_timeline",
                        "fct_dossier_status_log", "fct_dossier", "fct_dossier_period", "agg_dossier_bieu06",
                        "dim_period", "fct_staff_period"):
            assert dbt_states[rebuilt] == "success", (rebuilt, dbt_states)
        for unchanged in ("stg_hr__staff", "dim_agency", "dim_procedure", "fct_sipas_year", "fct_par_index_unit",
                          "fct_provincial_ranking", "dim_date"):
            assert dbt_states[unchanged] == "skipped", (unchanged, dbt_states)

        url = warehouse_url(DATABASE)
        selective = mart_checksums(url)
        dbt_command(["build", "--full-refresh", "--quiet", "--exclude-resource-type", "unit_test"], url=url)
        assert mart_checksums(url) == selective

        run_pipeline(fresh=False, **night)  # nothing new
        third = _latest_run_states("cchc_nightly")
        assert third["marts_ready"] == "skipped"
        assert {s for t, s in third.items() if t.startswith("dbt_build.")} == {"skipped"}
        assert (Path(report_dir) / "report.json").exists()
    finally:
        drop_database(DATABASE)

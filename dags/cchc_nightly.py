"""
### cchc_nightly — load the landing zone, then build the warehouse with dbt

Every night at 01:00 (Asia/Ho_Chi_Minh) this DAG

1. **prepares** the warehouse: raw schema, the `bi_reader` role and its grants;
2. **loads** every new or changed file of the landing zone (`CCHC_LANDING_DIR`,
   contract: `shared/contracts/SOURCES.md`) into the restricted `raw` schema with
   PostgreSQL `COPY`, one task per source group; bad rows are quarantined in
   `raw.quarantine`, a bad file fails its task *after* the other files loaded;
   on success it emits the Asset `cchc_raw`;
3. **checks freshness** of the dossier log (`dbt source freshness`: an error when
   no new sync file arrived for `CCHC_FRESHNESS_ERROR_DAYS` days, default 7);
4. **builds** the dbt project (staging → intermediate → marts) through
   astronomer-cosmos, one task per model running `dbt build` (model + its tests);
   on success it emits the Asset `cchc_marts`, which schedules `cchc_report`.

Re-running is safe: files already loaded with the same checksum are skipped,
and the dbt models are incremental where volume grows. When a log file was
re-delivered with changes (its old rows replaced in raw), the build is a full
refresh, decided at run time by `raw_layer_ready`.
"""
from __future__ import annotations

from airflow.sdk import dag, task
from airflow.timetables.trigger import CronTriggerTimetable
from cosmos import DbtTaskGroup

from include.assets import MARTS_LAYER, RAW_LAYER
from include.dag_defaults import DEFAULT_ARGS, LOCAL_TZ, START_DATE
from include.dbt_config import (
    execution_config,
    profile_config,
    project_config,
    render_config,
)

SOURCE_GROUPS = ("reference", "onestop", "catalogue", "hr", "indices")


@dag(
    dag_id="cchc_nightly",
    schedule=CronTriggerTimetable("0 1 * * *", timezone=LOCAL_TZ),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["cchc", "ingest", "dbt"],
    doc_md=__doc__,
)
def cchc_nightly():
    @task
    def prepare_warehouse() -> None:
        """Create the raw schema and the BI role (idempotent)."""
        from include.pipeline import prepare_warehouse as prepare

        prepare()

    @task
    def load_source_group(group: str) -> dict:
        """Load one source group's new or changed files; fail after trying all of them."""
        from include.pipeline import load_source_group as load

        return load(group)

    @task(outlets=[RAW_LAYER])
    def raw_layer_ready(summaries: list[dict]) -> dict:
        """All groups loaded: publish the raw-layer Asset; say whether dbt must rebuild in full."""
        from include.pipeline import needs_full_refresh

        return {"files_loaded": sum(s["files_loaded"] for s in summaries), "full_refresh": needs_full_refresh()}

    @task
    def source_freshness() -> list[dict]:
        """`dbt source freshness` of the dossier log; a stale source fails with its age and limit."""
        from include.pipeline import check_source_freshness

        return check_source_freshness()

    dbt_build = DbtTaskGroup(
        group_id="dbt_build",
        project_config=project_config,
        profile_config=profile_config,
        execution_config=execution_config,
        render_config=render_config,
        # buildable: a test with several parents runs in the task of the last one built, not too early.
        operator_args={
            "install_deps": False,
            "dbt_cmd_flags": ["--indirect-selection", "buildable"],
            # A re-delivered (changed) log file invalidates incremental state: rebuild in full.
            "full_refresh": "{{ ti.xcom_pull(task_ids='raw_layer_ready')['full_refresh'] }}",
        },
        default_args=DEFAULT_ARGS,
    )

    @task(outlets=[MARTS_LAYER])
    def marts_ready() -> None:
        """The marts are rebuilt and tested: publish the marts Asset."""

    loaded = load_source_group.expand(group=list(SOURCE_GROUPS))
    prepare_warehouse() >> loaded
    raw_layer_ready(loaded) >> source_freshness() >> dbt_build >> marts_ready()


cchc_nightly()

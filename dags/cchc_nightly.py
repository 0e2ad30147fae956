"""
### cchc_nightly — load the landing zone, then build the warehouse with dbt

Every night at 01:00 (Asia/Ho_Chi_Minh) this DAG

1. **prepares** the warehouse: raw schema, the `bi_reader` role and its grants;
2. **loads** every new or changed file of the landing zone (`CCHC_LANDING_DIR`,
   format: `docs/sources.md`) into the restricted `raw` schema with
   PostgreSQL `COPY`, one task per source group; bad rows are quarantined in
   `raw.quarantine`, a bad file fails its task *after* the other files loaded;
   on success it emits the Asset `cchc_raw`;
3. **checks freshness** of the dossier log (`dbt source freshness`: an error when
   no new sync file arrived for `CCHC_FRESHNESS_ERROR_DAYS` days, default 7);
4. **builds** the dbt project (staging → intermediate → marts) through
   astronomer-cosmos in watcher mode: the task `dbt_producer_watcher` runs one
   `dbt build` of tonight's models and their data tests (unit tests run in CI,
   not here) and one sensor task per model shows that model's result (setting
   `CCHC_DBT_EXECUTION_MODE=local`: one `dbt build` task per model instead);
   on success it emits the Asset `cchc_marts`, which schedules `cchc_report`.

Only what changed is rebuilt: `raw_layer_ready` compares the load manifest with
the watermark of the last successful build, and a model task whose raw tables
received no file since then is **skipped** (a night with one new day of dossier
logs rebuilds the dossier marts and the period tables, not the catalogue, staff
or index marts). A night that loaded nothing skips the build and emits no Asset.
The watermark moves in `marts_ready`, so a failed night is rebuilt the next night.

Re-running is safe: files already loaded with the same checksum are skipped,
and the dbt models are incremental where volume grows. When a log file was
re-delivered with changes (its old rows replaced in raw), the build is a full
refresh of every model. Trigger with **Xây dựng lại toàn bộ** ticked to force a
full refresh, e.g. after deploying changed dbt models.
"""
from __future__ import annotations

from functools import partial

from airflow.sdk import Param, dag, task
from airflow.timetables.trigger import CronTriggerTimetable
from cosmos import DbtTaskGroup

from include.assets import MARTS_LAYER, RAW_LAYER
from include.dag_defaults import DEFAULT_ARGS, LOCAL_TZ, START_DATE
from include.ingest.sources import SOURCE_GROUPS
from include.nightly.build_plan import PRODUCTION_BUILD_FLAGS
from include.nightly.dag_tasks import skip_dbt_task_without_new_data
from include.nightly.dbt_config import (
    WATCHER_SENSOR_ARGS,
    execution_config,
    profile_config,
    project_config,
    render_config,
)

PLAN_TASK = "raw_layer_ready"   # its XCom holds tonight's build plan, read by the dbt tasks


@dag(
    dag_id="cchc_nightly",
    schedule=CronTriggerTimetable("0 1 * * *", timezone=LOCAL_TZ),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["cchc", "ingest", "dbt"],
    doc_md=__doc__,
    params={
        "full_refresh": Param(
            False, type="boolean", title="Xây dựng lại toàn bộ",
            description="Dựng lại mọi bảng của kho từ dữ liệu thô (full refresh), "
                        "ví dụ sau khi triển khai mô hình dbt mới.",
        ),
    },
)
def cchc_nightly():
    @task
    def prepare_warehouse() -> None:
        """Create the raw schema and the BI role (idempotent)."""
        from include.nightly.dag_tasks import prepare_warehouse as prepare

        prepare()

    @task
    def load_source_group(group: str) -> dict:
        """Load one source group's new or changed files; fail after trying all of them."""
        from include.nightly.dag_tasks import load_source_group as load

        return load(group)

    @task(task_id=PLAN_TASK, outlets=[RAW_LAYER])
    def raw_layer_ready(summaries: list[dict], params=None) -> dict:
        """All groups loaded: publish the raw-layer Asset; plan which dbt models tonight rebuilds."""
        from include.nightly.dag_tasks import plan_nightly_build

        plan = plan_nightly_build(force_full=bool((params or {}).get("full_refresh")))
        return {"files_loaded": sum(s["files_loaded"] for s in summaries), "plan": plan.as_dict()}

    @task
    def source_freshness() -> list[dict]:
        """`dbt source freshness` of the dossier log; a stale source fails with its age and limit."""
        from include.nightly.dag_tasks import check_source_freshness

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
            "dbt_cmd_flags": ["--indirect-selection", "buildable", *PRODUCTION_BUILD_FLAGS],
            # A re-delivered (changed) log file invalidates incremental state: rebuild in full.
            "full_refresh": "{{ ti.xcom_pull(task_ids='%s')['plan']['full_refresh'] }}" % PLAN_TASK,
            # Skip a model whose raw tables got no file since the last build; a skipped
            # parent must not skip a child that another changed parent feeds.
            "pre_execute": partial(skip_dbt_task_without_new_data, plan_task_id=PLAN_TASK),
            "trigger_rule": "none_failed",
            **WATCHER_SENSOR_ARGS,
        },
        default_args=DEFAULT_ARGS,
    )

    @task(outlets=[MARTS_LAYER], trigger_rule="none_failed")
    def marts_ready(ready: dict) -> None:
        """The marts are rebuilt and tested: move the build watermark, publish the marts Asset."""
        from include.nightly.dag_tasks import record_nightly_build

        record_nightly_build(ready["plan"])

    loaded = load_source_group.expand(group=list(SOURCE_GROUPS))
    prepare_warehouse() >> loaded
    ready = raw_layer_ready(loaded)
    ready >> source_freshness() >> dbt_build >> marts_ready(ready)


cchc_nightly()

"""What the cchc_nightly DAG's tasks do, as plain functions (the DAG file only wires them)."""
from __future__ import annotations

import logging
from pathlib import Path

from include.config import DBT_PROJECT_DIR, get_settings

log = logging.getLogger(__name__)


def _task_warehouse_url() -> str:
    """Inside Airflow: the `warehouse` connection; outside: the configured warehouse."""
    try:
        from include.dag_defaults import warehouse_url_from_connection

        return warehouse_url_from_connection()
    except Exception as exc:  # not inside a task, or no such connection
        log.info("no Airflow connection 'warehouse' (%s); using the configured warehouse", exc)
        from include.warehouse import warehouse_url

        return warehouse_url()


def prepare_warehouse(url: str | None = None) -> None:
    from include.ingest import ensure_raw_schema
    from include.warehouse import ensure_roles

    url = url or _task_warehouse_url()
    ensure_raw_schema(url)
    ensure_roles(url)


def load_source_group(group: str, url: str | None = None, landing_dir: Path | None = None) -> dict:
    from include.config import selected_provinces
    from include.ingest import load_group

    url = url or _task_warehouse_url()
    landing_dir = Path(landing_dir or get_settings().cchc_landing_dir)
    results = load_group(url, landing_dir, group, provinces=selected_provinces())
    summary = {
        "group": group,
        "provinces": sorted({r.ma_tinh for r in results if r.ma_tinh}),
        "files_loaded": sum(r.status == "LOADED" for r in results),
        "files_skipped": sum(r.status == "SKIPPED" for r in results),
        "rows_loaded": sum(r.rows_loaded or 0 for r in results),
        "rows_quarantined": sum(r.rows_quarantined or 0 for r in results),
    }
    log.info("source group %s: %s", group, summary)
    return summary


FRESHNESS_TARGET = DBT_PROJECT_DIR / "target" / "freshness"


class SourceFreshnessError(RuntimeError):
    """A source has not delivered new data for longer than its freshness threshold."""


def check_source_freshness(url: str | None = None) -> list[dict]:
    """`dbt source freshness`; raise SourceFreshnessError naming each stale source, its age and limit."""
    import json
    import tempfile

    from include.nightly.dbt_runner import dbt_command

    url = url or _task_warehouse_url()
    with tempfile.TemporaryDirectory(prefix="freshness_") as tmp:
        output = Path(tmp) / "sources.json"
        # A target dir of its own: its dev profile's partial-parse state (and manifest) must not replace
        # dbt/target's, which the Cosmos tasks copy (another profile: a full re-parse every night).
        code = dbt_command(["source", "freshness", "--quiet", "--output", str(output)], url=url, check=False,
                           target_path=FRESHNESS_TARGET)
        if not output.exists():
            raise RuntimeError(f"dbt source freshness failed (exit code {code}) before checking any source")
        results = json.loads(output.read_text())["results"]
    checked = [{
        "source": r["unique_id"].split(".", 2)[-1],
        "status": r["status"],
        "newest": r.get("max_loaded_at"),
        "age_days": round(r["max_loaded_at_time_ago_in_s"] / 86400, 1) if r.get("max_loaded_at_time_ago_in_s")
        else None,
        "error_after_days": (r.get("criteria", {}).get("error_after") or {}).get("count"),
    } for r in results]
    stale = [c for c in checked if c["status"] in ("error", "runtime error")]
    for c in checked:
        log.info("freshness of %s: %s (newest %s, %s days old)", c["source"], c["status"], c["newest"],
                 c["age_days"])
    if stale:
        raise SourceFreshnessError("; ".join(
            f"source {c['source']} is stale: newest data {c['newest'] or 'none'}"
            + (f", {c['age_days']} days old (error after {c['error_after_days']} days)" if c["age_days"] else "")
            for c in stale))
    return checked


def plan_nightly_build(url: str | None = None, *, force_full: bool = False):
    """Tonight's dbt build plan (include.nightly.build_plan.BuildPlan), logged for the operator."""
    from include.nightly.build_plan import plan_build

    url = url or _task_warehouse_url()
    plan = plan_build(url, force_full=force_full)
    if plan.builds_everything:
        log.info("dbt builds every model%s: %s", " with --full-refresh" if plan.full_refresh else "", plan.reason)
    elif plan.builds_nothing:
        log.info("dbt builds nothing: %s", plan.reason)
    else:
        log.info("dbt builds the models downstream of %s: %s", ", ".join(plan.changed_sources), plan.reason)
    return plan


def record_nightly_build(plan: dict, url: str | None = None) -> None:
    """After a successful build: move the watermark. A night that built nothing is skipped
    (so it emits no marts Asset and does not re-trigger the report)."""
    from include.nightly.build_plan import BuildPlan, record_build

    build = BuildPlan(**plan)
    if build.builds_nothing:
        from airflow.sdk.exceptions import AirflowSkipException

        raise AirflowSkipException(f"the marts are unchanged: {build.reason}")
    record_build(url or _task_warehouse_url(), build.loaded_through_file_id)
    log.info("build watermark moved to file_id %s", build.loaded_through_file_id)


def run_nightly_build(url: str | None = None, *, force_full: bool = False, extra_args: list[str] | None = None):
    """The nightly dbt build in one `dbt build` (outside Airflow: benchmarks, tests, scripts).

    Same plan as the DAG's per-model tasks: only models downstream of changed raw tables,
    `--full-refresh` when incremental state is void, nothing when nothing was loaded; the
    watermark moves only after dbt succeeded. Returns the plan.
    """
    from include.nightly.dbt_runner import dbt_command
    from include.nightly.build_plan import build_args, record_build

    url = url or _task_warehouse_url()
    plan = plan_nightly_build(url, force_full=force_full)
    if not plan.builds_nothing:
        dbt_command(build_args(plan) + list(extra_args or []), url=url)
        record_build(url, plan.loaded_through_file_id)
    return plan


def skip_dbt_task_without_new_data(context, *, plan_task_id: str) -> None:
    """Cosmos `pre_execute` hook of every task of the nightly dbt group, in either execution mode.

    - Watcher producer: narrows its single `dbt build` to tonight's plan (`source:raw.X+` of the
      raw tables that got files), or skips when nothing was loaded.
    - A model's task (local mode) or sensor (watcher mode, `model_unique_id`): skipped when no
      raw table upstream of its model changed (include.nightly.build_plan).
    """
    from airflow.sdk.exceptions import AirflowSkipException

    from include.nightly.build_plan import BuildPlan, build_args, skip_model_without_new_data

    task = context["task"]
    if type(task).__name__ == "DbtProducerWatcherOperator":
        plan = BuildPlan(**context["ti"].xcom_pull(task_ids=plan_task_id)["plan"])
        if plan.builds_nothing:
            raise AirflowSkipException(f"dbt builds nothing: {plan.reason}")
        args = build_args(plan)
        task.select = args[args.index("--select") + 1] if "--select" in args else None
        task.dbt_cmd_flags = _without_resource_type_flags(task.dbt_cmd_flags)
        _no_incremental_xcom_backup()
        log.info("one dbt build for the group: %s", task.select or "every model")
        return
    skip_model_without_new_data(context, plan_task_id=plan_task_id)


def _without_resource_type_flags(flags: list[str]) -> list[str]:
    """Drop the `--resource-type X` pairs Cosmos adds to the watcher producer under TestBehavior.NONE.

    The group renders no test tasks (one sensor per model is the visible status), but the producer's
    `dbt build` must still run every selected model's data tests: a failing test fails the build,
    and dbt skips the models downstream of it, whose sensors then fail.
    """
    kept, flags = [], list(flags or [])
    while flags:
        flag = flags.pop(0)
        if flag == "--resource-type" and flags:
            flags.pop(0)
            continue
        kept.append(flag)
    return kept


def _no_incremental_xcom_backup() -> None:
    """Turn off Cosmos's incremental XCom backup for this producer run, unless configured explicitly.

    With `[cosmos] enable_watcher_reliable_retry` (default on), every status the producer pushes
    (several per dbt node) also rewrites one Airflow Variable holding all of them, compressed: the
    writes grow with the square of the nodes and slowed the night's single `dbt build` most. Off,
    the backup is still written when the producer fails or is retried (Cosmos's failure and retry
    callbacks); only a producer killed outright loses it, and then each model's sensor rebuilds its
    model on retry — slower, still correct.
    """
    import os

    from cosmos import settings

    if "AIRFLOW__COSMOS__ENABLE_WATCHER_RELIABLE_RETRY" not in os.environ:
        settings.enable_watcher_reliable_retry = False

"""What the nightly DAG's tasks do, as plain functions (the DAG file only wires them)."""
from __future__ import annotations

import logging
from pathlib import Path

from include.config import get_settings

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
    from include.ingest import load_group

    url = url or _task_warehouse_url()
    landing_dir = Path(landing_dir or get_settings().cchc_landing_dir)
    results = load_group(url, landing_dir, group)
    summary = {
        "group": group,
        "files_loaded": sum(r.status == "LOADED" for r in results),
        "files_skipped": sum(r.status == "SKIPPED" for r in results),
        "rows_loaded": sum(r.rows_loaded or 0 for r in results),
        "rows_quarantined": sum(r.rows_quarantined or 0 for r in results),
    }
    log.info("source group %s: %s", group, summary)
    return summary

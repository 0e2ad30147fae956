"""Defaults every DAG of the project shares (kept out of the DAG files so they stay thin)."""
from __future__ import annotations

from datetime import timedelta

import pendulum

from include.alerts import notify_failure
from include.config import LOCAL_TIME_ZONE, get_settings

LOCAL_TZ = pendulum.timezone(LOCAL_TIME_ZONE)
START_DATE = pendulum.datetime(2026, 1, 1, tz=LOCAL_TZ)

DEFAULT_ARGS = {
    "owner": "cchc-data",
    "retries": get_settings().cchc_task_retries,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "on_failure_callback": notify_failure,
}


def warehouse_url_from_connection(conn_id: str = "warehouse") -> str:
    """libpq URL of the Airflow connection `warehouse` (inside a task)."""
    from urllib.parse import quote

    from airflow.sdk import Connection

    conn = Connection.get(conn_id)
    auth = quote(conn.login or "", safe="")
    if conn.password:
        auth += ":" + quote(conn.password, safe="")
    return f"postgresql://{auth}@{conn.host}:{conn.port or 5432}/{conn.schema}"

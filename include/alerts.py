"""Failure notifications: every DAG's on_failure_callback posts to a configurable webhook."""
from __future__ import annotations

import json
import logging
import urllib.request

from include.config import get_settings

log = logging.getLogger(__name__)


def failure_payload(context: dict) -> dict:
    ti = context.get("task_instance") or context.get("ti")
    dag_run = context.get("dag_run")
    exception = context.get("exception")
    return {
        "event": "task_failed",
        "dag_id": getattr(ti, "dag_id", None),
        "task_id": getattr(ti, "task_id", None),
        "run_id": getattr(dag_run, "run_id", None) or getattr(ti, "run_id", None),
        "try_number": getattr(ti, "try_number", None),
        "error": f"{type(exception).__name__}: {exception}" if exception else None,
    }


def post_json(url: str, payload: dict, timeout: float = 10.0) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
        return response.status


def notify_failure(context: dict) -> None:
    """on_failure_callback: tell the webhook (CCHC_ALERT_WEBHOOK_URL), never raise."""
    url = get_settings().cchc_alert_webhook_url
    payload = failure_payload(context)
    log.error("task failed: %s", payload)
    if not url:
        return
    try:
        post_json(url, payload)
    except Exception as exc:  # a broken webhook must not hide the original failure
        log.warning("failure webhook %s did not accept the alert: %s", url, exc)

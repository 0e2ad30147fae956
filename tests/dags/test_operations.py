"""Operations: a failing task notifies the configured webhook (a real Airflow run, a real HTTP server)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.airflow

PROJECT_ROOT = Path(__file__).resolve().parents[2]

FAILING_DAG = '''
"""A DAG whose only task fails, with the project's default args."""
from airflow.sdk import dag, task
from include.dag_defaults import DEFAULT_ARGS, START_DATE


@dag(dag_id="always_fails", schedule=None, start_date=START_DATE, default_args=DEFAULT_ARGS,
     tags=["test"], doc_md=__doc__)
def always_fails():
    @task
    def explode():
        raise ValueError("kho dữ liệu không phản hồi")
    explode()

always_fails()
'''


class _Recorder(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 (http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/alerts", _Recorder.received
    server.shutdown()


def test_failed_task_posts_to_webhook(tmp_path, webhook, server_url):
    from include.cli import airflow_env, airflow_init
    from include.warehouse import warehouse_url

    url, received = webhook
    dags = tmp_path / "dags"
    dags.mkdir()
    (dags / "always_fails.py").write_text(FAILING_DAG)
    env = airflow_env(warehouse_url())
    env.update({
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
        "CCHC_ALERT_WEBHOOK_URL": url,
        "CCHC_TASK_RETRIES": "0",
    })
    airflow_init(env)
    proc = subprocess.run([str(Path(sys.executable).parent / "airflow"), "dags", "test", "always_fails"],
                          env=env, capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300)
    assert proc.returncode != 0, "the DAG run should fail"
    assert len(received) == 1, proc.stdout[-3000:] + proc.stderr[-3000:]
    alert = received[0]
    assert alert["event"] == "task_failed"
    assert alert["dag_id"] == "always_fails" and alert["task_id"] == "explode"
    assert alert["error"] == "ValueError: kho dữ liệu không phản hồi"


def test_unreachable_webhook_does_not_raise(monkeypatch):
    """A broken webhook must not mask the task's own failure."""
    from include import alerts
    from include.config import get_settings

    monkeypatch.setenv("CCHC_ALERT_WEBHOOK_URL", "http://127.0.0.1:9/nowhere")
    get_settings.cache_clear()
    try:
        alerts.notify_failure({"exception": RuntimeError("x")})
    finally:
        get_settings.cache_clear()


def test_stale_dossier_log_fails_freshness_with_a_readable_message(tmp_path, fresh_function_database_url,
                                                                   monkeypatch):
    """Freshness failures surface as a failed task whose message says which source, how old, what limit."""
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import SourceFreshnessError, check_source_freshness, prepare_warehouse
    from sample_data import generate

    zone = tmp_path / "zone"
    generate(zone, seed=2, scale=0.002)  # the sample's newest sync file is from 2020
    url = fresh_function_database_url
    prepare_warehouse(url)
    load_landing_zone(url, zone)

    monkeypatch.setenv("CCHC_FRESHNESS_ERROR_DAYS", "7")
    monkeypatch.setenv("CCHC_FRESHNESS_WARN_DAYS", "2")
    with pytest.raises(SourceFreshnessError) as stale:
        check_source_freshness(url)
    message = str(stale.value)
    assert "raw.dossier_log is stale" in message and "error after 7 days" in message
    assert "newest data 2020-" in message

    monkeypatch.setenv("CCHC_FRESHNESS_ERROR_DAYS", "36500")
    monkeypatch.setenv("CCHC_FRESHNESS_WARN_DAYS", "36500")
    checked = check_source_freshness(url)
    assert [c["status"] for c in checked] == ["pass"]

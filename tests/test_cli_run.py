"""`make run` end to end: a generated landing zone → Airflow (nightly DAG with Cosmos, report DAG) → files.

This is the Airflow path a user takes; the same DAGs as `make demo`, on a small zone.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from include.warehouse import drop_database, warehouse_url

pytestmark = pytest.mark.pipeline
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RUN_DB = "test_cli_run"


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "CCHC_RUN_DB": RUN_DB, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "include.cli", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=1500)


def test_make_run_renders_the_report_through_airflow(tmp_path, server_url):
    from include.config import get_settings
    from include.report import collect_figures
    from include.sample_data import generate
    from include.warehouse import connect

    landing = tmp_path / "landing"
    generate(landing, seed=11, scale=0.02)
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
    from include.sample_data import generate

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

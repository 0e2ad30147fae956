"""The benchmark command works end to end at a tiny scale (its targets are judged by `make bench`, not here)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.pipeline
PROJECT_ROOT = Path(__file__).resolve().parents[2]
STAGES = {"ingest", "copy_baseline", "dbt_full", "dbt_incremental", "report", "report_all", "dag_parse", "bi_chart"}
KEYS = {"stage", "scale", "rows", "seconds", "rows_per_s", "peak_rss_mb", "ratio", "cores"}


def test_bench_runs_and_writes_every_stage(tmp_path, server_url):
    output = tmp_path / "results.json"
    proc = subprocess.run(
        # Every stage but nightly_dag (a whole `airflow dags test` run: minutes, not a smoke test's seconds).
        [sys.executable, "-m", "bench.run_bench", "--scales", "0.004", "--output", str(output),
         "--stages", "ingest,dbt,report,report_all,dag_parse,bi",
         "--workdir", str(tmp_path / "work")],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True,
        timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    records = json.loads(output.read_text())
    assert {r["stage"] for r in records} == STAGES
    for r in records:
        assert KEYS <= set(r), r
        assert r["seconds"] > 0 and r["cores"] == os.cpu_count()
    by_stage = {r["stage"]: r for r in records}
    assert by_stage["ingest"]["rows"] == by_stage["copy_baseline"]["rows"] > 0
    assert by_stage["ingest"]["ratio"] == pytest.approx(
        by_stage["ingest"]["rows_per_s"] / by_stage["copy_baseline"]["rows_per_s"], rel=0.01)
    assert by_stage["dbt_incremental"]["ratio"] == pytest.approx(
        by_stage["dbt_incremental"]["seconds"] / by_stage["dbt_full"]["seconds"], rel=0.01)
    charts = [r for r in records if r["stage"] == "bi_chart"]
    assert len(charts) == 5 and all(r["file"] for r in charts), "one record per dashboard chart"
    assert "| stage | scale |" in proc.stdout  # the Markdown table

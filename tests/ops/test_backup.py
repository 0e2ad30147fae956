"""`make backup` / `make restore` on a real warehouse: back up, drop the database, restore; the marts are
identical, the manifest is whole, and the next nightly load skips every file already loaded."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.pipeline, pytest.mark.airflow]
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "include.cli", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def _rows(url: str, query: str) -> list[tuple]:
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(query)
            return cur.fetchall()
    finally:
        conn.close()


def test_backup_drop_restore_then_nothing_is_loaded_twice(tmp_path, server_url, build_pipeline):
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import run_nightly_build
    from include.warehouse import drop_database
    from warehouse_checks import mart_checksums

    name = f"test_backup_{uuid.uuid4().hex[:8]}"
    landing = tmp_path / "landing"
    url = build_pipeline(name, landing, seed=5, scale=0.01)
    try:
        run_nightly_build(url)   # the build watermark, as the nightly DAG leaves it
        marts = mart_checksums(url)
        manifest = _rows(url, "select file_id, path, sha256, status, rows_loaded from raw.load_manifest order by 1")
        raw_rows = _rows(url, "select count(*) from raw.dossier_log")
        dump = tmp_path / "warehouse.dump"

        made = _cli("backup", "--database", name, "--file", str(dump))
        assert made.returncode == 0, made.stderr
        assert dump.stat().st_size > 0 and (tmp_path / "warehouse.dump.sha256").read_text().split()[1] == dump.name
        assert ".data/secrets/" in made.stdout

        drop_database(name)
        restored = _cli("restore", "--file", str(dump), "--database", name)
        assert restored.returncode == 0, restored.stderr
        assert mart_checksums(url) == marts
        assert _rows(url, "select file_id, path, sha256, status, rows_loaded from raw.load_manifest order by 1") \
            == manifest
        assert _rows(url, "select count(*) from raw.dossier_log") == raw_rows
        # grants re-applied: the BI role reads the restored bi schema (and, by design, not marts)
        assert _rows(url, "select has_table_privilege('bi_reader', 'bi.dim_period', 'select'), "
                          "has_table_privilege('bi_reader', 'marts.fct_dossier', 'select')") == [(True, False)]

        # the next night: every file is recognised by its checksum, nothing is built again
        results = load_landing_zone(url, landing)
        assert {r.status for r in results} == {"SKIPPED"}
        assert run_nightly_build(url).builds_nothing
        assert mart_checksums(url) == marts

        # a restore never overwrites a database holding tables unless asked to
        again = _cli("restore", "--file", str(dump), "--database", name)
        assert again.returncode == 1 and "FORCE=1" in again.stderr
        # a damaged dump is refused before anything is touched
        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
        damaged = _cli("restore", "--file", str(dump), "--database", name, "--force")
        assert damaged.returncode == 1 and "damaged" in damaged.stderr
        assert mart_checksums(url) == marts
    finally:
        drop_database(name)

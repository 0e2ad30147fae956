"""Helpers shared by test modules of several folders: the sample-data pipeline and the dirt fixtures.

A module of its own (not conftest.py): every folder may have a conftest.py, all imported under the one
name `conftest`, so `from conftest import X` finds X or not depending on which tests ran first.
"""
from __future__ import annotations

import os
from pathlib import Path

DIRT = Path(__file__).resolve().parent / "fixtures" / "dirt"

PIPELINE_SCALE = float(os.environ.get("CCHC_TEST_SCALE", "0.05"))


def build_pipeline_database(name: str, landing_dir: Path, *, seed: int, scale: float) -> str:
    """Generate sample data, load it, build and test the dbt project: the real chain, no Airflow."""
    from sample_data import generate

    generate(landing_dir, seed=seed, scale=scale)
    return build_database_from(name, landing_dir)


def build_database_from(name: str, landing_dir: Path) -> str:
    """Load a landing zone (or a root of zones) into a new database, build and test the dbt project."""
    from include.nightly.dbt_runner import dbt_command
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import prepare_warehouse
    from include.warehouse import create_database

    url = create_database(name, drop_existing=True)
    prepare_warehouse(url)
    results = load_landing_zone(url, landing_dir)
    failed = [r for r in results if r.status == "FAILED"]
    assert not failed, f"sample files failed to load: {failed}"
    dbt_command(["build", "--quiet"], url=url)
    return url

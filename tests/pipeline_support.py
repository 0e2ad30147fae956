"""Helpers shared by test modules of several folders: the sample-data pipeline and the dirt fixtures.

A module of its own (not conftest.py): every folder may have a conftest.py, all imported under the one
name `conftest`, so `from conftest import X` finds X or not depending on which tests ran first.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DIRT = PROJECT_ROOT / "tests" / "fixtures" / "dirt"

# Under pytest-xdist (`make test` runs two workers) each worker's own dbt runs keep their artifacts and
# partial-parse state in their own target directory: two dbt processes writing dbt/target at once would
# overwrite each other's files. dbt/target itself keeps `make manifest`'s manifest, which the DAGs read.
# None (one process, no xdist): dbt's default dbt/target, as before.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
DBT_TARGET: Path | None = PROJECT_ROOT / "dbt" / "target" / f"pytest-{_WORKER}" if _WORKER else None

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
    dbt_command(["build", "--quiet"], url=url, target_path=DBT_TARGET)
    return url

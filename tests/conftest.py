"""Shared fixtures: every test that touches PostgreSQL uses a real server.

The server is the embedded one (started on demand) unless WAREHOUSE_URL points
at an external PostgreSQL. Each module gets its own fresh database, dropped
afterwards, so tests never see each other's rows.
"""
from __future__ import annotations

import os
import re
import uuid

import pytest

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("AIRFLOW__COSMOS__ENABLE_TELEMETRY", "False")
os.environ.setdefault("AIRFLOW_HOME", str(PROJECT_ROOT / ".airflow"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT_ROOT / "dags"))


def pytest_collection_modifyitems(config, items):
    """pytest-xdist groups (`make test`: two workers, --dist loadgroup). A test file is one group, so its
    module fixtures are built once; every file marked `airflow` joins the one group "airflow", so Airflow's
    metadata database, AIRFLOW_HOME and dbt/target are used by one worker at a time."""
    for item in items:
        if item.get_closest_marker("airflow"):
            group = "airflow"
        else:
            group = Path(str(item.fspath)).relative_to(PROJECT_ROOT).as_posix()
        item.add_marker(pytest.mark.xdist_group(group))


def _database_name(prefix: str) -> str:
    return f"test_{re.sub(r'[^a-z0-9_]', '_', prefix.lower())[:30]}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def server_url() -> str:
    from include.warehouse import server_url as _server_url

    return _server_url()


@pytest.fixture(scope="module")
def fresh_database_url(request, server_url) -> str:
    """URL of a new, empty database for this test module (dropped at the end)."""
    from include.warehouse import create_database, drop_database

    name = _database_name(request.module.__name__.rsplit(".", 1)[-1])
    url = create_database(name, drop_existing=True)
    yield url
    drop_database(name)


@pytest.fixture
def fresh_function_database_url(request, server_url) -> str:
    """Like fresh_database_url, but per test function."""
    from include.warehouse import create_database, drop_database

    name = _database_name(request.node.name)
    url = create_database(name, drop_existing=True)
    yield url
    drop_database(name)


# --------------------------------------------------------------------------- the whole pipeline
# The helpers live in pipeline_support.py: a test module that needs them imports that module by its
# unique name (`from conftest import` picks whichever of the several conftest.py files came first).
from pipeline_support import PIPELINE_SCALE, build_pipeline_database  # noqa: E402


@pytest.fixture(scope="session")
def pipeline_landing_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("landing")


@pytest.fixture(scope="session")
def pipeline_database_url(pipeline_landing_dir, server_url) -> str:
    """A database whose marts are built by the real chain from sample data at a small scale."""
    from include.warehouse import drop_database

    name = f"test_pipeline_{uuid.uuid4().hex[:8]}"
    url = build_pipeline_database(name, pipeline_landing_dir, seed=1, scale=PIPELINE_SCALE)
    yield url
    drop_database(name)


@pytest.fixture(scope="session")
def build_pipeline():
    """The function that builds a database through the real chain (for tests needing their own scale)."""
    return build_pipeline_database

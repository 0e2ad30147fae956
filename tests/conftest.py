"""Shared fixtures: every test that touches PostgreSQL uses a real server.

The server is the embedded one (started on demand) unless WAREHOUSE_URL points
at an external PostgreSQL. Each module gets its own fresh database, dropped
afterwards, so tests never see each other's rows.
"""
from __future__ import annotations

import functools
import os
import re
import uuid

import pytest

from pathlib import Path

from pipeline_support import PIPELINE_SCALE, build_pipeline_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("AIRFLOW__COSMOS__ENABLE_TELEMETRY", "False")
os.environ.setdefault("AIRFLOW_HOME", str(PROJECT_ROOT / ".airflow"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT_ROOT / "dags"))


def pytest_xdist_make_scheduler(config, log):
    """How `make test` spreads tests over its pytest-xdist workers: a test file stays on one worker (its module
    fixtures are built once), and every file marked `pytest.mark.airflow` joins one group, so Airflow's
    metadata database and AIRFLOW_HOME are used by one worker at a time. (xdist's --dist loadgroup cannot do
    this under pytest 9.2: it marks groups by rewriting item._nodeid, which pytest no longer reads.)"""
    from xdist.scheduler import LoadScopeScheduling

    class FileOrAirflowScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "airflow" if _marks_airflow(path) else path

    return FileOrAirflowScheduling(config, log)


@functools.lru_cache(maxsize=None)
def _marks_airflow(path: str) -> bool:
    return "pytest.mark.airflow" in (PROJECT_ROOT / path).read_text(encoding="utf-8")


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
# (helpers in pipeline_support.py: test modules import them by that unique name, never `from conftest`)


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

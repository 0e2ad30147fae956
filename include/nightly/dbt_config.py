"""Cosmos configuration for the dbt project (kept in include/, as in astronomer/cosmos-demo).

The DAG renders its dbt task group from dbt/target/manifest.json (written by
`dbt parse`, see `make manifest`), so parsing the DAG file never runs dbt.
"""
from __future__ import annotations

from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import InvocationMode, LoadMode, TestBehavior
from cosmos.profiles import PostgresUserPasswordProfileMapping

from include.config import DBT_EXECUTABLE, DBT_MANIFEST, DBT_PROJECT_DIR

project_config = ProjectConfig(
    dbt_project_path=DBT_PROJECT_DIR,
    manifest_path=DBT_MANIFEST,
    install_dbt_deps=False,
)

profile_config = ProfileConfig(
    profile_name="cchc",
    target_name="airflow",
    profile_mapping=PostgresUserPasswordProfileMapping(
        conn_id="warehouse",
        profile_args={"schema": "staging", "threads": 2},
    ),
)

execution_config = ExecutionConfig(
    dbt_executable_path=str(DBT_EXECUTABLE),
    invocation_mode=InvocationMode.DBT_RUNNER,
)

render_config = RenderConfig(
    load_method=LoadMode.DBT_MANIFEST,
    test_behavior=TestBehavior.BUILD,
    emit_datasets=False,
)

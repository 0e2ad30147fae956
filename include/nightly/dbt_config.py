"""Cosmos configuration for the dbt project (kept in include/, as in astronomer/cosmos-demo).

The DAG renders its dbt task group from dbt/target/manifest.json (written by
`dbt parse`, see `make manifest`), so parsing the DAG file never runs dbt.

Two ways to run the group (setting `CCHC_DBT_EXECUTION_MODE`):

- `watcher` (default): Cosmos's `ExecutionMode.WATCHER` — one producer task runs a single
  `dbt build` of tonight's selection (models and their data tests); one sensor per model reads
  the model's result from the producer's XCom, so every model's status stays visible and a
  failed model fails its own task. One dbt process pays dbt's start-up once instead of once
  per model (measured in docs/scaling.md). Watcher mode cannot render `TestBehavior.BUILD`;
  the group renders no test tasks (`TestBehavior.NONE`: a sensor per test would double the
  tasks, each costing a task start) and the producer keeps the tests in its build
  (include.nightly.dag_tasks.skip_dbt_task_without_new_data); a failed test fails the producer
  and the sensors of the models dbt then skips.
- `local`: one `dbt build` per model task (`TestBehavior.BUILD`), the previous behaviour.
"""
from __future__ import annotations

from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior
from cosmos.profiles import PostgresUserPasswordProfileMapping

from include.config import DBT_EXECUTABLE, DBT_MANIFEST, DBT_PROJECT_DIR, get_settings

WATCHER = get_settings().cchc_dbt_execution_mode == "watcher"

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
    execution_mode=ExecutionMode.WATCHER if WATCHER else ExecutionMode.LOCAL,
    dbt_executable_path=str(DBT_EXECUTABLE),
    invocation_mode=InvocationMode.DBT_RUNNER,
)

render_config = RenderConfig(
    load_method=LoadMode.DBT_MANIFEST,
    test_behavior=TestBehavior.NONE if WATCHER else TestBehavior.BUILD,
    emit_datasets=False,
)

# Watcher sensors: no triggerer is needed (`make airflow` starts none) and a waiting sensor holds no
# worker slot between pokes (reschedule); in `airflow dags test`, which runs one task at a time, a
# sensor picked before the producer gives way to it instead of blocking the run.
WATCHER_SENSOR_ARGS = {"deferrable": False, "mode": "reschedule", "poke_interval": 3} if WATCHER else {}

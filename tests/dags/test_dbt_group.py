"""The nightly dbt task group: Cosmos watcher mode (default) renders one producer and one sensor per model,
and the build-plan hook narrows the producer's single `dbt build` to tonight's selection."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.airflow

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PRODUCER = "dbt_build.dbt_producer_watcher"


@pytest.fixture(scope="module")
def nightly():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags" / "cchc_nightly.py"))
    assert bag.import_errors == {}, bag.import_errors
    return bag.dags["cchc_nightly"]


def _models() -> set[str]:
    from include.config import DBT_MANIFEST

    return {uid for uid, node in json.loads(DBT_MANIFEST.read_text())["nodes"].items()
            if node["resource_type"] == "model"}


class _TaskInstance:
    """The one method of a task instance the hook calls: tonight's plan, as raw_layer_ready returns it."""

    def __init__(self, plan: dict):
        self.plan = plan

    def xcom_pull(self, task_ids: str):
        assert task_ids == "raw_layer_ready"
        return {"files_loaded": 1, "plan": self.plan}


def _plan(changed) -> dict:
    return {"changed_sources": changed, "full_refresh": False, "loaded_through_file_id": 9, "reason": "test"}


def _run_hook(task, changed):
    from include.nightly.dag_tasks import skip_dbt_task_without_new_data

    skip_dbt_task_without_new_data({"task": task, "ti": _TaskInstance(_plan(changed))}, plan_task_id="raw_layer_ready")


def test_watcher_group_has_one_producer_and_one_sensor_per_model(nightly):
    from include.nightly.dbt_config import WATCHER

    if not WATCHER:
        pytest.skip("CCHC_DBT_EXECUTION_MODE=local")
    group = [t for t in nightly.tasks if t.task_id.startswith("dbt_build.")]
    producer = nightly.task_dict[PRODUCER]
    sensors = [t for t in group if getattr(t, "model_unique_id", None)]
    assert {s.model_unique_id for s in sensors} == _models()
    assert len(sensors) == len(_models()), "one sensor per model, no test tasks"
    for sensor in sensors:
        # no triggerer needed; a waiting sensor frees its worker slot between pokes
        assert sensor.mode == "reschedule" and not sensor.deferrable, sensor.task_id
    assert producer.downstream_task_ids == {"dbt_build.dbt_producer_watcher_done"}
    assert "--indirect-selection" in producer.dbt_cmd_flags


def test_hook_narrows_the_producer_to_tonights_sources_and_keeps_the_tests(nightly):
    from airflow.sdk.exceptions import AirflowSkipException

    from include.nightly.dbt_config import WATCHER

    if not WATCHER:
        pytest.skip("CCHC_DBT_EXECUTION_MODE=local")
    producer = copy.copy(nightly.task_dict[PRODUCER])   # the hook sets attributes of the task it runs in
    _run_hook(producer, ["dossier_log"])
    assert producer.select == "source:raw.dossier_log+"
    assert "--resource-type" not in producer.dbt_cmd_flags, "the producer's build keeps the data tests"
    assert producer.dbt_cmd_flags[-2:] == ["--exclude-resource-type", "unit_test"]
    _run_hook(producer, None)
    assert producer.select is None, "a full build selects every model"
    with pytest.raises(AirflowSkipException):
        _run_hook(producer, [])


def test_hook_skips_the_sensor_of_a_model_without_new_data(nightly):
    from airflow.sdk.exceptions import AirflowSkipException

    sensors = {getattr(t, "model_unique_id", None): t for t in nightly.tasks}
    if None in sensors:
        del sensors[None]
    if not sensors:
        pytest.skip("CCHC_DBT_EXECUTION_MODE=local")
    _run_hook(sensors["model.cchc.fct_dossier"], ["dossier_log"])   # fed by the new logs: runs
    with pytest.raises(AirflowSkipException):
        _run_hook(sensors["model.cchc.dim_procedure"], ["dossier_log"])
    _run_hook(sensors["model.cchc.dim_procedure"], None)              # full build: runs

"""The cchc_report DAG: wiring, params form, and the task-side validation and scheduling logic."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.airflow

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report_dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags" / "cchc_report.py"))
    assert bag.import_errors == {}
    return bag.dags["cchc_report"]


def test_dag_wiring(report_dag):
    assert [t.task_id for t in report_dag.topological_sort()] == [
        "validate_params", "decide_period", "report_scopes", "render"]
    from airflow.sdk.definitions.mappedoperator import MappedOperator

    assert isinstance(report_dag.get_task("render"), MappedOperator)  # one task instance per report
    assert report_dag.doc_md and "Scheduled run" in report_dag.doc_md
    assert "cchc_marts" in repr(report_dag.timetable)
    for task in report_dag.tasks:
        assert task.owner == "cchc-data" and task.retry_exponential_backoff


def test_params_form_is_vietnamese_with_defaults(report_dag):
    params = report_dag.params
    assert set(params.keys()) == {"period", "cutoff", "index_year", "narrative_file", "output_dir", "ma_don_vi",
                                  "ma_tinh"}
    ma_tinh = params.get_param("ma_tinh")
    assert ma_tinh.value is None and ma_tinh.schema["title"] == "Tỉnh (mã tỉnh)"
    assert "Bắt buộc khi kho dữ liệu có nhiều tỉnh" in ma_tinh.description
    assert "all: Bảng tổng hợp các tỉnh" in ma_tinh.description
    assert params.get_param("ma_don_vi").schema["title"] == "Đơn vị (để trống: toàn tỉnh)"
    assert params.get_param("ma_don_vi").value is None
    assert params.get_param("cutoff").value == "nd09"
    assert params.get_param("period").schema["title"] == "Kỳ báo cáo"
    assert "Nghị định số 09/2019/NĐ-CP" in params.get_param("cutoff").description
    from include.config import get_settings

    assert params.get_param("output_dir").value == str(get_settings().report_dir)


def test_period_is_required_in_the_form(report_dag):
    """A non-null type makes the form mark Kỳ báo cáo required and Airflow refuse an empty value before a run
    starts; its default (the latest passed cut-off) keeps scheduled runs, which ignore it, valid."""
    from airflow.sdk.definitions.param import ParamsDict
    from airflow.sdk.exceptions import ParamValidationError

    period = report_dag.params.get_param("period")
    assert "null" not in period.schema["type"] and "Bắt buộc" in period.description
    params = ParamsDict(report_dag.params)
    params.validate()   # a scheduled run (no conf) is valid
    params["period"] = "2020-H1"
    params.validate()
    for empty in (None, ""):
        with pytest.raises(ParamValidationError):
            params["period"] = empty


def test_bad_period_code_is_explained_in_vietnamese(tmp_path, monkeypatch):
    from include.config import get_settings
    from include.report.dag_tasks import validate_manual_params
    from include.report.params import ReportParamError

    monkeypatch.setenv("CCHC_REPORT_ROOT", str(tmp_path))
    get_settings.cache_clear()
    try:
        with pytest.raises(ReportParamError) as refused:
            validate_manual_params({"period": "2020-H3", "output_dir": "x"})
        assert refused.value.vi.startswith("Kỳ báo cáo «2020-H3» không đúng dạng: nhập 2020 (cả năm), 2020-H1")
        with pytest.raises(ReportParamError) as refused:
            validate_manual_params({"period": "2020-H1", "output_dir": "/etc"})
        assert refused.value.vi.startswith("Thư mục lưu báo cáo «/etc» nằm ngoài thư mục gốc báo cáo")
    finally:
        get_settings.cache_clear()


def test_manual_params_are_validated_against_the_settings(monkeypatch, tmp_path):
    from include.config import get_settings
    from include.report.dag_tasks import validate_manual_params
    from include.report.params import ReportParamError

    monkeypatch.setenv("CCHC_REPORT_ROOT", str(tmp_path))
    monkeypatch.setenv("REPORT_DIR", str(tmp_path / "demo"))
    get_settings.cache_clear()
    try:
        request = validate_manual_params({"period": "2020-H1", "cutoff": "nd09", "index_year": None,
                                          "narrative_file": None, "output_dir": None})
        assert request["output_dir"] == str((tmp_path / "demo").resolve())
        assert request["narrative_path"].endswith("narratives/2020-H1.md")
        assert request["trigger"] == "manual"
        with pytest.raises(ReportParamError, match="outside the allowed report root"):
            validate_manual_params({"period": "2020-H1", "output_dir": "/etc"})
    finally:
        get_settings.cache_clear()


def test_scheduled_state_only_moves_forward(monkeypatch, tmp_path):
    from include.config import get_settings
    from include.report.dag_tasks import last_rendered, record_rendered

    monkeypatch.setenv("CCHC_REPORT_ROOT", str(tmp_path))
    get_settings.cache_clear()
    try:
        assert last_rendered("nd09") is None
        record_rendered("2020-H1", "nd09")
        record_rendered("2019", "nd09")  # older: ignored
        record_rendered("2020-Q2", "nd09")  # not a cut-off period: ignored
        assert last_rendered("nd09") == "2020-H1"
        record_rendered("2020", "nd09")
        assert last_rendered("nd09") == "2020"
    finally:
        get_settings.cache_clear()


@pytest.mark.pipeline
@pytest.mark.slow
def test_airflow_run_renders_and_rejects_bad_params(pipeline_database_url, tmp_path):
    """`airflow dags test cchc_report`: a good manual run renders; bad params fail with their message."""
    import json
    import subprocess
    import sys

    from include.cli import airflow_env, airflow_init

    env = airflow_env(pipeline_database_url)
    env.update(CCHC_REPORT_ROOT=str(tmp_path), REPORT_DIR=str(tmp_path / "demo"), CCHC_TASK_RETRIES="0")
    airflow_init(env)
    airflow = str(Path(sys.executable).parent / "airflow")

    def run(conf: dict) -> str:
        proc = subprocess.run([airflow, "dags", "test", "cchc_report", "--conf", json.dumps(conf)], env=env,
                              cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
        return proc.stdout + proc.stderr

    output = run({"period": "2020-H1"})
    assert "state=success" in output, output[-3000:]
    assert {p.name for p in (tmp_path / "demo").iterdir()} == {"report.json", "report.docx", "report.html",
                                                                "bieu06.xlsx"}

    output = run({"period": "2020-H1", "output_dir": "all", "ma_don_vi": "all"})
    assert "state=success" in output, output[-3000:]
    units = sorted(p.name for p in (tmp_path / "all").iterdir() if p.is_dir())
    assert units and (tmp_path / "all" / "report.docx").exists()
    for unit in units:
        assert json.loads((tmp_path / "all" / unit / "report.json").read_text())["scope"]["ma_don_vi"] == unit

    output = run({"period": "2020-H1", "ma_don_vi": "999.99.99.H55"})
    assert "ma_don_vi='999.99.99.H55' is not a unit of agencies.csv" in output and "state=failed" in output

    output = run({"period": "2031-H1"})
    assert "Tham số không hợp lệ: Kỳ báo cáo «2031-H1» (nd09) chưa có dữ liệu trong kho" in output
    assert "period='2031-H1' (cutoff nd09) has no data in the warehouse" in output and "state=failed" in output
    output = run({"period": "2020-H3"})
    assert "Tham số không hợp lệ: Kỳ báo cáo «2020-H3» không đúng dạng" in output and "state=failed" in output
    output = run({"period": "2020-H1", "output_dir": "/etc"})
    assert "Tham số không hợp lệ: Thư mục lưu báo cáo «/etc» nằm ngoài thư mục gốc báo cáo" in output
    assert "outside the allowed report root" in output and "state=failed" in output

"""`make run` and the nightly load on a landing root of provinces: one load and build, which reports, which zones."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from include.cli import CliError, RunPlan, run_plan

DIRT = Path(__file__).resolve().parents[1] / "fixtures" / "dirt"


def _zone(target: Path, ma_tinh: str) -> Path:
    shutil.copytree(DIRT / "clean_landing", target)
    (target / "reference" / "province.csv").write_text(f"ma_tinh,ten_tinh\n{ma_tinh},Tỉnh {ma_tinh}\n",
                                                       encoding="utf-8")
    return target


@pytest.fixture
def root(tmp_path) -> Path:
    for code in ("94", "95"):
        _zone(tmp_path / "root" / code, code)
    return tmp_path / "root"


def test_root_is_one_warehouse_with_a_report_per_province_and_the_ranking(root, tmp_path):
    reports = tmp_path / "reports"
    assert run_plan(root, None, reports) == RunPlan(None, [("94", reports / "94"), ("95", reports / "95"),
                                                           ("all", reports)])
    assert run_plan(root, "95", reports) == RunPlan(["95"], [("95", reports / "95")])
    with pytest.raises(CliError, match=r"PROVINCE=96 is not in the landing root .*holds 94, 95"):
        run_plan(root, "96", reports)


def test_root_of_one_province_has_no_ranking(root, tmp_path):
    shutil.rmtree(root / "95")
    reports = tmp_path / "reports"
    assert run_plan(root, None, reports) == RunPlan(None, [("94", reports / "94")])


def test_single_zone_keeps_its_report_dir(root, tmp_path):
    reports = tmp_path / "reports"
    assert run_plan(root / "94", None, reports) == RunPlan(None, [(None, reports)])
    assert run_plan(root / "94", "94", reports) == RunPlan(None, [(None, reports)])
    with pytest.raises(CliError, match=r"PROVINCE=95: the landing zone .* is province 94"):
        run_plan(root / "94", "95", reports)


def test_nightly_load_honours_cchc_provinces(root, monkeypatch, fresh_function_database_url):
    from include.config import get_settings
    from include.nightly.dag_tasks import load_source_group, prepare_warehouse

    url = fresh_function_database_url
    prepare_warehouse(url)
    monkeypatch.setenv("CCHC_PROVINCES", "95")
    get_settings.cache_clear()
    try:
        summary = load_source_group("reference", url=url, landing_dir=root)
        assert summary["provinces"] == ["95"] and summary["files_loaded"] == 3
        monkeypatch.setenv("CCHC_PROVINCES", "")
        get_settings.cache_clear()
        summary = load_source_group("reference", url=url, landing_dir=root)
        assert summary["provinces"] == ["94", "95"] and summary["files_loaded"] == 3 and summary["files_skipped"] == 3
    finally:
        get_settings.cache_clear()

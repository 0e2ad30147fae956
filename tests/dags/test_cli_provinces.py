"""`make run` and the nightly load on a landing root of provinces: which runs, which reports, which zones."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from include.cli import CliError, province_runs

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


def test_root_gives_one_run_and_report_dir_per_province(root, tmp_path):
    reports = tmp_path / "reports"
    assert province_runs(root, None, reports) == [(["94"], reports / "94"), (["95"], reports / "95")]
    assert province_runs(root, "95", reports) == [(["95"], reports / "95")]
    with pytest.raises(CliError, match=r"PROVINCE=96 is not in the landing root .*holds 94, 95"):
        province_runs(root, "96", reports)


def test_single_zone_keeps_its_report_dir(root, tmp_path):
    reports = tmp_path / "reports"
    assert province_runs(root / "94", None, reports) == [(None, reports)]
    assert province_runs(root / "94", "94", reports) == [(None, reports)]
    with pytest.raises(CliError, match=r"PROVINCE=95: the landing zone .* is province 94"):
        province_runs(root / "94", "95", reports)


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

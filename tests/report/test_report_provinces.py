"""Issue 18's test: a warehouse holding Sóc Trăng (94) and a second generated province (95, Bạc Liêu) gives,
for each province, the report.json that a warehouse of that province alone gives.

Sóc Trăng alone is the session's pipeline database (tests/conftest.py, seed 1 at PIPELINE_SCALE); its landing
zone is copied as <root>/94. Bạc Liêu is generated from the same seed (`--province 95:Bạc Liêu`), so both
provinces send the same log `Id`s and the same figures under other unit codes. Two more databases are built
through the real chain (load + dbt build): Bạc Liêu alone and the root of both.
"""
from __future__ import annotations

import json
import shutil
import uuid

import pytest

pytestmark = [pytest.mark.pipeline, pytest.mark.slow]

PERIODS = [("2020-H1", "nd09"), ("2020-Q2", "calendar")]


@pytest.fixture(scope="module")
def databases(pipeline_database_url, pipeline_landing_dir, tmp_path_factory):
    """{'94': Sóc Trăng alone, '95': Bạc Liêu alone, 'both': the root of the two}."""
    from pipeline_support import PIPELINE_SCALE, build_database_from
    from include.warehouse import drop_database
    from sample_data import generate

    root = tmp_path_factory.mktemp("provinces") / "root"
    shutil.copytree(pipeline_landing_dir, root / "94")
    generate(root / "95", seed=1, scale=PIPELINE_SCALE, province="95:Bạc Liêu")
    names = {key: f"test_provinces_{key}_{uuid.uuid4().hex[:8]}" for key in ("95", "both")}
    try:
        urls = {"94": pipeline_database_url, "95": build_database_from(names["95"], root / "95"),
                "both": build_database_from(names["both"], root)}
        yield urls
    finally:
        for name in names.values():
            drop_database(name)


def _report_json(url: str, period: str, cutoff: str, ma_tinh: str | None, unit: str | None = None) -> str:
    """report.json's text as render_figures writes it."""
    from include.report.figures import collect_figures
    from include.warehouse import connect

    conn = connect(url)
    try:
        figures = collect_figures(conn, period, cutoff, unit=unit, ma_tinh=ma_tinh)
    finally:
        conn.close()
    return json.dumps(figures, ensure_ascii=False, indent=2)


def test_the_warehouse_holds_both_provinces(databases):
    from include.report.provinces import warehouse_provinces
    from include.warehouse import connect

    conn = connect(databases["both"])
    try:
        assert warehouse_provinces(conn) == [{"ma_tinh": "94", "ten_tinh": "Sóc Trăng"},
                                             {"ma_tinh": "95", "ten_tinh": "Bạc Liêu"}]
        with conn.cursor() as cur:   # the same Ids, sent by both provinces, are loaded for both
            cur.execute("select _ma_tinh, count(*), count(distinct id) from raw.dossier_log group by 1 order by 1")
            (_, rows_94, ids_94), (_, rows_95, ids_95) = cur.fetchall()
    finally:
        conn.close()
    assert rows_94 == rows_95 > 0 and ids_94 == ids_95


@pytest.mark.parametrize(("period", "cutoff"), PERIODS)
@pytest.mark.parametrize("ma_tinh", ["94", "95"])
def test_each_province_reports_as_if_alone(databases, ma_tinh, period, cutoff):
    alone = _report_json(databases[ma_tinh], period, cutoff, None)
    together = _report_json(databases["both"], period, cutoff, ma_tinh)
    assert json.loads(together)["province"]["ma_tinh"] == ma_tinh
    assert together == alone


def test_a_unit_report_is_its_provinces_alone(databases):
    from include.report.figures import top_level_units
    from include.warehouse import connect

    conn = connect(databases["95"])
    try:
        unit = top_level_units(conn)[0]["ma_don_vi"]
    finally:
        conn.close()
    assert unit.endswith(".T95")
    assert _report_json(databases["both"], "2020-H1", "nd09", "95", unit) == \
        _report_json(databases["95"], "2020-H1", "nd09", None, unit)


def test_rendered_report_json_is_identical(databases, tmp_path):
    from include.report import render_report

    alone = render_report(databases["95"], "2020-H1", "nd09", output_dir=tmp_path / "alone")
    together = render_report(databases["both"], "2020-H1", "nd09", output_dir=tmp_path / "both", ma_tinh="95")
    assert together["json"].read_bytes() == alone["json"].read_bytes()


def test_national_ranking_states_each_provinces_figures(databases, tmp_path):
    from include.report import render_report

    paths = render_report(databases["both"], "2020-H1", "nd09", output_dir=tmp_path / "all", ma_tinh="all")
    ranking = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert ranking["title"] == "Bảng tổng hợp các tỉnh"
    assert sorted(row["ma_tinh"] for row in ranking["provinces"]) == ["94", "95"]
    for row in ranking["provinces"]:
        report = json.loads(_report_json(databases["both"], "2020-H1", "nd09", row["ma_tinh"]))
        dossiers = report["dossiers"]
        assert row["ten_tinh"] == report["province"]["ten_tinh"]
        assert (row["resolved"], row["resolved_on_time"]) == (dossiers["resolved_total"], dossiers["resolved_on_time"])
        assert row["on_time_rate"] == pytest.approx(dossiers["on_time_rate"])
        assert row["online_rate"] == pytest.approx(dossiers["online_rate"])
    assert "<h1>Bảng tổng hợp các tỉnh</h1>" in paths["html"].read_text(encoding="utf-8")

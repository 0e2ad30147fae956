"""The BI schema (dbt/models/bi) tells the report's story: computed through the real pipeline
(generator → ingest → dbt build → report), bi.bieu06_* for 2020-H1 equal report.json's dossier figures."""
from __future__ import annotations

import json

import pytest

from include.warehouse import bi_reader_url, connect

pytestmark = pytest.mark.pipeline
PERIOD = "2020-H1"


@pytest.fixture(scope="module")
def report(pipeline_database_url) -> dict:
    from include.config import get_settings
    from include.report import render_report

    paths = render_report(pipeline_database_url, PERIOD, cutoff="nd09",
                          output_dir=get_settings().cchc_report_root / "test-bi-layer")
    return json.loads(paths["json"].read_text(encoding="utf-8"))


def bi_rows(url: str, sql: str, params=()) -> list[dict]:
    """Rows read as bi_reader, as a BI user would."""
    conn = connect(bi_reader_url(url))
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        conn.close()


def integer_keys(figures: dict) -> list[str]:
    return [k for k, v in figures.items() if isinstance(v, int) and not isinstance(v, bool)]


def test_province_row_equals_the_report(pipeline_database_url, report):
    [row] = bi_rows(pipeline_database_url, "select * from bi.bieu06_province where period_code = %s", (PERIOD,))
    dossiers = report["dossiers"]
    keys = integer_keys(dossiers)
    assert len(keys) >= 15
    assert {k: row[k] for k in keys} == {k: dossiers[k] for k in keys}
    assert float(row["on_time_rate"]) == pytest.approx(dossiers["on_time_rate"], abs=0.005)
    assert row["period_label"] == report["period"]["label"] == "6 tháng đầu năm 2020"
    assert (row["date_from"].isoformat(), row["date_to"].isoformat()) == (report["period"]["from"], report["period"]["to"])
    assert row["cutoff"] == "nd09" and row["period_kind"] == "HALF" and row["period_kind_label"] == "6 tháng"
    if dossiers.get("online_rate") is not None:
        assert float(row["online_rate"]) == pytest.approx(dossiers["online_rate"], abs=0.005)


def test_level_rows_equal_the_report(pipeline_database_url, report):
    rows = bi_rows(pipeline_database_url, "select * from bi.bieu06_level where period_code = %s", (PERIOD,))
    by_level = report["dossiers"]["by_level"]
    assert {r["cap"]: r["cap_label"] for r in rows} == {"TINH": "Cấp tỉnh", "HUYEN": "Cấp huyện", "XA": "Cấp xã"}
    for row in rows:
        expected = by_level[row["cap"]]
        keys = integer_keys(expected)
        assert {k: row[k] for k in keys} == {k: expected[k] for k in keys}, row["cap"]
        if expected.get("online_rate") is not None:
            assert float(row["online_rate"]) == pytest.approx(expected["online_rate"], abs=0.005)


def test_units_and_fields_add_up_to_the_report(pipeline_database_url, report):
    for table in ("bi.bieu06_unit", "bi.bieu06_unit_field"):
        [row] = bi_rows(pipeline_database_url, f"select sum(received_total) as received_total, sum(resolved_total) "
                        f"as resolved_total, sum(pending_overdue) as pending_overdue from {table} "
                        f"where period_code = %s", (PERIOD,))
        for key in ("received_total", "resolved_total", "pending_overdue"):
            assert row[key] == report["dossiers"][key], (table, key)


def test_bi_tables_hold_one_cutoff_and_the_named_table_both(pipeline_database_url):
    for table in ("bieu06_province", "bieu06_level", "bieu06_unit", "bieu06_unit_field", "dossier_monthly",
                  "dim_period"):
        rows = bi_rows(pipeline_database_url, f"select distinct cutoff from bi.{table}")
        assert rows == [{"cutoff": "nd09"}], table
    rows = bi_rows(pipeline_database_url, "select cutoff, sum(received_total) as received_total "
                   "from bi.bieu06_unit_field_all_cutoffs where period_code = %s group by cutoff order by cutoff",
                   (PERIOD,))
    assert [r["cutoff"] for r in rows] == ["calendar", "nd09"]


def test_monthly_flows_of_the_half_year_equal_the_report(pipeline_database_url, report):
    rows = bi_rows(pipeline_database_url, "select month_code, sum(received_new) as received_new, "
                   "sum(resolved_total) as resolved_total from bi.dossier_monthly where period_code = %s "
                   "group by month_code order by month_code", (PERIOD,))
    assert [r["month_code"] for r in rows] == [f"2020-0{m}" for m in range(1, 7)]
    assert sum(r["received_new"] for r in rows) == report["dossiers"]["received_new"]
    assert sum(r["resolved_total"] for r in rows) == report["dossiers"]["resolved_total"]


def test_every_code_has_a_vietnamese_label(pipeline_database_url):
    expected = {"label_level": 3, "label_channel": 3, "label_status": 10, "label_close_kind": 3,
                "label_par_band": 5, "label_par_group": 4, "label_period_kind": 4}
    for table, count in expected.items():
        rows = bi_rows(pipeline_database_url, f"select label_vi from bi.{table}")
        assert len(rows) == count and all(r["label_vi"] for r in rows), table
    unlabelled = bi_rows(pipeline_database_url, "select count(*) as n from bi.par_index_unit "
                         "where (band is not null and band_label is null) or (nhom is not null and nhom_label is null)")
    assert unlabelled == [{"n": 0}]

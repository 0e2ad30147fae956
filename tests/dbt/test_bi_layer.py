"""The BI schema (dbt/models/bi) tells the report's story: computed through the real pipeline
(generator → ingest → dbt build → report), bi.bieu06_* for 2020-H1 equal report.json's dossier figures,
and the register tables (bi.unit_plan_period, province_document_period, legal_document_period,
feedback_period, inspection_plan) equal the register marts for the configured cut-off and report.json's
`registers`."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from include.warehouse import bi_reader_url, connect

pytestmark = pytest.mark.pipeline
PERIOD = "2020-H1"
# BI register table (per period of the configured cut-off) → (its mart, the columns compared, the key).
REGISTER_PERIOD_TABLES = {
    "unit_plan_period": ("fct_unit_plan_period", ("has_plan", "plan_so_ky_hieu", "plan_ngay_ban_hanh", "loai",
                                                  "ten_don_vi"), ("period_code", "ma_don_vi")),
    "province_document_period": ("fct_province_document_period", ("loai", "linh_vuc_cchc", "trich_yeu"),
                                 ("period_code", "so_ky_hieu", "ngay_ban_hanh")),
    "legal_document_period": ("fct_legal_document_period", ("issued_total", "issued_nghi_quyet",
                              "issued_quyet_dinh", "issued_other", "reviewed", "recommended_for_handling"),
                              ("period_code",)),
    "feedback_period": ("fct_feedback_period", ("received", "answered", "published"), ("period_code",)),
}


@pytest.fixture(scope="module")
def report(pipeline_database_url) -> dict:
    from include.config import get_settings
    from include.report import render_report

    paths = render_report(pipeline_database_url, PERIOD, cutoff="nd09",
                          output_dir=get_settings().cchc_report_root / "test-bi-layer")
    return json.loads(paths["json"].read_text(encoding="utf-8"))


def owner_rows(url: str, sql: str, params=()) -> list[dict]:
    """Rows read with `url`'s role (the owner reads the marts bi_reader cannot)."""
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        conn.close()


def bi_rows(url: str, sql: str, params=()) -> list[dict]:
    """Rows read as bi_reader, as a BI user would."""
    return owner_rows(bi_reader_url(url), sql, params)


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
                  "dim_period", *REGISTER_PERIOD_TABLES):
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
                "label_par_band": 5, "label_par_group": 4, "label_period_kind": 4, "label_unit_kind": 7,
                "label_document_kind": 8, "label_reform_area": 10, "label_register": 4}
    for table, count in expected.items():
        rows = bi_rows(pipeline_database_url, f"select label_vi from bi.{table}")
        assert len(rows) == count and all(r["label_vi"] for r in rows), table
    unlabelled = bi_rows(pipeline_database_url, "select count(*) as n from bi.par_index_unit "
                         "where (band is not null and band_label is null) or (nhom is not null and nhom_label is null)")
    assert unlabelled == [{"n": 0}]


# --------------------------------------------------------------------------- registers
def test_register_tables_equal_the_marts_for_the_configured_cutoff(pipeline_database_url):
    """Every row of each BI register table, read as bi_reader, equals its mart's row of cut-off nd09 (the
    configured one: CCHC_BI_CUTOFF unset), and no mart row of that cut-off is missing. All four registers are
    delivered in the sample, so no figure is nulled."""
    from include.config import get_settings

    cutoff = get_settings().cchc_bi_cutoff
    assert cutoff == "nd09"
    for table, (mart, columns, key) in REGISTER_PERIOD_TABLES.items():
        select = ", ".join((*key, "cutoff", *columns))
        bi = bi_rows(pipeline_database_url, f"select {select} from bi.{table}")
        marts = owner_rows(pipeline_database_url, f"select {select} from marts.{mart} where cutoff = %s", (cutoff,))
        assert bi, table
        as_map = lambda rows: {tuple(r[k] for k in key): r for r in rows}   # noqa: E731
        assert as_map(bi) == as_map(marts), table
        assert len(bi) == len(marts), table
    select = "nam, ma_don_vi, ten_don_vi, loai, thang_du_kien, so_ke_hoach"
    bi = bi_rows(pipeline_database_url, f"select {select} from bi.inspection_plan order by nam, ma_don_vi")
    marts = owner_rows(pipeline_database_url, f"select {select} from marts.fct_inspection_plan order by nam, ma_don_vi")
    assert bi and bi == marts


def test_register_tables_tell_the_reports_registers(pipeline_database_url, report):
    registers = report["registers"]
    plans = bi_rows(pipeline_database_url, "select has_plan, loai_label from bi.unit_plan_period where period_code = %s",
                    (PERIOD,))
    assert {"units_required": len(plans), "units_with_plan": sum(r["has_plan"] for r in plans)} == registers["plans"]
    assert {r["loai_label"] for r in plans} == {"Sở, ban, ngành", "UBND cấp huyện"}

    documents = bi_rows(pipeline_database_url, "select * from bi.province_document_period where period_code = %s",
                        (PERIOD,))
    assert sorted((d["so_ky_hieu"], d["ngay_ban_hanh"].isoformat(), d["loai"], d["linh_vuc_cchc"]) for d in documents) \
        == sorted((d["so_ky_hieu"], d["ngay_ban_hanh"], d["loai"], d["linh_vuc_cchc"]) for d in registers["documents"])
    from include.report.registers import AREA_LABELS, citation

    for document in documents:   # the citation and the area's label are the report's own words
        assert document["citation"] == citation(document), document["so_ky_hieu"]
        label = document["linh_vuc_cchc_label"]
        assert label[0].lower() + label[1:] == AREA_LABELS[document["linh_vuc_cchc"]]

    [legal] = bi_rows(pipeline_database_url, "select * from bi.legal_document_period where period_code = %s", (PERIOD,))
    assert {k: legal[k] for k in registers["legal_documents"]} == registers["legal_documents"]
    [feedback] = bi_rows(pipeline_database_url, "select * from bi.feedback_period where period_code = %s", (PERIOD,))
    assert {k: feedback[k] for k in registers["feedback"]} == registers["feedback"]

    year = int(report["period"]["to"][:4])
    units = bi_rows(pipeline_database_url, "select ten_don_vi, loai, loai_label from bi.inspection_plan where nam = %s",
                    (year,))
    inspections = registers["inspections"]
    assert len(units) == inspections["units_planned"]
    assert sorted(u["ten_don_vi"] for u in units) == sorted(inspections["names"])
    assert dict(Counter(u["loai"] for u in units if u["loai"] is not None)) == inspections["by_loai"]
    assert all(u["loai_label"] for u in units)


def test_register_delivery_lists_every_register(pipeline_database_url):
    rows = bi_rows(pipeline_database_url, "select source_kind, register_label, sum(files_loaded) as files, "
                   "sum(rows_loaded) as rows from bi.register_delivery group by 1, 2")
    assert {r["source_kind"] for r in rows} == {"documents", "legal_reviews", "feedback", "inspection_plan"}
    assert all(r["files"] > 0 and r["rows"] > 0 and r["register_label"] for r in rows)


def test_document_kind_labels_are_the_reports_citation_words(pipeline_database_url):
    from include.report.registers import KIND_WORDS

    rows = bi_rows(pipeline_database_url, "select loai, citation_word from bi.label_document_kind")
    assert {r["loai"]: r["citation_word"] for r in rows} == KIND_WORDS


def test_national_row_equals_the_report(pipeline_database_url, report):
    """bi.province_period (marts.fct_province_period): the province's row holds its report's headline figures."""
    [row] = bi_rows(pipeline_database_url, "select * from bi.province_period where ma_tinh = %s and period_code = %s",
                    (report["province"]["ma_tinh"], PERIOD))
    dossiers = report["dossiers"]
    assert row["ten_tinh"] == report["province"]["ten_tinh"] and row["cutoff"] == "nd09"
    assert (row["received"], row["received_new"], row["resolved"], row["resolved_on_time"], row["overdue"]) == (
        dossiers["received_total"], dossiers["received_new"], dossiers["resolved_total"], dossiers["resolved_on_time"],
        dossiers["pending_overdue"])
    assert float(row["on_time_rate"]) == pytest.approx(dossiers["on_time_rate"], abs=1e-9)
    if dossiers.get("online_rate") is not None:
        assert float(row["online_rate"]) == pytest.approx(dossiers["online_rate"], abs=1e-9)
    assert row["par_year"] == report["par_index"]["year"]
    assert row["par_rank"] == report["par_index"]["province"]["xep_hang"]
    if report["par_index"]["province"]["par_index"] is not None:
        assert float(row["par_index"]) == pytest.approx(report["par_index"]["province"]["par_index"], abs=1e-9)

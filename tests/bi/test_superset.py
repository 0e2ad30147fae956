"""The dashboard, for real: Superset 6.1 (own venv) on 127.0.0.1, provisioned by bi.superset_ctl from
bi/superset/bundle against a warehouse of two provinces built by the real pipeline, read as bi_reader.

The warehouse: Sóc Trăng (94) at the test scale, its report.json rendered while it is alone, then a
second, tiny generated province (95 Bạc Liêu, scale 0.01) loaded from a landing root and built
incrementally beside it. Each chart's data is fetched through Superset's chart-data API (with the
dashboard's province filter and period filter, 2020-H1) and compared with that report.json and with
the marts of the chosen province; the province filter must keep the two provinces apart. Then headless
Chromium logs in, opens the dashboard and must find every chart drawn and no error.
Run by `make test-bi` (which installs .venv-bi and Chromium); deselected by a plain `make test` (marker bi).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import uuid

import pytest

from include.config import PROJECT_ROOT

pytestmark = [
    pytest.mark.pipeline,
    pytest.mark.bi,  # deselected by a plain `make test`; `make test-bi` selects it
]
PORT = int(os.environ.get("SUPERSET_PORT", "8088"))
BASE = f"http://127.0.0.1:{PORT}"
PERIOD = "2020-H1"
PERIOD_LABEL = "6 tháng đầu năm 2020"
PROVINCE, SECOND_PROVINCE = "94", "95"        # Sóc Trăng (the report's province), a tiny generated second one
PROVINCE_LABELS = {PROVINCE: "94 – Sóc Trăng", SECOND_PROVINCE: "95 – Bạc Liêu"}   # values of the filter "Tỉnh"
SECOND_PROVINCE_ARG, SECOND_PROVINCE_SCALE = "95:Bạc Liêu", 0.01
BAND_LABELS = {"Rất tốt": "RAT_TOT", "Tốt": "TOT", "Khá": "KHA", "Trung bình": "TRUNG_BINH", "Kém": "KEM"}


@pytest.fixture(scope="module")
def two_provinces(build_pipeline, server_url, tmp_path_factory):
    """(warehouse URL, Sóc Trăng's report.json): 94 built and reported alone, then 95 added on the root."""
    from include.config import get_settings
    from include.ingest import load_landing_zone
    from include.nightly.dbt_runner import dbt_command
    from include.report import render_report
    from include.warehouse import drop_database
    from sample_data import generate

    root = tmp_path_factory.mktemp("landing_root")
    name = f"test_superset_{uuid.uuid4().hex[:8]}"
    url = build_pipeline(name, root / PROVINCE, seed=1, scale=float(os.environ.get("CCHC_TEST_SCALE", "0.05")))
    # The report reads the warehouse's one province: rendered before the second arrives.
    paths = render_report(url, PERIOD, cutoff="nd09", output_dir=get_settings().cchc_report_root / "test-superset")
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    generate(root / SECOND_PROVINCE, seed=2, scale=SECOND_PROVINCE_SCALE, province=SECOND_PROVINCE_ARG)
    results = load_landing_zone(url, root, provinces=[SECOND_PROVINCE])
    assert results and {r.status for r in results} == {"LOADED"}, [r for r in results if r.status != "LOADED"]
    # Incremental run (data tests ran on the first build; tests/dbt/test_dbt_project.py tests a province
    # arriving on the incremental night): province 95 is new beside 94.
    dbt_command(["run", "--quiet"], url=url)
    yield url, report
    drop_database(name)


@pytest.fixture(scope="module")
def pipeline_database_url(two_provinces) -> str:
    """This module's warehouse (overrides the session one-province fixture): Sóc Trăng + a second province."""
    return two_provinces[0]


@pytest.fixture(scope="module")
def report(two_provinces) -> dict:
    return two_provinces[1]


@pytest.fixture(scope="module")
def superset(pipeline_database_url):
    from bi import superset_ctl

    url = superset_ctl.up(pipeline_database_url, PORT)
    try:
        yield url
    finally:
        superset_ctl.stop()


@pytest.fixture(scope="module")
def api(superset):
    import requests

    from bi.superset_ctl import ADMIN_USER, admin_password

    session = requests.Session()
    response = session.post(f"{BASE}/api/v1/security/login", json={
        "username": ADMIN_USER, "password": admin_password(), "provider": "db", "refresh": True}, timeout=60)
    response.raise_for_status()
    session.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    session.headers["X-CSRFToken"] = session.get(f"{BASE}/api/v1/security/csrf_token/", timeout=60).json()["result"]
    session.headers["Referer"] = BASE
    return session


@pytest.fixture(scope="module")
def dashboard(api) -> dict:
    from bi.superset_ctl import DASHBOARD_SLUG

    meta = api.get(f"{BASE}/api/v1/dashboard/{DASHBOARD_SLUG}", timeout=60).json()["result"]
    charts = api.get(f"{BASE}/api/v1/dashboard/{DASHBOARD_SLUG}/charts", timeout=60).json()["result"]
    return {"title": meta["dashboard_title"], "metadata": json.loads(meta["json_metadata"]),
            "charts": {c["slice_name"]: c for c in charts}}


def chart_data(api, dashboard: dict, name: str, period_label: str | None = PERIOD_LABEL,
               ma_tinh: str | None = PROVINCE) -> list[dict]:
    """The chart's own query (dataset, metrics, grouping, filters, order, limit) through POST /api/v1/chart/data,
    with the dashboard's province and period filters applied as the native filters do (None: not applied)."""
    chart = api.get(f"{BASE}/api/v1/chart/{dashboard['charts'][name]['id']}", timeout=60).json()["result"]
    params = json.loads(chart["params"])
    columns = ([params["x_axis"]] if params.get("x_axis") else []) + list(params.get("groupby") or [])
    metrics = params.get("metrics") or [params["metric"]]
    where = [f"({f['sqlExpression']})" for f in params.get("adhoc_filters", []) if f["expressionType"] == "SQL"]
    filters = ([{"col": "tinh", "op": "IN", "val": [PROVINCE_LABELS[ma_tinh]]}] if ma_tinh else []) + \
        ([{"col": "period_label", "op": "IN", "val": [period_label]}] if period_label else [])
    sort_metric = params.get("timeseries_limit_metric") or (params.get("x_axis_sort") if params.get("x_axis_sort")
                                                             in metrics else None)
    ascending = not params.get("order_desc", True) if params.get("timeseries_limit_metric") else \
        params.get("x_axis_sort_asc", False)
    query = {"columns": columns, "metrics": metrics, "filters": filters, "extras": {"where": " and ".join(where)},
             "row_limit": params.get("row_limit") or 10000,
             "orderby": [[sort_metric, ascending]] if sort_metric else []}
    response = api.post(f"{BASE}/api/v1/chart/data", json={
        "datasource": {"id": chart["datasource_id"], "type": "table"}, "force": True, "queries": [query],
        "form_data": params, "result_format": "json", "result_type": "full"}, timeout=120)
    assert response.status_code == 200, (name, response.text[:500])
    return response.json()["result"][0]["data"]


def marts_by_unit(url: str, ma_tinh: str = PROVINCE) -> dict[str, dict]:
    """Per receiving unit of one province from marts.agg_dossier_bieu06 (owner's view, not the BI tables)."""
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("""select ma_don_vi, sum(resolved_total), sum(resolved_on_time), sum(resolved_late),
                                  sum(pending_overdue)
                           from marts.agg_dossier_bieu06 where ma_tinh = %s and period_code = %s and cutoff = 'nd09'
                           group by ma_don_vi""", (ma_tinh, PERIOD))
            return {unit: {"resolved_total": a, "resolved_on_time": b, "resolved_late": c, "pending_overdue": d}
                    for unit, a, b, c, d in cur.fetchall()}
    finally:
        conn.close()


def test_dashboard_is_the_one_kept_in_the_repository(dashboard):
    assert dashboard["title"] == "Cải cách hành chính — hồ sơ TTHC"
    assert len(dashboard["charts"]) == 5
    province_filter, period_filter = dashboard["metadata"]["native_filter_configuration"]
    assert period_filter["name"] == "Kỳ báo cáo"
    assert period_filter["targets"][0]["column"]["name"] == "period_label"


def test_province_filter_is_required_single_and_on_every_chart(api, dashboard):
    """"Tỉnh": a value is required, one province at a time, the first one by default, every chart; its values
    (column tinh of every dataset) are code and name, sorted by code, so the default is the smallest code."""
    province_filter = dashboard["metadata"]["native_filter_configuration"][0]
    assert province_filter["name"] == "Tỉnh" and province_filter["filterType"] == "filter_select"
    assert province_filter["targets"][0]["column"]["name"] == "tinh"
    controls = province_filter["controlValues"]
    assert controls["enableEmptyFilter"] and controls["defaultToFirstItem"] and controls["sortAscending"]
    assert not controls["multiSelect"] and not controls["inverseSelection"]
    assert province_filter["requiredFirst"], "charts wait for the first value instead of loading unfiltered"
    assert province_filter["scope"] == {"rootPath": ["ROOT_ID"], "excluded": []}
    assert sorted(province_filter["chartsInScope"]) == sorted(c["id"] for c in dashboard["charts"].values())
    # The filter's choices, queried as Superset's select filter does (distinct values of its column).
    [dataset] = [d for d in api.get(f"{BASE}/api/v1/dataset/", params={"q": json.dumps({"page_size": 100})},
                                    timeout=60).json()["result"] if d["table_name"] == "dossier_monthly"]
    response = api.post(f"{BASE}/api/v1/chart/data", json={
        "datasource": {"id": dataset["id"], "type": "table"}, "force": True,
        "queries": [{"columns": ["tinh"], "metrics": [], "orderby": [["tinh", True]], "row_limit": 1000}],
        "result_format": "json", "result_type": "full"}, timeout=120)
    assert response.status_code == 200, response.text[:500]
    assert [r["tinh"] for r in response.json()["result"][0]["data"]] == list(PROVINCE_LABELS.values())


def test_province_filter_keeps_provinces_apart(api, dashboard, pipeline_database_url):
    """On the two-province warehouse each chart with the filter applied shows exactly one province's figures:
    the units of that province per the marts, and the two provinces' rows add up to the unfiltered query."""
    rows = {m: chart_data(api, dashboard, "Tỷ lệ giải quyết đúng hạn theo đơn vị", ma_tinh=m)
            for m in (PROVINCE, SECOND_PROVINCE)}
    for ma_tinh, chart_rows in rows.items():
        units = marts_by_unit(pipeline_database_url, ma_tinh)
        assert chart_rows and len(chart_rows) == len(units), ma_tinh
        assert sorted((r["sum__resolved_total"], r["sum__resolved_on_time"]) for r in chart_rows) == \
            sorted((u["resolved_total"], u["resolved_on_time"]) for u in units.values()), ma_tinh
    first, second = ({(r["ten_don_vi"], r["sum__resolved_total"]) for r in rows[m]} for m in (PROVINCE, SECOND_PROVINCE))
    assert first != second
    for name in dashboard["charts"]:
        period = None if name.startswith("Xếp loại") else PERIOD_LABEL
        per_province = [chart_data(api, dashboard, name, period, ma_tinh=m) for m in (PROVINCE, SECOND_PROVINCE)]
        both = chart_data(api, dashboard, name, period, ma_tinh=None)
        assert per_province[0], name   # 95 at scale 0.01 may have nothing late in 2020-H1: then its chart is empty
        counts = [k for k in both[0] if k.startswith(("sum__", "count"))]
        for key in counts:
            totals = [sum(r[key] or 0 for r in part) for part in per_province]
            assert totals[0] != sum(r[key] or 0 for r in both) or totals[1] == 0, (name, key)
            if name != "Hồ sơ quá hạn theo đơn vị":   # the top 15 of two provinces is not the sum of two top 15s
                assert sum(totals) == sum(r[key] or 0 for r in both), (name, key)


def test_superset_reads_this_warehouse_as_bi_reader(api, pipeline_database_url):
    """Re-provisioning overwrites the connection: it points at the warehouse given to `up`, as bi_reader."""
    from urllib.parse import urlsplit

    [database] = api.get(f"{BASE}/api/v1/database/", timeout=60).json()["result"]
    detail = api.get(f"{BASE}/api/v1/database/{database['id']}/connection", timeout=60).json()["result"]
    uri, warehouse = urlsplit(detail["sqlalchemy_uri"]), urlsplit(pipeline_database_url)
    assert (uri.scheme, uri.username) == ("postgresql+psycopg2", "bi_reader")
    assert (uri.hostname, uri.port, uri.path) == (warehouse.hostname, warehouse.port, warehouse.path)


def test_on_time_rate_by_unit(api, dashboard, report, pipeline_database_url):
    rows = chart_data(api, dashboard, "Tỷ lệ giải quyết đúng hạn theo đơn vị")
    units = marts_by_unit(pipeline_database_url)
    assert len(rows) == len(units)
    assert sum(r["sum__resolved_total"] for r in rows) == report["dossiers"]["resolved_total"]
    assert sum(r["sum__resolved_on_time"] for r in rows) == report["dossiers"]["resolved_on_time"]
    expected = sorted((u["resolved_total"], u["resolved_on_time"]) for u in units.values())
    assert sorted((r["sum__resolved_total"], r["sum__resolved_on_time"]) for r in rows) == expected
    rates = [r["ty_le_dung_han"] for r in rows if r["ty_le_dung_han"] is not None]
    assert rates == sorted(rates), "the weakest units come first"
    for row in rows:
        if row["sum__resolved_total"]:
            assert row["ty_le_dung_han"] == pytest.approx(100 * row["sum__resolved_on_time"] / row["sum__resolved_total"])


def test_monthly_received_and_resolved(api, dashboard, report):
    rows = chart_data(api, dashboard, "Hồ sơ tiếp nhận và giải quyết theo tháng")
    assert len(rows) == 6
    assert sum(r["sum__received_new"] for r in rows) == report["dossiers"]["received_new"]
    assert sum(r["sum__resolved_total"] for r in rows) == report["dossiers"]["resolved_total"]


def test_late_and_overdue_by_unit(api, dashboard, report, pipeline_database_url):
    rows = chart_data(api, dashboard, "Hồ sơ quá hạn theo đơn vị")
    units = marts_by_unit(pipeline_database_url)
    late_units = [u for u in units.values() if u["resolved_late"] + u["pending_overdue"] > 0]
    assert rows and len(rows) == min(15, len(late_units))
    shown = sorted((r["sum__resolved_late"], r["sum__pending_overdue"]) for r in rows)
    assert all(pair in [(u["resolved_late"], u["pending_overdue"]) for u in late_units] for pair in shown)
    if len(late_units) <= 15:
        assert sum(r["sum__resolved_late"] for r in rows) == report["dossiers"]["resolved_late"]
        assert sum(r["sum__pending_overdue"] for r in rows) == report["dossiers"]["pending_overdue"]


def test_online_share_by_level(api, dashboard, report):
    rows = chart_data(api, dashboard, "Tỷ lệ tiếp nhận trực tuyến theo cấp")
    labels = {"Cấp tỉnh": "TINH", "Cấp huyện": "HUYEN", "Cấp xã": "XA"}
    assert sorted(r["cap_label"] for r in rows) == sorted(labels)
    for row in rows:
        level = report["dossiers"]["by_level"][labels[row["cap_label"]]]
        assert row["ty_le_truc_tuyen"] == pytest.approx(100 * level["received_online"] / level["received_new"])


def test_par_index_bands(api, dashboard, report):
    rows = chart_data(api, dashboard, "Xếp loại Chỉ số CCHC (năm đánh giá mới nhất)", period_label=None)
    table = report["par_index"]["table"]
    counts = {BAND_LABELS[r["band_label"]]: r["count"] for r in rows}
    assert counts == {band: table[band]["TOTAL"] for band in BAND_LABELS.values() if table[band]["TOTAL"]}
    assert sum(counts.values()) == report["par_index"]["ranked"]


def test_dashboard_renders_in_headless_chromium(superset, dashboard, pipeline_database_url):
    """Chromium (Debian package) logs in through the real form and must see all five charts drawn, on the
    first province only: the filter shows it and the on-time table has exactly its units."""
    from bi.superset_ctl import DASHBOARD_SLUG
    from include.config import get_settings

    shot = PROJECT_ROOT / "reports" / "test-bi" / "dashboard.png"
    proc = subprocess.run([
        str(PROJECT_ROOT / ".venv-bi" / "bin" / "python"), str(PROJECT_ROOT / "bi" / "dashboard_screenshot.py"),
        "--base-url", BASE, "--dashboard", DASHBOARD_SLUG, "--user", "admin",
        "--password-file", str(get_settings().cchc_data_dir / "secrets" / "superset_admin_password"),
        "--out", str(shot), "--expected-charts", str(len(dashboard["charts"]))],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    state = json.loads(proc.stdout.strip().splitlines()[-1])
    assert state["errors"] == [], state
    assert state["holders"] == state["drawn"] == len(dashboard["charts"]), state
    assert state["title"] == "Cải cách hành chính — hồ sơ TTHC"
    assert PROVINCE_LABELS[PROVINCE] in state["filter_bar_text"], state
    announced = [int(re.match(r"\s*(\d+)", text).group(1)) for text in state["table_records"]]
    assert announced == [len(marts_by_unit(pipeline_database_url, PROVINCE))], state
    assert shot.stat().st_size > 50_000, "a blank page is a few kB"


def test_benchmark_sql_returns_what_superset_returns(api, dashboard, pipeline_database_url):
    """bi/chart_sql.py (what `make bench` times as bi_reader) asks the same question as each chart."""
    import psycopg2

    from bi.chart_sql import chart_queries
    from include.warehouse import bi_reader_url

    queries = chart_queries()
    assert sorted(q.slice_name for q in queries) == sorted(dashboard["charts"])
    conn = psycopg2.connect(bi_reader_url(pipeline_database_url))
    try:
        for query, ma_tinh in ((q, m) for q in queries for m in (PROVINCE, SECOND_PROVINCE)):
            assert query.filtered_by_province, query.slice_name
            with conn.cursor() as cur:
                cur.execute(query.sql, {"period_label": PERIOD_LABEL, "tinh": PROVINCE_LABELS[ma_tinh]})
                names = [d[0] for d in cur.description]
                from_sql = [dict(zip(names, row)) for row in cur.fetchall()]
            from_api = chart_data(api, dashboard, query.slice_name, PERIOD_LABEL if query.filtered_by_period else None,
                                  ma_tinh=ma_tinh)
            metrics = [n for n in names if n.startswith(("sum__", "ty_le", "count"))]

            def values(rows):
                return sorted(tuple(round(float(r[m]), 6) if r[m] is not None else None for m in metrics)
                              for r in rows)
            assert values(from_sql) == values(from_api), (query.slice_name, ma_tinh)
    finally:
        conn.close()

"""The dashboard, for real: Superset 6.1 (own venv) on 127.0.0.1, provisioned by bi.superset_ctl from
bi/superset/bundle against a warehouse built by the real pipeline, read as bi_reader.

Each chart's data is fetched through Superset's chart-data API (with the dashboard's period filter,
2020-H1) and compared with report.json rendered from the same warehouse and with the marts; then
headless Chromium logs in, opens the dashboard and must find every chart drawn and no error.
Run by `make test-bi` (which installs .venv-bi and Chromium); deselected by a plain `make test` (marker bi).
"""
from __future__ import annotations

import json
import os
import subprocess

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
BAND_LABELS = {"Rất tốt": "RAT_TOT", "Tốt": "TOT", "Khá": "KHA", "Trung bình": "TRUNG_BINH", "Kém": "KEM"}


@pytest.fixture(scope="module")
def report(pipeline_database_url) -> dict:
    from include.config import get_settings
    from include.report import render_report

    paths = render_report(pipeline_database_url, PERIOD, cutoff="nd09",
                          output_dir=get_settings().cchc_report_root / "test-superset")
    return json.loads(paths["json"].read_text(encoding="utf-8"))


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


def chart_data(api, dashboard: dict, name: str, period_label: str | None = PERIOD_LABEL) -> list[dict]:
    """The chart's own query (dataset, metrics, grouping, filters, order, limit) through POST /api/v1/chart/data,
    with the dashboard's period filter applied as the native filter does."""
    chart = api.get(f"{BASE}/api/v1/chart/{dashboard['charts'][name]['id']}", timeout=60).json()["result"]
    params = json.loads(chart["params"])
    columns = ([params["x_axis"]] if params.get("x_axis") else []) + list(params.get("groupby") or [])
    metrics = params.get("metrics") or [params["metric"]]
    where = [f"({f['sqlExpression']})" for f in params.get("adhoc_filters", []) if f["expressionType"] == "SQL"]
    filters = [{"col": "period_label", "op": "IN", "val": [period_label]}] if period_label else []
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


def marts_by_unit(url: str) -> dict[str, dict]:
    """Per receiving unit from marts.agg_dossier_bieu06 (owner's view, not the BI tables)."""
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("""select ma_don_vi, sum(resolved_total), sum(resolved_on_time), sum(resolved_late),
                                  sum(pending_overdue)
                           from marts.agg_dossier_bieu06 where period_code = %s and cutoff = 'nd09'
                           group by ma_don_vi""", (PERIOD,))
            return {unit: {"resolved_total": a, "resolved_on_time": b, "resolved_late": c, "pending_overdue": d}
                    for unit, a, b, c, d in cur.fetchall()}
    finally:
        conn.close()


def test_dashboard_is_the_one_kept_in_the_repository(dashboard):
    assert dashboard["title"] == "Cải cách hành chính — hồ sơ TTHC"
    assert len(dashboard["charts"]) == 5
    [period_filter] = dashboard["metadata"]["native_filter_configuration"]
    assert period_filter["name"] == "Kỳ báo cáo"
    assert period_filter["targets"][0]["column"]["name"] == "period_label"


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


def test_dashboard_renders_in_headless_chromium(superset, dashboard):
    """Chromium (Debian package) logs in through the real form and must see all five charts drawn."""
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
        for query in queries:
            with conn.cursor() as cur:
                cur.execute(query.sql, {"period_label": PERIOD_LABEL})
                names = [d[0] for d in cur.description]
                from_sql = [dict(zip(names, row)) for row in cur.fetchall()]
            from_api = chart_data(api, dashboard, query.slice_name, PERIOD_LABEL if query.filtered_by_period else None)
            metrics = [n for n in names if n.startswith(("sum__", "ty_le", "count"))]

            def values(rows):
                return sorted(tuple(round(float(r[m]), 6) if r[m] is not None else None for m in metrics)
                              for r in rows)
            assert values(from_sql) == values(from_api), query.slice_name
    finally:
        conn.close()

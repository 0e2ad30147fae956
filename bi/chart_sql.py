"""The SQL each chart of the dashboard bundle sends to the warehouse, written out from the bundle's YAML.

Superset turns a chart's params (dataset, x-axis, groupby, saved metrics, filters, sort, row limit)
plus the dashboard's province and period filters into one aggregate SELECT on the dataset's table; this module
builds the same SELECT, so the benchmark (`make bench`, stage bi) can time every chart as bi_reader
without running Superset. tests/bi/test_superset.py checks that these queries return exactly what
Superset's chart-data API returns.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

BUNDLE_DIR = Path(__file__).resolve().parent / "superset" / "bundle"
PERIOD_FILTER_COLUMN = "period_label"
PROVINCE_FILTER_COLUMN = "tinh"     # a calculated column of every dataset: "94 – Sóc Trăng"
TIME_GRAINS = {"P1D": "day", "P1W": "week", "P1M": "month", "P3M": "quarter", "P1Y": "year"}


@dataclass(frozen=True)
class ChartQuery:
    slice_name: str
    table: str
    sql: str           # %(tinh)s / %(period_label)s placeholders where the province / period filter applies
    filtered_by_period: bool
    filtered_by_province: bool


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _load(kind: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((BUNDLE_DIR / kind).rglob("*.yaml"))]


def filter_exclusions(column: str) -> set[str]:
    """UUIDs of the charts outside the scope of the dashboard's native filter on `column`."""
    [dashboard] = _load("dashboards")
    positions = {v["meta"]["chartId"]: v["meta"]["uuid"] for v in dashboard["position"].values()
                 if isinstance(v, dict) and v.get("type") == "CHART"}
    excluded: set[str] = set()
    for native in dashboard["metadata"]["native_filter_configuration"]:
        if native["targets"][0]["column"]["name"] == column:
            excluded |= {positions[i] for i in native["scope"]["excluded"]}
    return excluded


def _column_sql(dataset: dict, name: str) -> str:
    """A dataset column as Superset writes it: its expression for a calculated column, else the quoted name."""
    [column] = [c for c in dataset["columns"] if c["column_name"] == name]
    return f"({column['expression']})" if column.get("expression") else _quote(name)


def default_province_sql() -> str:
    """The value the province filter starts with ("Select first filter value by default", ascending):
    the smallest value of its column in its target dataset."""
    [dashboard] = _load("dashboards")
    datasets = {d["uuid"]: d for d in _load("datasets")}
    [target] = [f["targets"][0] for f in dashboard["metadata"]["native_filter_configuration"]
                if f["targets"][0]["column"]["name"] == PROVINCE_FILTER_COLUMN]
    dataset = datasets[target["datasetUuid"]]
    return (f"select min({_column_sql(dataset, PROVINCE_FILTER_COLUMN)}) "
            f"from {_quote(dataset['schema'])}.{_quote(dataset['table_name'])}")


def chart_queries() -> list[ChartQuery]:
    datasets = {d["uuid"]: d for d in _load("datasets")}
    outside_period, outside_province = filter_exclusions(PERIOD_FILTER_COLUMN), filter_exclusions(PROVINCE_FILTER_COLUMN)
    queries = []
    for chart in _load("charts"):
        dataset = datasets[chart["dataset_uuid"]]
        params = chart["params"]
        metric_sql = {m["metric_name"]: m["expression"] for m in dataset["metrics"]}
        dttm = {c["column_name"] for c in dataset["columns"] if c["is_dttm"]}
        columns = ([params["x_axis"]] if params.get("x_axis") else []) + list(params.get("groupby") or [])
        grain = TIME_GRAINS.get(params.get("time_grain_sqla", ""))
        selected = [f"date_trunc('{grain}', {_quote(c)})::date as {_quote(c)}" if c in dttm and grain
                    else _quote(c) for c in columns]
        metrics = params.get("metrics") or [params["metric"]]
        selected += [f"{metric_sql[m]} as {_quote(m)}" for m in metrics]
        where = [f"({f['sqlExpression']})" for f in params.get("adhoc_filters", []) if f["expressionType"] == "SQL"]
        by_province, by_period = chart["uuid"] not in outside_province, chart["uuid"] not in outside_period
        if by_province:
            where.append(f"{_column_sql(dataset, PROVINCE_FILTER_COLUMN)} = %(tinh)s")
        if by_period:
            where.append(f"{_quote(PERIOD_FILTER_COLUMN)} = %(period_label)s")
        sort_metric = params.get("timeseries_limit_metric") or (
            params.get("x_axis_sort") if params.get("x_axis_sort") in metrics else None)
        if params.get("timeseries_limit_metric"):
            ascending = not params.get("order_desc", True)
        else:
            ascending = params.get("x_axis_sort_asc", False)
        order = f"order by {metric_sql[sort_metric]} {'asc' if ascending else 'desc'}" if sort_metric else ""
        sql = (f"select {', '.join(selected)} from {_quote(dataset['schema'])}.{_quote(dataset['table_name'])}"
               + (f" where {' and '.join(where)}" if where else "")
               + (f" group by {', '.join(str(i + 1) for i in range(len(columns)))}" if columns else "")
               + (f" {order}" if order else "")
               + f" limit {int(params.get('row_limit') or 10000)}")
        queries.append(ChartQuery(chart["slice_name"], dataset["table_name"], sql, by_period, by_province))
    return queries

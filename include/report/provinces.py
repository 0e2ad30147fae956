"""The provinces of the warehouse, as the report sees them.

A warehouse holds one or several provinces (`marts.dim_province`). Every figure of a province's report is
read through `ProvinceMarts`, which adds `ma_tinh = <the report's province>` to every mart the report
reads that carries the province key. A mart without it is shared by every province (the period calendar)
or predates the province key; reading such a mart while the warehouse holds several provinces (other
than the known shared ones) is refused, because its figures would mix provinces.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from include.report.params import ALL_PROVINCES, ReportParamError

# Marts every province shares: one calendar of periods and days, whatever the province.
SHARED_MARTS = frozenset({"dim_period", "dim_date"})


def _json_number(value):
    """numeric → float (unrounded), date → ISO; ints stay ints."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def query(conn, sql: str, params: dict | tuple = ()) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        names = [column.name for column in cur.description]
        return [{name: _json_number(value) for name, value in zip(names, row)} for row in cur.fetchall()]


def province_keyed_marts(conn) -> frozenset[str]:
    """The marts (tables and views of schema marts) that carry a ma_tinh column."""
    return frozenset(row["table_name"] for row in query(conn, """
        select table_name from information_schema.columns
        where table_schema = 'marts' and column_name = 'ma_tinh'"""))


def warehouse_provinces(conn) -> list[dict]:
    """[{'ma_tinh', 'ten_tinh'}, …] of marts.dim_province, by code; [] before the first build."""
    exists = query(conn, "select to_regclass('marts.dim_province') is not null as built")[0]["built"]
    if not exists:
        return []
    return query(conn, "select ma_tinh, ten_tinh from marts.dim_province order by ma_tinh")


def _named(provinces: list[dict]) -> str:
    return ", ".join(f"{p['ma_tinh']} ({p['ten_tinh']})" for p in provinces)


def resolve_province(conn, requested: str | None) -> str:
    """The report's province: the code asked for, which must be in the warehouse; none asked for is the only
    province of a one-province warehouse and refused when it holds several; 'all' (the national ranking)
    needs marts.fct_province_period. Raises ReportParamError (Vietnamese in .vi) naming the known provinces."""
    provinces = warehouse_provinces(conn)
    if not provinces:
        raise ReportParamError("the warehouse holds no province yet (marts.dim_province is empty or not built)",
                               "Kho dữ liệu chưa có tỉnh nào (chưa nạp và xây dựng dữ liệu)")
    if requested == ALL_PROVINCES:
        built = query(conn, "select to_regclass('marts.fct_province_period') is not null as built")[0]["built"]
        if not built:
            raise ReportParamError("ma_tinh='all' needs the national mart marts.fct_province_period, which this "
                                   "warehouse does not have yet",
                                   "Kho dữ liệu chưa có bảng tổng hợp các tỉnh (marts.fct_province_period)")
        return ALL_PROVINCES
    codes = [p["ma_tinh"] for p in provinces]
    if requested is None:
        if len(provinces) == 1:
            return codes[0]
        raise ReportParamError(
            f"ma_tinh is required: the warehouse holds {len(provinces)} provinces ({_named(provinces)}); "
            f"give one of {', '.join(codes)}, or '{ALL_PROVINCES}' for the national ranking",
            f"Chưa chọn Tỉnh (bắt buộc khi kho có nhiều tỉnh): kho có {len(provinces)} tỉnh "
            f"({_named(provinces)}); nhập mã tỉnh hoặc '{ALL_PROVINCES}' để lập bảng tổng hợp các tỉnh")
    if requested not in codes:
        raise ReportParamError(
            f"ma_tinh={requested!r} is not a province of the warehouse (marts.dim_province holds "
            f"{_named(provinces)})",
            f"Tỉnh «{requested}» không có trong kho dữ liệu; kho có: {_named(provinces)}")
    return requested


class ProvinceMarts:
    """The marts of one province: `where(table, alias)` is the SQL condition restricting a mart to it."""

    def __init__(self, conn, ma_tinh: str):
        self.conn = conn
        self.ma_tinh = ma_tinh
        self.keyed = province_keyed_marts(conn)
        self.several = len(warehouse_provinces(conn)) > 1

    def where(self, table: str, alias: str | None = None) -> str:
        """'and <alias>.ma_tinh = %(ma_tinh)s' for a mart keyed by province; '' for a shared one."""
        if table in self.keyed:
            return f"and {alias + '.' if alias else ''}ma_tinh = %(ma_tinh)s"
        if self.several and table not in SHARED_MARTS:
            raise RuntimeError(f"marts.{table} has no ma_tinh column but the warehouse holds several provinces: "
                               f"a report of province {self.ma_tinh} read from it would mix provinces")
        return ""

    def query(self, sql: str, params: dict | None = None) -> list[dict]:
        return query(self.conn, sql, {**(params or {}), "ma_tinh": self.ma_tinh})

    def one(self, sql: str, params: dict | None = None) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

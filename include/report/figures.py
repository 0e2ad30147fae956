"""Every figure of the report, read from the marts (docs/design.md) with plain SQL.

Sums, filters and the few ratios the report states are computed in SQL; Python
only shapes the rows into the report.json layout of REPORT.md. A figure whose
source is missing for the period is None (null), a group with no members is 0.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from include.report.params import ReportParamError

LEVELS = ("TINH", "HUYEN", "XA")
DOSSIER_KEYS = (
    "carried_over", "received_new", "received_online", "received_direct_postal", "received_total",
    "resolved_total", "resolved_early", "resolved_on_due", "resolved_on_time", "resolved_late", "withdrawn",
    "pending_total", "pending_in_time", "pending_overdue", "pending_waiting",
)
BIEU06_KEYS = (
    "received_total", "received_online", "received_direct_postal", "carried_over",
    "resolved_total", "resolved_early", "resolved_on_due", "resolved_late",
    "pending_total", "pending_in_time", "pending_overdue",
)
CATALOGUE_KEYS = (
    "in_force_total", "online_level_2_or_more", "online_level_3", "online_level_4", "one_stop",
    "lien_thong_total",
)
PUBLICATION_KEYS = ("decisions_published", "procedures_published", "published_new", "published_amended",
                    "published_abolished")
STAFF_KEYS = ("commune_total", "commune_can_bo", "commune_can_bo_dat_chuan", "commune_cong_chuc",
              "commune_cong_chuc_dat_chuan")
QUOTA_BLOCKS = ("HCNN", "DVSN", "HOI")
QUOTA_KINDS = ("BIEN_CHE_CONG_CHUC", "SO_NGUOI_LAM_VIEC", "HOP_DONG_68")
EVENT_KINDS = ("BO_NHIEM_MOI", "BO_NHIEM_LAI", "KEO_DAI_CHUC_VU", "TUYEN_DUNG", "TINH_GIAN", "NGHI_HUU")
PAR_BANDS = ("RAT_TOT", "TOT", "KHA", "TRUNG_BINH", "KEM")
PAR_GROUPS = ("SO_NGANH", "UBND_HUYEN", "DVSN", "CQ_TRUNG_UONG")
LEAST_PUNCTUAL_UNITS = 10


def _json_number(value):
    """numeric → float (unrounded), date → ISO; ints stay ints."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def _query(conn, sql: str, params: dict | tuple = ()) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        names = [column.name for column in cur.description]
        return [{name: _json_number(value) for name, value in zip(names, row)} for row in cur.fetchall()]


def _one(conn, sql: str, params: dict | tuple = ()) -> dict | None:
    rows = _query(conn, sql, params)
    return rows[0] if rows else None


# --------------------------------------------------------------------------- sections
def _province(conn) -> dict:
    row = _one(conn, "select ma_tinh, ten_tinh from marts.dim_province order by ma_tinh limit 1")
    return row or {"ma_tinh": None, "ten_tinh": None}


def _period(conn, period_code: str, cutoff: str) -> dict:
    row = _one(conn, """
        select period_code as code, date_from as "from", date_to as "to", label_vi as label, period_kind as kind
        from marts.dim_period where period_code = %s and cutoff = %s""", (period_code, cutoff))
    if row is None:
        raise ReportParamError(f"period={period_code!r} (cutoff {cutoff}) has no data in the warehouse "
                               "(marts.dim_period)")
    row["cutoff"] = cutoff
    return row


def _dossier_sums(cap_filter: str) -> str:
    sums = ",\n".join(f"coalesce(sum({key}), 0)::bigint as {key}" for key in DOSSIER_KEYS)
    return f"""select {sums},
        round(sum(resolved_on_time) * 100.0 / nullif(sum(resolved_total), 0), 10) as on_time_rate
        from marts.agg_dossier_bieu06
        where period_code = %(period)s and cutoff = %(cutoff)s {cap_filter}"""


def _dossiers(conn, period_code: str, cutoff: str) -> dict:
    params = {"period": period_code, "cutoff": cutoff}
    totals = _one(conn, _dossier_sums(""), params)
    by_level = {}
    for level in LEVELS:
        row = _one(conn, _dossier_sums("and cap = %(cap)s"), {**params, "cap": level})
        row.pop("on_time_rate")
        by_level[level] = row
    return {**totals, "by_level": by_level}


def _procedures(conn, period_code: str, cutoff: str) -> dict:
    row = _one(conn, "select * from marts.fct_catalogue_period where period_code = %s and cutoff = %s",
               (period_code, cutoff)) or {}
    has_snapshot = row.get("snapshot_date") is not None

    def catalogue(key):
        return row.get(key) if has_snapshot else None

    return {
        "snapshot_date": row.get("snapshot_date"),
        "in_force_total": catalogue("in_force_total"),
        "in_force_by_level": {level: catalogue(f"in_force_{level.lower()}") for level in LEVELS},
        **{key: catalogue(key) for key in CATALOGUE_KEYS[1:5]},
        "lien_thong_total": catalogue("lien_thong_total"),
        "lien_thong": {kind: catalogue(f"lien_thong_{kind.lower()}") for kind in ("CUNG_CAP", "GIUA_CAC_CAP", "NHOM")},
        **{key: row.get(key) for key in PUBLICATION_KEYS},
    }


def _staff(conn, period_code: str, cutoff: str, year: int) -> dict:
    row = _one(conn, "select * from marts.fct_staff_period where period_code = %s and cutoff = %s",
               (period_code, cutoff)) or {}
    has_snapshot = row.get("snapshot_date") is not None
    staff = {"snapshot_date": row.get("snapshot_date")}
    for key in (*STAFF_KEYS, "commune_can_bo_rate", "commune_cong_chuc_rate"):
        staff[key] = row.get(key) if has_snapshot else None

    quota_rows = _query(conn, "select khoi, loai_chi_tieu, sum(so_luong)::bigint as so_luong "
                              "from marts.fct_staff_quota where nam = %s group by khoi, loai_chi_tieu", (year,))
    found = {(r["khoi"], r["loai_chi_tieu"]): r["so_luong"] for r in quota_rows}
    staff["quotas_year"] = year
    staff["quotas"] = {block: {kind: (found.get((block, kind), 0) if quota_rows else None) for kind in QUOTA_KINDS}
                       for block in QUOTA_BLOCKS}

    event_rows = _query(conn, "select loai, sum(event_count)::bigint as n from marts.fct_personnel_events_period "
                              "where period_code = %s and cutoff = %s group by loai", (period_code, cutoff))
    events = {r["loai"]: r["n"] for r in event_rows}
    staff["events"] = {kind: (events.get(kind, 0) if event_rows else None) for kind in EVENT_KINDS}
    return staff


def _public_units(conn) -> dict:
    rows = {r["cap"]: r for r in _query(conn, "select cap, total, tu_chu, rate from marts.fct_public_units")}
    result = {}
    for level in LEVELS:
        row = rows.get(level)
        if row is None and level == "XA":
            continue
        result[level] = ({"total": row["total"], "tu_chu": row["tu_chu"], "rate": row["rate"]} if row
                         else {"total": 0, "tu_chu": 0, "rate": None})
    return result


def _index_year(conn, table: str, to_year: int, requested: int | None) -> int | None:
    if requested is not None:
        return requested
    row = _one(conn, f"select max(nam) as nam from marts.{table} where nam < %s", (to_year,))
    return row["nam"] if row else None


def _par_index(conn, year: int | None, ma_tinh: str | None) -> dict:
    table = {band: {group: 0 for group in (*PAR_GROUPS, "TOTAL")} for band in (*PAR_BANDS, "TOTAL")}
    rows = _query(conn, """
        select coalesce(band, 'TOTAL') as band, coalesce(nhom, 'TOTAL') as nhom, count(*)::int as n
        from marts.fct_par_index_unit
        where nam = %s and xep_hang and band is not null
        group by cube (band, nhom)""", (year,))
    for row in rows:
        if row["band"] in table and row["nhom"] in table[row["band"]]:
            table[row["band"]][row["nhom"]] = row["n"]
    counts = _one(conn, """
        select count(*) filter (where xep_hang and band is not null)::int as ranked,
               count(*) filter (where not (xep_hang and band is not null))::int as unranked
        from marts.fct_par_index_unit where nam = %s""", (year,))
    unranked_names = [r["ten_don_vi"] for r in _query(conn, """
        select ten_don_vi from marts.fct_par_index_unit
        where nam = %s and not (xep_hang and band is not null) order by ma_don_vi""", (year,))]
    has_data = counts["ranked"] + counts["unranked"] > 0
    province = _one(conn, """
        select par_index, xep_hang, so_tinh, rank_change, sipas, sipas_change
        from marts.fct_provincial_ranking where nam = %s and ma_tinh = %s""", (year, ma_tinh))
    return {
        "year": year,
        "table": table if has_data else {band: {g: None for g in (*PAR_GROUPS, "TOTAL")} for band in table},
        "ranked": counts["ranked"] if has_data else None,
        "unranked": counts["unranked"] if has_data else None,
        "unranked_names": unranked_names,
        "province": province or {key: None for key in
                                 ("par_index", "xep_hang", "so_tinh", "rank_change", "sipas", "sipas_change")},
    }


def _sipas(conn, year: int | None) -> dict:
    row = _one(conn, "select units_surveyed, units_ge_80, units_100, answers, satisfied_answers, rate "
                     "from marts.fct_sipas_year where nam = %s", (year,))
    names = [r["ten_don_vi"] for r in _query(
        conn, "select ten_don_vi from marts.fct_sipas_unit where nam = %s and satisfaction = 100 "
              "order by ma_don_vi", (year,))]
    row = row or {}
    return {"year": year, "units_surveyed": row.get("units_surveyed"), "units_ge_80": row.get("units_ge_80"),
            "units_100": row.get("units_100"), "units_100_names": names, "rate": row.get("rate")}


# --------------------------------------------------------------------------- appendix and charts
def _bieu06(conn, period_code: str, cutoff: str) -> list[dict]:
    """Rows of Biểu 06: one per level (null = unit unknown) and one per level × field."""
    sums = ", ".join(f"coalesce(sum({key}), 0)::bigint as {key}" for key in BIEU06_KEYS)
    return _query(conn, f"""
        select cap, ma_linh_vuc, max(ten_linh_vuc) as ten_linh_vuc,
               grouping(ma_linh_vuc) = 1 as is_level_total, {sums}
        from marts.agg_dossier_bieu06
        where period_code = %s and cutoff = %s
        group by grouping sets ((cap), (cap, ma_linh_vuc))
        order by array_position(array['TINH','HUYEN','XA'], cap) nulls last,
                 grouping(ma_linh_vuc) desc, ma_linh_vuc nulls last""", (period_code, cutoff))


def _monthly(conn, cutoff: str, date_from: str, date_to: str) -> list[dict]:
    return _query(conn, """
        select p.period_code, p.date_from, p.date_to,
               coalesce(sum(a.received_new), 0)::bigint as received_new,
               coalesce(sum(a.resolved_total), 0)::bigint as resolved_total
        from marts.dim_period p
        left join marts.agg_dossier_bieu06 a on a.period_code = p.period_code and a.cutoff = p.cutoff
        where p.period_kind = 'MONTH' and p.cutoff = %s and p.date_from >= %s and p.date_to <= %s
        group by p.period_code, p.date_from, p.date_to
        order by p.date_from""", (cutoff, date_from, date_to))


def _least_punctual(conn, period_code: str, cutoff: str) -> list[dict]:
    return _query(conn, """
        select ma_don_vi, max(ten_don_vi) as ten_don_vi,
               sum(resolved_total)::bigint as resolved_total, sum(resolved_on_time)::bigint as resolved_on_time,
               round(sum(resolved_on_time) * 100.0 / sum(resolved_total), 10) as on_time_rate
        from marts.agg_dossier_bieu06
        where period_code = %s and cutoff = %s and ma_don_vi is not null
        group by ma_don_vi
        having sum(resolved_total) > 0
        order by on_time_rate, resolved_total desc, ma_don_vi
        limit %s""", (period_code, cutoff, LEAST_PUNCTUAL_UNITS))


def _par_distribution(conn, year: int | None) -> list[dict]:
    return _query(conn, """
        select ma_don_vi, ten_don_vi, nhom, par_index, band from marts.fct_par_index_unit
        where nam = %s and xep_hang and par_index is not null order by par_index desc""", (year,))


# --------------------------------------------------------------------------- public
def collect_figures(conn, period_code: str, cutoff: str, index_year: int | None = None) -> dict:
    """The report.json content for one period (REPORT.md keys, plus the appendix's rows)."""
    province = _province(conn)
    period = _period(conn, period_code, cutoff)
    to_year = dt.date.fromisoformat(period["to"]).year
    par_year = _index_year(conn, "fct_par_index_unit", to_year, index_year)
    sipas_year = _index_year(conn, "fct_sipas_year", to_year, index_year)
    return {
        "province": province,
        "period": period,
        "dossiers": _dossiers(conn, period_code, cutoff),
        "procedures": _procedures(conn, period_code, cutoff),
        "staff": _staff(conn, period_code, cutoff, int(period_code[:4])),
        "public_units": _public_units(conn),
        "par_index": _par_index(conn, par_year, province["ma_tinh"]),
        "sipas": _sipas(conn, sipas_year),
        "appendix": {
            "bieu06": _bieu06(conn, period_code, cutoff),
            "monthly": _monthly(conn, cutoff, period["from"], period["to"]),
            "least_punctual_units": _least_punctual(conn, period_code, cutoff),
            "par_distribution": _par_distribution(conn, par_year),
        },
    }

"""Every figure of the report, read from the marts (docs/design.md) with plain SQL.

Sums, filters and the few ratios the report states are computed in SQL; Python
only shapes the rows into the report.json layout of REPORT.md. A figure whose
source is missing for the period is None (null), a group with no members is 0.
Every read goes through ProvinceMarts: each mart keyed by province is filtered on
the report's ma_tinh (`db.where(table, alias)`), so a report never mixes provinces.
"""
from __future__ import annotations

import datetime as dt

from include.config import LOCAL_TIME_ZONE, dbt_project_vars
from include.report.params import ReportParamError
from include.report.periods import comparison_period_codes
from include.report.provinces import ProvinceMarts, resolve_province

LEVELS = ("TINH", "HUYEN", "XA")
DOSSIER_KEYS = tuple(dbt_project_vars()["bieu06_figures"])   # the 15 columns of agg_dossier_bieu06
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
COMPARISON_KEYS = (*DOSSIER_KEYS, "on_time_rate", "online_rate")


def _scope_units(db: ProvinceMarts) -> str:
    """The receiving units of one unit's scope (COUNTING_RULES 'Unit scope'): the unit and every unit of the
    province whose chain of ma_don_vi_cha leads to it. Used as `ma_don_vi in (…)` with the parameter %(unit)s."""
    return f"""
    with recursive scope_units as (
        select ma_don_vi from marts.dim_agency where ma_don_vi = %(unit)s {db.where("dim_agency")}
        union
        select child.ma_don_vi from marts.dim_agency as child
        join scope_units as parent on child.ma_don_vi_cha = parent.ma_don_vi
        where true {db.where("dim_agency", "child")}
    )
    select ma_don_vi from scope_units"""


# --------------------------------------------------------------------------- sections
def _province(db: ProvinceMarts) -> dict:
    row = db.one("select ma_tinh, ten_tinh from marts.dim_province where ma_tinh = %(ma_tinh)s")
    return row or {"ma_tinh": None, "ten_tinh": None}


def _period(db: ProvinceMarts, period_code: str, cutoff: str) -> dict:
    row = db.one(f"""
        select period_code as code, date_from as "from", date_to as "to", label_vi as label, period_kind as kind
        from marts.dim_period where period_code = %(period)s and cutoff = %(cutoff)s {db.where("dim_period")}""",
                 {"period": period_code, "cutoff": cutoff})
    if row is None:
        raise ReportParamError(f"period={period_code!r} (cutoff {cutoff}) has no data in the warehouse "
                               "(marts.dim_period)")
    row["cutoff"] = cutoff
    return row


def _scope_filter(db: ProvinceMarts, unit: str | None, column: str = "ma_don_vi") -> str:
    """SQL restricting agg_dossier_bieu06 to the receiving units of the scope (nothing for the province)."""
    return "" if unit is None else f"and {column} in ({_scope_units(db)})"


def _dossier_sums(db: ProvinceMarts, filters: str) -> str:
    sums = ",\n".join(f"coalesce(sum({key}), 0)::bigint as {key}" for key in DOSSIER_KEYS)
    return f"""select {sums},
        round(sum(resolved_on_time) * 100.0 / nullif(sum(resolved_total), 0), 10) as on_time_rate,
        round(sum(received_online) * 100.0 / nullif(sum(received_new), 0), 10) as online_rate
        from marts.agg_dossier_bieu06
        where period_code = %(period)s and cutoff = %(cutoff)s {db.where("agg_dossier_bieu06")} {filters}"""


def _dossiers(db: ProvinceMarts, period_code: str, cutoff: str, unit: str | None = None) -> dict:
    """The dossier figures of one period in one scope: the report's own period and its comparisons alike."""
    params = {"period": period_code, "cutoff": cutoff, "unit": unit}
    totals = db.one(_dossier_sums(db, _scope_filter(db, unit)), params)
    by_level = {}
    for level in LEVELS:
        row = db.one(_dossier_sums(db, f"and cap = %(cap)s {_scope_filter(db, unit)}"), {**params, "cap": level})
        row.pop("on_time_rate")
        by_level[level] = row
    return {**totals, "by_level": by_level}


def _earliest_log_date(db: ProvinceMarts) -> str | None:
    row = db.one(f"select (min(thoi_diem_xu_ly) at time zone %(tz)s)::date as first_day "
                 f"from marts.fct_dossier_status_log where true {db.where('fct_dossier_status_log')}",
                 {"tz": LOCAL_TIME_ZONE})
    return row["first_day"] if row else None


def _comparison(db: ProvinceMarts, period_code: str, cutoff: str, unit: str | None) -> dict:
    """previous / year_ago (COUNTING_RULES 'Comparisons'): the same figures of an earlier period, computed by
    _dossiers exactly as the report's own; null when the data does not cover that period."""
    first_day = _earliest_log_date(db)
    comparison = {}
    for name, code in comparison_period_codes(period_code).items():
        period = db.one(f"""select period_code as code, date_from as "from", date_to as "to"
                            from marts.dim_period where period_code = %(period)s and cutoff = %(cutoff)s
                            {db.where("dim_period")}""", {"period": code, "cutoff": cutoff})
        if period is None or first_day is None or first_day > period["from"]:
            comparison[name] = None
            continue
        figures = _dossiers(db, code, cutoff, unit)
        comparison[name] = {"period": period, "dossiers": {key: figures[key] for key in COMPARISON_KEYS}}
    return comparison


def _late_units(db: ProvinceMarts, period_code: str, cutoff: str, unit: str | None) -> list[dict]:
    """Receiving units holding late or overdue dossiers, most first (COUNTING_RULES 'Units behind …')."""
    return db.query(f"""
        select f.ma_don_vi, a.ten_don_vi, a.cap,
               sum(f.resolved_late)::bigint as resolved_late, sum(f.pending_overdue)::bigint as pending_overdue,
               sum(f.resolved_total)::bigint as resolved_total
        from marts.agg_dossier_bieu06 as f
        left join marts.dim_agency as a on a.ma_don_vi = f.ma_don_vi {db.where("dim_agency", "a")}
        where f.period_code = %(period)s and f.cutoff = %(cutoff)s {db.where("agg_dossier_bieu06", "f")}
              {_scope_filter(db, unit, "f.ma_don_vi")}
        group by f.ma_don_vi, a.ten_don_vi, a.cap
        having sum(f.resolved_late + f.pending_overdue) > 0
        order by sum(f.resolved_late + f.pending_overdue) desc, f.ma_don_vi""",
                  {"period": period_code, "cutoff": cutoff, "unit": unit})


def _scope(db: ProvinceMarts, unit: str | None) -> dict:
    if unit is None:
        return {"kind": "PROVINCE", "ma_don_vi": None, "ten_don_vi": None}
    row = db.one(f"select ma_don_vi, ten_don_vi, cap, loai from marts.dim_agency where ma_don_vi = %(unit)s "
                 f"{db.where('dim_agency')}", {"unit": unit})
    if row is None:
        raise ReportParamError(f"ma_don_vi={unit!r} is not a unit of agencies.csv (marts.dim_agency)")
    return {"kind": "UNIT", "ma_don_vi": row["ma_don_vi"], "ten_don_vi": row["ten_don_vi"],
            "cap": row["cap"], "loai": row["loai"]}


def _procedures(db: ProvinceMarts, period_code: str, cutoff: str) -> dict:
    row = db.one(f"select * from marts.fct_catalogue_period where period_code = %(period)s and cutoff = %(cutoff)s "
                 f"{db.where('fct_catalogue_period')}", {"period": period_code, "cutoff": cutoff}) or {}
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


def _staff(db: ProvinceMarts, period_code: str, cutoff: str, year: int, to: str) -> dict:
    row = db.one(f"select * from marts.fct_staff_period where period_code = %(period)s and cutoff = %(cutoff)s "
                 f"{db.where('fct_staff_period')}", {"period": period_code, "cutoff": cutoff}) or {}
    has_snapshot = row.get("snapshot_date") is not None
    staff = {"snapshot_date": row.get("snapshot_date")}
    for key in (*STAFF_KEYS, "commune_can_bo_rate", "commune_cong_chuc_rate"):
        staff[key] = row.get(key) if has_snapshot else None

    quota_rows = db.query(f"select khoi, loai_chi_tieu, sum(so_luong)::bigint as so_luong "
                          f"from marts.fct_staff_quota where nam = %(year)s {db.where('fct_staff_quota')} "
                          f"group by khoi, loai_chi_tieu", {"year": year})
    found = {(r["khoi"], r["loai_chi_tieu"]): r["so_luong"] for r in quota_rows}
    staff["quotas_year"] = year
    staff["quotas"] = {block: {kind: (found.get((block, kind), 0) if quota_rows else None) for kind in QUOTA_KINDS}
                       for block in QUOTA_BLOCKS}

    event_rows = db.query(f"select loai, sum(event_count)::bigint as n from marts.fct_personnel_events_period "
                          f"where period_code = %(period)s and cutoff = %(cutoff)s "
                          f"{db.where('fct_personnel_events_period')} group by loai",
                          {"period": period_code, "cutoff": cutoff})
    events = {r["loai"]: r["n"] for r in event_rows}
    # A kind the personnel system had not recorded even once by the end of the period is not tracked
    # there: its count is unknown (null, "chưa có số liệu"), never 0. A tracked kind with no event in the
    # period is 0 (the source says: none).
    recorded = {r["loai"] for r in db.query(f"""
        select distinct f.loai from marts.fct_personnel_events_period as f
        join marts.dim_period as p on p.period_code = f.period_code and p.cutoff = f.cutoff {db.where("dim_period", "p")}
        where f.cutoff = %(cutoff)s and p.period_kind = 'MONTH' and p.date_from <= %(to)s
          and f.event_count > 0 {db.where("fct_personnel_events_period", "f")}""", {"cutoff": cutoff, "to": to})}
    staff["events"] = {kind: (events.get(kind, 0) if kind in recorded else None) for kind in EVENT_KINDS}
    return staff


def _public_units(db: ProvinceMarts) -> dict:
    rows = {r["cap"]: r for r in db.query(f"select cap, total, tu_chu, rate from marts.fct_public_units "
                                          f"where true {db.where('fct_public_units')}")}
    result = {}
    for level in LEVELS:
        row = rows.get(level)
        if row is None and level == "XA":
            continue
        result[level] = ({"total": row["total"], "tu_chu": row["tu_chu"], "rate": row["rate"]} if row
                         else {"total": 0, "tu_chu": 0, "rate": None})
    return result


def _index_year(db: ProvinceMarts, table: str, to_year: int, requested: int | None) -> int | None:
    if requested is not None:
        return requested
    row = db.one(f"select max(nam) as nam from marts.{table} where nam < %(to_year)s {db.where(table)}",
                 {"to_year": to_year})
    return row["nam"] if row else None


def _par_index(db: ProvinceMarts, year: int | None) -> dict:
    table = {band: {group: 0 for group in (*PAR_GROUPS, "TOTAL")} for band in (*PAR_BANDS, "TOTAL")}
    unit_filter = db.where("fct_par_index_unit")
    rows = db.query(f"""
        select coalesce(band, 'TOTAL') as band, coalesce(nhom, 'TOTAL') as nhom, count(*)::int as n
        from marts.fct_par_index_unit
        where nam = %(year)s and xep_hang and band is not null {unit_filter}
        group by cube (band, nhom)""", {"year": year})
    for row in rows:
        if row["band"] in table and row["nhom"] in table[row["band"]]:
            table[row["band"]][row["nhom"]] = row["n"]
    counts = db.one(f"""
        select count(*) filter (where xep_hang and band is not null)::int as ranked,
               count(*) filter (where not (xep_hang and band is not null))::int as unranked
        from marts.fct_par_index_unit where nam = %(year)s {unit_filter}""", {"year": year})
    unranked_names = [r["ten_don_vi"] for r in db.query(f"""
        select ten_don_vi from marts.fct_par_index_unit
        where nam = %(year)s and not (xep_hang and band is not null) {unit_filter} order by ma_don_vi""",
                                                        {"year": year})]
    has_data = counts["ranked"] + counts["unranked"] > 0
    # Published national data: its ma_tinh is the ranked province, here the report's.
    province = db.one("""
        select par_index, xep_hang, so_tinh, rank_change, sipas, sipas_change
        from marts.fct_provincial_ranking where nam = %(year)s and ma_tinh = %(ma_tinh)s""", {"year": year})
    return {
        "year": year,
        "table": table if has_data else {band: {g: None for g in (*PAR_GROUPS, "TOTAL")} for band in table},
        "ranked": counts["ranked"] if has_data else None,
        "unranked": counts["unranked"] if has_data else None,
        "unranked_names": unranked_names,
        "province": province or {key: None for key in
                                 ("par_index", "xep_hang", "so_tinh", "rank_change", "sipas", "sipas_change")},
    }


def _sipas(db: ProvinceMarts, year: int | None) -> dict:
    row = db.one(f"select units_surveyed, units_ge_80, units_100, answers, satisfied_answers, rate "
                 f"from marts.fct_sipas_year where nam = %(year)s {db.where('fct_sipas_year')}", {"year": year})
    names = [r["ten_don_vi"] for r in db.query(
        f"select ten_don_vi from marts.fct_sipas_unit where nam = %(year)s and satisfaction = 100 "
        f"{db.where('fct_sipas_unit')} order by ma_don_vi", {"year": year})]
    row = row or {}
    return {"year": year, "units_surveyed": row.get("units_surveyed"), "units_ge_80": row.get("units_ge_80"),
            "units_100": row.get("units_100"), "units_100_names": names, "rate": row.get("rate")}


def _delivered(db: ProvinceMarts, source_kind: str, year: int | None = None) -> bool:
    """Whether a register file of that kind (and file-name year) is loaded: an absent register is null."""
    year_filter = "and file_year = %(year)s" if year is not None else ""
    row = db.one(f"select count(*)::int as n from marts.fct_register_delivery "
                 f"where source_kind = %(kind)s {year_filter} {db.where('fct_register_delivery')}",
                 {"kind": source_kind, "year": year})
    return row["n"] > 0


def _registers(db: ProvinceMarts, period_code: str, cutoff: str, to_year: int) -> tuple[dict, dict]:
    """REPORT.md v2 `registers` (each null when its source file is absent from the landing zone), and the
    details the document words them with (subjects, plans by kind of unit, inspected units' months)."""
    params = {"period": period_code, "cutoff": cutoff}
    has_documents = _delivered(db, "documents")
    has_reviews = _delivered(db, "legal_reviews")
    registers: dict = {"plans": None, "documents": None, "legal_documents": None, "feedback": None,
                       "inspections": None}
    details: dict = {"plans_by_loai": None, "document_subjects": {}, "inspection_units": None}
    if has_documents:
        plan_filter = db.where("fct_unit_plan_period")
        registers["plans"] = db.one(f"""
            select count(*)::int as units_required, count(*) filter (where has_plan)::int as units_with_plan
            from marts.fct_unit_plan_period where period_code = %(period)s and cutoff = %(cutoff)s {plan_filter}""",
                                    params)
        details["plans_by_loai"] = {r["loai"]: {"units_required": r["units_required"],
                                                  "units_with_plan": r["units_with_plan"]} for r in db.query(f"""
            select loai, count(*)::int as units_required, count(*) filter (where has_plan)::int as units_with_plan
            from marts.fct_unit_plan_period where period_code = %(period)s and cutoff = %(cutoff)s {plan_filter}
            group by loai order by loai""", params)}
        documents = db.query(f"""
            select so_ky_hieu, ngay_ban_hanh, loai, linh_vuc_cchc, trich_yeu
            from marts.fct_province_document_period where period_code = %(period)s and cutoff = %(cutoff)s
                 {db.where("fct_province_document_period")}
            order by ngay_ban_hanh, so_ky_hieu""", params)
        details["document_subjects"] = {f"{d['so_ky_hieu']}|{d['ngay_ban_hanh']}": d.pop("trich_yeu")
                                        for d in documents}
        registers["documents"] = documents
    if has_documents or has_reviews:
        row = db.one(f"select * from marts.fct_legal_document_period where period_code = %(period)s "
                     f"and cutoff = %(cutoff)s {db.where('fct_legal_document_period')}", params) or {}
        issued = ("issued_total", "issued_nghi_quyet", "issued_quyet_dinh")
        reviewed = ("reviewed", "recommended_for_handling")
        registers["legal_documents"] = {
            **{key: (row.get(key, 0) if has_documents else None) for key in issued},
            **{key: (row.get(key, 0) if has_reviews else None) for key in reviewed},
        }
    if _delivered(db, "feedback"):
        row = db.one(f"select received, answered, published from marts.fct_feedback_period "
                     f"where period_code = %(period)s and cutoff = %(cutoff)s {db.where('fct_feedback_period')}",
                     params)
        registers["feedback"] = row or {"received": 0, "answered": 0, "published": 0}
    if _delivered(db, "inspection_plan", to_year):
        units = db.query(f"""
            select ma_don_vi, coalesce(ten_don_vi, ma_don_vi) as ten_don_vi, loai, thang_du_kien, so_ke_hoach
            from marts.fct_inspection_plan where nam = %(year)s {db.where("fct_inspection_plan")}
            order by array_position(array['SO_NGANH', 'UBND_HUYEN'], loai) nulls last, ma_don_vi""",
                         {"year": to_year})
        by_loai: dict[str, int] = {}
        for unit in units:
            if unit["loai"] is not None:   # a unit missing from agencies.csv counts, under no kind
                by_loai[unit["loai"]] = by_loai.get(unit["loai"], 0) + 1
        registers["inspections"] = {"units_planned": len(units), "by_loai": by_loai,
                                    "names": [unit["ten_don_vi"] for unit in units]}
        details["inspection_units"] = units
    return registers, details


# --------------------------------------------------------------------------- appendix and charts
def _bieu06(db: ProvinceMarts, period_code: str, cutoff: str, unit: str | None) -> list[dict]:
    """Rows of Biểu 06: one per level (null = unit unknown) and one per level × field.
    A level-total row has no field (ma_linh_vuc and ten_linh_vuc null)."""
    sums = ", ".join(f"coalesce(sum({key}), 0)::bigint as {key}" for key in BIEU06_KEYS)
    return db.query(f"""
        select cap, ma_linh_vuc,
               case when grouping(ma_linh_vuc) = 0 then max(ten_linh_vuc) end as ten_linh_vuc,
               grouping(ma_linh_vuc) = 1 as is_level_total, {sums}
        from marts.agg_dossier_bieu06
        where period_code = %(period)s and cutoff = %(cutoff)s {db.where("agg_dossier_bieu06")}
              {_scope_filter(db, unit)}
        group by grouping sets ((cap), (cap, ma_linh_vuc))
        order by array_position(array['TINH','HUYEN','XA'], cap) nulls last,
                 grouping(ma_linh_vuc) desc, ma_linh_vuc nulls last""",
                  {"period": period_code, "cutoff": cutoff, "unit": unit})


def _bieu06_by_unit(db: ProvinceMarts, period_code: str, cutoff: str, unit: str | None) -> list[dict]:
    """Biểu 06 by receiving unit (sheet 2 of bieu06.xlsx)."""
    sums = ", ".join(f"coalesce(sum(f.{key}), 0)::bigint as {key}" for key in BIEU06_KEYS)
    return db.query(f"""
        select f.ma_don_vi, a.ten_don_vi, a.cap, {sums}
        from marts.agg_dossier_bieu06 as f
        left join marts.dim_agency as a on a.ma_don_vi = f.ma_don_vi {db.where("dim_agency", "a")}
        where f.period_code = %(period)s and f.cutoff = %(cutoff)s {db.where("agg_dossier_bieu06", "f")}
              {_scope_filter(db, unit, "f.ma_don_vi")}
        group by f.ma_don_vi, a.ten_don_vi, a.cap
        order by array_position(array['TINH','HUYEN','XA'], a.cap) nulls last, f.ma_don_vi""",
                  {"period": period_code, "cutoff": cutoff, "unit": unit})


def _monthly(db: ProvinceMarts, cutoff: str, date_from: str, date_to: str, unit: str | None) -> list[dict]:
    return db.query(f"""
        select p.period_code, p.date_from, p.date_to,
               coalesce(sum(a.received_new), 0)::bigint as received_new,
               coalesce(sum(a.resolved_total), 0)::bigint as resolved_total
        from marts.dim_period p
        left join marts.agg_dossier_bieu06 a on a.period_code = p.period_code and a.cutoff = p.cutoff
            {db.where("agg_dossier_bieu06", "a")} {_scope_filter(db, unit, "a.ma_don_vi")}
        where p.period_kind = 'MONTH' and p.cutoff = %(cutoff)s and p.date_from >= %(from)s
          and p.date_to <= %(to)s {db.where("dim_period", "p")}
        group by p.period_code, p.date_from, p.date_to
        order by p.date_from""", {"cutoff": cutoff, "from": date_from, "to": date_to, "unit": unit})


def _par_distribution(db: ProvinceMarts, year: int | None) -> list[dict]:
    return db.query(f"""
        select ma_don_vi, ten_don_vi, nhom, par_index, band from marts.fct_par_index_unit
        where nam = %(year)s and xep_hang and par_index is not null {db.where("fct_par_index_unit")}
        order by par_index desc, ma_don_vi""", {"year": year})


# --------------------------------------------------------------------------- unit scope
def _unit_par_index(db: ProvinceMarts, year: int | None, unit: str) -> dict:
    row = db.one(f"""select ma_don_vi, ten_don_vi, nhom, xep_hang, par_index, band, rank_in_group,
                            (select count(*) from marts.fct_par_index_unit g
                             where g.nam = u.nam and g.nhom = u.nhom and g.xep_hang and g.band is not null
                                   {db.where("fct_par_index_unit", "g")})::int as group_size
                     from marts.fct_par_index_unit u where nam = %(year)s and ma_don_vi = %(unit)s
                          {db.where("fct_par_index_unit", "u")}""", {"year": year, "unit": unit})
    return {"year": year, "unit": row}


def _unit_sipas(db: ProvinceMarts, year: int | None, unit: str) -> dict:
    row = db.one(f"select ma_don_vi, ten_don_vi, answers, satisfied_answers, satisfaction "
                 f"from marts.fct_sipas_unit where nam = %(year)s and ma_don_vi = %(unit)s "
                 f"{db.where('fct_sipas_unit')}", {"year": year, "unit": unit})
    return {"year": year, "unit": row}


def top_level_units(conn, ma_tinh: str | None = None) -> list[dict]:
    """The province's units with no parent (COUNTING_RULES 'Unit scope'): their scopes partition all units."""
    db = ProvinceMarts(conn, resolve_province(conn, ma_tinh))
    return db.query(f"select ma_don_vi, ten_don_vi, cap, loai from marts.dim_agency "
                    f"where ma_don_vi_cha is null {db.where('dim_agency')} order by ma_don_vi")


# --------------------------------------------------------------------------- public
def collect_figures(conn, period_code: str, cutoff: str, index_year: int | None = None,
                    unit: str | None = None, ma_tinh: str | None = None) -> dict:
    """The report.json content for one period (REPORT.md keys, plus the appendix's rows) of one province
    (`ma_tinh`; None = the warehouse's only province); `unit` = None for the province, else a ma_don_vi whose
    scope the dossier figures are restricted to."""
    db = ProvinceMarts(conn, resolve_province(conn, ma_tinh))
    scope = _scope(db, unit)
    province = _province(db)
    period = _period(db, period_code, cutoff)
    to_year = dt.date.fromisoformat(period["to"]).year
    par_year = _index_year(db, "fct_par_index_unit", to_year, index_year)
    sipas_year = _index_year(db, "fct_sipas_year", to_year, index_year)
    figures = {
        "province": province,
        "period": period,
        "scope": scope,
        "dossiers": _dossiers(db, period_code, cutoff, unit),
        "comparison": _comparison(db, period_code, cutoff, unit),
        "late_units": _late_units(db, period_code, cutoff, unit),
    }
    if unit is None:
        figures.update({
            "procedures": _procedures(db, period_code, cutoff),
            "staff": _staff(db, period_code, cutoff, int(period_code[:4]), period["to"]),
            "public_units": _public_units(db),
            "par_index": _par_index(db, par_year),
            "sipas": _sipas(db, sipas_year),
        })
    else:
        figures.update({"procedures": None, "staff": None, "public_units": None,
                        "par_index": _unit_par_index(db, par_year, unit),
                        "sipas": _unit_sipas(db, sipas_year, unit)})
    # The registers are the province's (its People's Committee's documents, plans, feedback, inspections):
    # a unit report states none of them.
    registers, register_details = _registers(db, period_code, cutoff, to_year) if unit is None else (None, {})
    figures["registers"] = registers
    figures["appendix"] = {
        "registers": register_details,
        "bieu06": _bieu06(db, period_code, cutoff, unit),
        "bieu06_by_unit": _bieu06_by_unit(db, period_code, cutoff, unit),
        "monthly": _monthly(db, cutoff, period["from"], period["to"], unit),
        "par_distribution": _par_distribution(db, par_year) if unit is None else [],
    }
    return figures

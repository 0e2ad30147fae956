"""What the cchc_report DAG's tasks do (the DAG file only wires them)."""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict
from pathlib import Path

from include.config import get_settings
from include.report.params import (ALL_PROVINCES, ALL_UNITS, ReportParamError, ValidatedParams,
                                   check_in_warehouse, check_period_exists, validate_params)
from include.report.periods import cutoff_end, latest_cutoff_period

log = logging.getLogger(__name__)
STATE_FILE = ".cchc_report_state.json"
SCHEDULED_CUTOFF = "nd09"


def warehouse_url_for_tasks() -> str:
    """The Airflow connection `warehouse`, else the configured/embedded warehouse."""
    try:
        from include.dag_defaults import warehouse_url_from_connection

        return warehouse_url_from_connection("warehouse")
    except Exception as exc:  # noqa: BLE001 — any lookup failure means "no such connection here"
        from include.warehouse import warehouse_url

        log.info("no usable Airflow connection 'warehouse' (%s); using include.warehouse.warehouse_url()", exc)
        return warehouse_url()


def _as_request(validated: ValidatedParams, trigger: str) -> dict:
    request = asdict(validated)
    request["narrative_path"] = str(validated.narrative_path) if validated.narrative_path else None
    request["output_dir"] = str(validated.output_dir)
    request["trigger"] = trigger
    return request


def validate_manual_params(params: dict) -> dict:
    """Pure validation of a manual run's params (no DB); raises ReportParamError."""
    settings = get_settings()
    validated = validate_params(dict(params), output_root=settings.cchc_report_root,
                                default_output_dir=settings.report_dir, narrative_dir=settings.cchc_narrative_dir)
    request = _as_request(validated, "manual")
    request["narrative_given"] = bool(params.get("narrative_file"))
    if validated.unit not in (None, ALL_UNITS) and not params.get("narrative_file"):
        # the province's narrative is not a unit's: a unit gets its own file or placeholders
        request["narrative_path"] = unit_narrative(validated.period_code, validated.unit)
    return request


def _state_path() -> Path:
    return Path(get_settings().cchc_report_root) / STATE_FILE


def last_rendered(cutoff: str) -> str | None:
    path = _state_path()
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get(cutoff)


def record_rendered(period_code: str, cutoff: str) -> None:
    """Remember the latest H1/year period rendered on schedule (only those count)."""
    try:
        cutoff_end(period_code, cutoff)
    except ValueError:
        return
    path = _state_path()
    state = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    previous = state.get(cutoff)
    if previous and cutoff_end(previous, cutoff) >= cutoff_end(period_code, cutoff):
        return
    state[cutoff] = period_code
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    tmp.replace(path)


def scheduled_request(reference: dt.date, url: str) -> dict | None:
    """For a run triggered by fresh marts: the H1/year period whose cut-off passed since the
    last rendered report, if the warehouse has data for it; else None (nothing to render)."""
    from include.warehouse import connect

    period = latest_cutoff_period(reference, SCHEDULED_CUTOFF)
    previous = last_rendered(SCHEDULED_CUTOFF)
    if previous and cutoff_end(previous, SCHEDULED_CUTOFF) >= cutoff_end(period, SCHEDULED_CUTOFF):
        log.info("latest cut-off period %s already rendered (last: %s); nothing to do", period, previous)
        return None
    conn = connect(url)
    try:
        # Any province's data will do: report_scopes renders every province of the warehouse.
        check_period_exists(conn, period, SCHEDULED_CUTOFF, ALL_PROVINCES)
    except ReportParamError as exc:
        log.info("cut-off period %s passed but cannot be rendered: %s", period, exc)
        return None
    finally:
        conn.close()
    settings = get_settings()
    validated = validate_params({"period": period, "cutoff": SCHEDULED_CUTOFF,
                                 "output_dir": str(Path(settings.cchc_report_root) / f"{period}-{SCHEDULED_CUTOFF}")},
                                output_root=settings.cchc_report_root, narrative_dir=settings.cchc_narrative_dir)
    return _as_request(validated, "scheduled")


def check_request(request: dict, url: str) -> dict:
    """The DB half of validation (province, period, unit), before any figure is queried; raises
    ReportParamError. Returns the request for the resolved province (ma_tinh: the only province when none
    was given; required when the warehouse holds several)."""
    from include.report.provinces import warehouse_provinces
    from include.warehouse import connect

    conn = connect(url)
    try:
        ma_tinh = check_in_warehouse(conn, request["period_code"], request["cutoff"], request.get("unit"),
                                     request.get("ma_tinh"))
        several = len(warehouse_provinces(conn)) > 1
    finally:
        conn.close()
    request = {**request, "ma_tinh": ma_tinh}
    if several and ma_tinh != ALL_PROVINCES and request.get("unit") is None and not request.get("narrative_given"):
        # The narrative next to the period (<period>.md) is one province's text; in a warehouse of several
        # provinces each province has its own, or placeholders.
        request["narrative_path"] = province_narrative(request["period_code"], ma_tinh)
    return request


def _narrative_file(relative: str) -> str | None:
    directory = get_settings().cchc_narrative_dir
    candidate = Path(directory) / relative if directory else None
    return str(candidate) if candidate is not None and candidate.is_file() else None


def unit_narrative(period_code: str, unit: str) -> str | None:
    """A unit's own narrative file, `<narrative dir>/<period>/<ma_don_vi>.md`, if there is one."""
    return _narrative_file(f"{period_code}/{unit}.md")


def province_narrative(period_code: str, ma_tinh: str) -> str | None:
    """A province's own narrative file, `<narrative dir>/<ma_tinh>/<period>.md`, if there is one."""
    return _narrative_file(f"{ma_tinh}/{period_code}.md")


def report_scopes(request: dict, url: str) -> list[dict]:
    """One render request per report: the province, one unit (into output_dir itself), or with 'all' the
    province into output_dir and every top-level unit into output_dir/<ma_don_vi>/. A scheduled run (no
    province chosen) in a warehouse of several provinces renders each into output_dir/<ma_tinh>/."""
    from include.warehouse import connect

    if request.get("ma_tinh") is None:
        from include.report.provinces import warehouse_provinces

        conn = connect(url)
        try:
            codes = [p["ma_tinh"] for p in warehouse_provinces(conn)]
        finally:
            conn.close()
        if len(codes) > 1:
            return [{**request, "ma_tinh": code, "output_dir": str(Path(request["output_dir"]) / code),
                     "narrative_path": province_narrative(request["period_code"], code)} for code in codes]
        request = {**request, "ma_tinh": codes[0] if codes else None}
    unit = request.get("unit")
    if unit != ALL_UNITS or request["ma_tinh"] == ALL_PROVINCES:
        return [request]
    from include.report.figures import top_level_units

    conn = connect(url)
    try:
        units = top_level_units(conn, request["ma_tinh"])
    finally:
        conn.close()
    scopes = [{**request, "unit": None}]
    for row in units:
        code = row["ma_don_vi"]
        scopes.append({**request, "unit": code, "output_dir": str(Path(request["output_dir"]) / code),
                       "narrative_path": unit_narrative(request["period_code"], code), "trigger": "manual"})
    return scopes


def render_request(request: dict, url: str) -> dict[str, str]:
    from include.report.render import render_report

    paths = render_report(url, request["period_code"], request["cutoff"], request["index_year"],
                          Path(request["narrative_path"]) if request["narrative_path"] else None,
                          output_dir=Path(request["output_dir"]), unit=request.get("unit"),
                          ma_tinh=request.get("ma_tinh"))
    if request["trigger"] == "scheduled" and request.get("unit") is None:
        record_rendered(request["period_code"], request["cutoff"])
    return {kind: str(path) for kind, path in paths.items()}

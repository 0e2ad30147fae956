"""render_report: marts → report.json, report.docx, report.html, bieu06.xlsx."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from include.report.document import appendix_blocks, build_blocks, build_meta
from include.report.docx_render import write_docx
from include.report.figures import collect_figures
from include.report.html_render import write_html
from include.report.xlsx_render import write_xlsx
from include.report.narrative import load_narrative
from include.report.narrative_check import narrative_warnings
from include.report.output import write_report_files
from include.report.params import ALL_PROVINCES, ReportParamError, check_in_warehouse
from include.report.periods import CUTOFFS, parse_period_code

log = logging.getLogger(__name__)
OUTPUT_FILES = ("report.json", "report.docx", "report.html", "bieu06.xlsx")


def render_figures(figures: dict, output_dir: Path, narrative_path: Path | None = None) -> dict[str, Path]:
    """Write the report files from a figures dict (collect_figures' result)."""
    narrative = load_narrative(narrative_path, figures["period"]["code"])
    for warning in narrative_warnings(narrative, figures):
        log.warning("narrative contradicts the data: %s", warning)
    meta = build_meta(figures, narrative)
    body = build_blocks(figures, narrative)
    appendix = appendix_blocks(figures, meta)
    return write_report_files(Path(output_dir), {
        "report.json": lambda path: path.write_text(json.dumps(figures, ensure_ascii=False, indent=2),
                                                    encoding="utf-8"),
        "report.docx": lambda path: write_docx(path, meta, body, appendix),
        "report.html": lambda path: write_html(path, meta, body, appendix),
        "bieu06.xlsx": lambda path: write_xlsx(path, figures, meta),
    })


def render_report(url: str, period_code: str, cutoff: str = "nd09", index_year: int | None = None,
                  narrative_path: Path | None = None, *, output_dir: Path, unit: str | None = None,
                  ma_tinh: str | None = None) -> dict[str, Path]:
    """Render the report of one period; returns {'json': …, 'docx': …, 'html': …, 'xlsx': …} paths.

    narrative_path None means no narrative: every narrative section shows its placeholder.
    unit None renders the province's report, a ma_don_vi that unit's (COUNTING_RULES 'Unit scope').
    ma_tinh names the province (None: the warehouse's only one); 'all' renders the national ranking instead
    (include.report.national: report.json and report.html only).
    """
    from include.warehouse import connect

    if parse_period_code(period_code) is None:
        raise ReportParamError(f"period={period_code!r} is not a period code (YYYY, YYYY-H1, YYYY-Q2, YYYY-MM)")
    if cutoff not in CUTOFFS:
        raise ReportParamError(f"cutoff={cutoff!r} is not one of {list(CUTOFFS)}")
    if ma_tinh == ALL_PROVINCES:
        from include.report.national import render_national_ranking

        if unit is not None:
            raise ReportParamError(f"ma_tinh='{ALL_PROVINCES}' (the national ranking) takes no unit (got {unit!r})")
        paths = render_national_ranking(url, period_code, cutoff, output_dir=Path(output_dir))
        log.info("rendered the national ranking of %s (%s) into %s", period_code, cutoff, output_dir)
        return paths
    conn = connect(url)
    try:
        conn.set_session(readonly=True)
        ma_tinh = check_in_warehouse(conn, period_code, cutoff, unit, ma_tinh)
        figures = collect_figures(conn, period_code, cutoff, index_year, unit, ma_tinh)
    finally:
        conn.close()
    paths = render_figures(figures, Path(output_dir), narrative_path)
    log.info("rendered %s (%s) of province %s%s into %s", period_code, cutoff, ma_tinh,
             f" for unit {unit}" if unit else "", output_dir)
    return paths

"""render_report: marts → report.json, report.docx, report.html, bieu06.xlsx."""
from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from include.report.document import appendix_blocks, build_blocks, build_meta
from include.report.docx_render import write_docx
from include.report.figures import collect_figures
from include.report.html_render import write_html
from include.report.xlsx_render import write_xlsx
from include.report.narrative import load_narrative
from include.report.narrative_check import narrative_warnings
from include.report.params import ReportParamError, check_period_exists, check_unit_exists
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
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    # Write to temporary names and rename, so a failed run never leaves a half-written report behind.
    staging = Path(tempfile.mkdtemp(prefix=".rendering-", dir=output_dir))
    try:
        (staging / "report.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
        write_docx(staging / "report.docx", meta, body, appendix)
        write_html(staging / "report.html", meta, body, appendix)
        write_xlsx(staging / "bieu06.xlsx", figures, meta)
        paths = {}
        for name in OUTPUT_FILES:
            os.replace(staging / name, output_dir / name)
            paths[name.split(".")[1]] = output_dir / name
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
    return paths


def render_report(url: str, period_code: str, cutoff: str = "nd09", index_year: int | None = None,
                  narrative_path: Path | None = None, *, output_dir: Path, unit: str | None = None
                  ) -> dict[str, Path]:
    """Render the report of one period; returns {'json': …, 'docx': …, 'html': …, 'xlsx': …} paths.

    narrative_path None means no narrative: every narrative section shows its placeholder.
    unit None renders the province's report, a ma_don_vi that unit's (COUNTING_RULES 'Unit scope').
    """
    from include.warehouse import connect

    if parse_period_code(period_code) is None:
        raise ReportParamError(f"period={period_code!r} is not a period code (YYYY, YYYY-H1, YYYY-Q2, YYYY-MM)")
    if cutoff not in CUTOFFS:
        raise ReportParamError(f"cutoff={cutoff!r} is not one of {list(CUTOFFS)}")
    conn = connect(url)
    try:
        conn.set_session(readonly=True)
        check_period_exists(conn, period_code, cutoff)
        check_unit_exists(conn, unit)
        figures = collect_figures(conn, period_code, cutoff, index_year, unit)
    finally:
        conn.close()
    paths = render_figures(figures, Path(output_dir), narrative_path)
    log.info("rendered %s (%s)%s into %s", period_code, cutoff, f" for unit {unit}" if unit else "", output_dir)
    return paths

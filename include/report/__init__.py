"""The semi-annual CCHC report: figures from the marts, rendered to DOCX, HTML and JSON.

Public API (used by the DAG, the CLI and the benchmarks):
- render_report(url, period_code, cutoff='nd09', index_year=None, narrative_path=None, *, output_dir, unit=None)
  → report.json, report.docx, report.html, bieu06.xlsx (unit: a ma_don_vi for that unit's report)
- validate_params(params, *, output_root, ...) -> ValidatedParams   (pure, no DB)
- check_period_exists(conn, period_code, cutoff)                    (the DB half of validation)
- collect_figures(conn, period_code, cutoff, index_year=None, unit=None) -> dict (report.json content)
- footnotes.DocxFootnotes / model.footnote_run: real Word footnotes (used by the document builders)
"""
from include.report.figures import collect_figures
from include.report.narrative import NarrativeError
from include.report.params import ReportParamError, ValidatedParams, check_period_exists, validate_params
from include.report.render import render_figures, render_report

__all__ = [
    "NarrativeError", "ReportParamError", "ValidatedParams", "check_period_exists", "collect_figures",
    "render_figures", "render_report", "validate_params",
]

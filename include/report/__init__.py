"""The semi-annual CCHC report: figures from the marts, rendered to DOCX, HTML and JSON.

Public API (used by the DAG, the CLI and the benchmarks):
- render_report(url, period_code, cutoff='nd09', index_year=None, narrative_path=None, *, output_dir, unit=None)
  → report.json, report.docx, report.html, bieu06.xlsx (unit: a ma_don_vi for that unit's report)
- validate_params(params, *, output_root, ...) -> ValidatedParams   (pure, no DB)
- check_period_exists(conn, period_code, cutoff)                    (the DB half of validation)
- collect_figures(conn, period_code, cutoff, index_year=None, unit=None) -> dict (report.json content)
- footnotes.DocxFootnotes / model.footnote_run: real Word footnotes (used by the document builders)
"""
import importlib

# Imported on first use (PEP 562): `include.report.periods` stays light for the DAG file.
_PUBLIC = {
    "collect_figures": "figures", "NarrativeError": "narrative", "ReportParamError": "params",
    "ValidatedParams": "params", "check_period_exists": "params", "validate_params": "params",
    "render_figures": "render", "render_report": "render",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)

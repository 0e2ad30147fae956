"""Landing-zone loaders: every source of SOURCES.md into the raw layer, exactly once.

Modules: sources (what each source looks like), discovery (which files, in which order),
reader (hash, decode, check, type: a thread), csv_source / jsonl_source (per format),
pseudonyms (keyed HMAC of ID numbers), writer (COPY + manifest, one transaction per file),
loader (runs reader and writer together), records (the named records they pass).

Public API (called by the nightly DAG through include.nightly.dag_tasks):
- SOURCE_GROUPS: group name → source kinds ("reference", "onestop", "catalogue", "hr", "indices",
  "registers": the optional edoc/, legal/, feedback/, inspection/ files)
- ensure_raw_schema(url)
- load_landing_zone(url, landing_dir, kinds=None) → list[FileResult] (never raises for a bad file)
- load_group(url, landing_dir, group) → list[FileResult]; raises IngestError at the end if a file failed
"""
import importlib

# Imported on first use (PEP 562), so that `include.ingest.sources` stays light for the DAG files.
_PUBLIC = {
    "SOURCE_GROUPS": "sources", "SOURCE_KINDS": "sources", "PERSONAL_COLUMNS": "sources",
    "FileResult": "records", "IngestError": "records", "LoadResults": "records",
    "ensure_raw_schema": "writer", "load_group": "loader", "load_landing_zone": "loader",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)

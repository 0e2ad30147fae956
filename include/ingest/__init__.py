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
from include.ingest.loader import load_group, load_landing_zone
from include.ingest.records import FileResult, IngestError, LoadResults
from include.ingest.sources import SOURCE_GROUPS, SOURCE_KINDS
from include.ingest.writer import ensure_raw_schema

__all__ = [
    "SOURCE_GROUPS", "SOURCE_KINDS", "FileResult", "IngestError", "LoadResults",
    "ensure_raw_schema", "load_group", "load_landing_zone",
]

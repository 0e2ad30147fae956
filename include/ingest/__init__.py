"""Landing-zone loaders: every source of SOURCES.md into the raw layer, exactly once.

Public API (called by the nightly DAG through include.nightly.dag_tasks):
- SOURCE_GROUPS: group name → source kinds ("reference", "onestop", "catalogue", "hr", "indices")
- ensure_raw_schema(url)
- load_landing_zone(url, landing_dir, kinds=None) → list[FileResult] (never raises for a bad file)
- load_group(url, landing_dir, group) → list[FileResult]; raises IngestError at the end if a file failed
"""
from include.ingest.loader import (
    FileResult, IngestError, LoadResults, ensure_raw_schema, load_group, load_landing_zone,
)
from include.ingest.sources import SOURCE_GROUPS, SOURCE_KINDS

__all__ = [
    "SOURCE_GROUPS", "SOURCE_KINDS", "FileResult", "IngestError", "LoadResults",
    "ensure_raw_schema", "load_group", "load_landing_zone",
]

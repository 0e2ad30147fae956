"""Named records passed between discovery, the reader thread, the writer and the caller."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from include.ingest.sources import SourceKind


class IngestError(RuntimeError):
    """The landing zone cannot be loaded (missing dir/reference files) or some files failed."""


@dataclass
class PlannedFile:
    """A landing-zone file to load, as discovery found it."""

    path: Path
    relative: str                  # relative to the landing dir (the manifest's `path`)
    kind: SourceKind
    name_date: str | None          # the date or year in the file name, as written
    ma_tinh: str | None = None     # the zone's province (reference/province.csv): goes into every raw row
    zone_label: str = ""           # '<folder>/' for a zone inside a landing root, '' for a single zone

    @property
    def shown(self) -> str:
        """The file's path in messages: relative to the landing root (or to the single zone)."""
        return self.zone_label + self.relative


@dataclass
class StartedFile:
    """A file the reader has read and hashed: what its manifest row records."""

    planned: PlannedFile
    file_id: int
    size: int
    sha256: str
    file_date: date | None
    started_at: float = field(default_factory=time.time)


class LoadedFile(NamedTuple):
    """A copy of a path that is already LOADED (from raw.load_manifest)."""

    file_id: int
    sha256: str
    rows_read: int | None
    rows_loaded: int | None
    rows_quarantined: int | None


@dataclass
class FileResult:
    path: str                      # relative to the landing dir
    source_kind: str
    status: str                    # 'LOADED' | 'SKIPPED' | 'FAILED'
    rows_read: int | None = None
    rows_loaded: int | None = None
    rows_quarantined: int | None = None
    error: str | None = None
    file_id: int | None = None
    ma_tinh: str | None = None     # the province whose zone the file is in

    @classmethod
    def skipped(cls, planned: PlannedFile, loaded: LoadedFile) -> FileResult:
        """An identical copy is loaded already: its counts stand."""
        return cls(planned.relative, planned.kind.name, "SKIPPED", rows_read=loaded.rows_read,
                   rows_loaded=loaded.rows_loaded, rows_quarantined=loaded.rows_quarantined,
                   file_id=loaded.file_id, ma_tinh=planned.ma_tinh)


class LoadResults(list):
    """list[FileResult], plus `warnings`: landing-zone files that match no source pattern (not in the manifest)."""

    def __init__(self, results=(), warnings=()):
        super().__init__(results)
        self.warnings: list[str] = list(warnings)

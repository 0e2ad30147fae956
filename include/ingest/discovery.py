"""Which landing-zone files to load, in which order, and the date their names carry."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from include.ingest.decoding import FileFault
from include.ingest.records import IngestError, PlannedFile
from include.ingest.sources import SOURCE_KINDS, SourceKind, match_source_kind


def selected_kinds(kinds: Iterable[str] | None) -> list[SourceKind]:
    if kinds is None:
        return list(SOURCE_KINDS.values())
    names = list(kinds)
    unknown = [k for k in names if k not in SOURCE_KINDS]
    if unknown:
        raise IngestError(f"unknown source kind(s) {unknown}; known: {sorted(SOURCE_KINDS)}")
    return [SOURCE_KINDS[k] for k in SOURCE_KINDS if k in names]


def discover(landing_dir: Path, kinds: list[SourceKind], ma_tinh: str | None = None,
             zone_label: str = "") -> tuple[list[PlannedFile], list[str]]:
    """Files of the selected kinds of one zone, in load order, and the paths that match no source pattern."""
    selected = {k.name for k in kinds}
    planned, unknown = [], []
    for path in sorted(p for p in landing_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(landing_dir).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue   # hidden files (e.g. the sample generator's .sample-stamp.json) are not exports
        match = match_source_kind(relative)
        if match is None:
            unknown.append(relative)
        elif match[0].name in selected:
            planned.append(PlannedFile(path, relative, match[0], match[1], ma_tinh, zone_label))
    order = {name: i for i, name in enumerate(SOURCE_KINDS)}
    planned.sort(key=lambda f: (order[f.kind.name], f.name_date or "", f.relative))
    return planned, unknown


def date_from_name(planned: PlannedFile) -> date | None:
    text = planned.name_date
    if text is None:
        return None
    try:
        if planned.kind.name_date == "year":
            return date(int(text), 1, 1)
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise FileFault(planned.shown, f"invalid date '{text}' in the file name") from None


def name_value(planned: PlannedFile, file_date: date | None):
    """Value of the raw column taken from the file name (snapshot_date, nam, _file_date)."""
    if planned.kind.name_date == "year":
        return file_date.year
    return file_date

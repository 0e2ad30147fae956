"""CSV sources: header check, per-row validation and typing, COPY payloads.

CSV files of the contract are small (reference data, snapshots, scoring sheets),
so rows are checked in Python; only COPY touches the database.
"""
from __future__ import annotations

import csv
import io
from typing import Iterator

from include.ingest.decoding import FileFault, looks_like
from include.ingest.rows import (
    QUARANTINE_COLUMNS, R_DUPLICATE_KEY, R_EMPTY_LINE, R_FIELD_COUNT, Chunk, FileCounts, RowFault,
    check_value, csv_payload,
)
from include.ingest.sources import SourceKind


class _RecordingLines:
    """Feeds csv.reader line by line and remembers the physical lines of the current record."""

    def __init__(self, text: str):
        self._lines = io.StringIO(text, newline="")
        self.consumed: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._lines.readline()
        if not line:
            raise StopIteration
        self.consumed.append(line)
        return line

    def take(self) -> str:
        raw = "".join(self.consumed)
        self.consumed = []
        return raw


def _is_blank(record: list[str]) -> bool:
    return all(not field.strip() for field in record)


def prepare_csv(kind: SourceKind, text: str, path: str, file_id: int, name_value,
                chunk_rows: int, *, ma_tinh: str | None = None) -> Iterator[Chunk | FileCounts]:
    if not text.strip():   # 0 bytes (or blank): no data row, nothing to check
        yield FileCounts(0, 0, 0)
        return
    other_format = looks_like(text)
    if other_format:
        raise FileFault(path, f"not CSV: looks like {other_format} "
                              f"(không phải CSV: nội dung dạng {other_format})", line=1, column=1)
    lines = _RecordingLines(text)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FileFault(path, f"malformed CSV header: {exc}", line=1) from None
    lines.take()
    names = [name.strip().lower() for name in header]
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            raise FileFault(path, f"duplicate column '{name}' in the header", line=1, column=name)
        seen.add(name)
    missing = [c.source for c in kind.columns if c.source not in seen]
    if missing:
        raise FileFault(path, "missing column(s) in the header: " + ", ".join(missing)
                        + f" (header: {','.join(header)[:200]})", line=1, column=missing[0])
    positions = [names.index(c.source) for c in kind.columns]

    records: list[tuple[int, list[str], str]] = []   # (first line, fields, raw text)
    next_line = 2
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FileFault(path, f"malformed CSV: {exc}", line=reader.line_num) from None
        raw = lines.take()
        records.append((next_line, record, raw.rstrip("\r\n")))
        next_line = reader.line_num + 1
    # Blank lines at the very end are not rows (a trailing empty line is accepted silently).
    while records and _is_blank(records[-1][1]):
        records.pop()
    if not records:   # a header alone: a template not filled in yet, zero rows
        yield FileCounts(0, 0, 0)
        return
    last_line, last_record, last_raw = records[-1]
    if not text.endswith(("\n", "\r")) and len(last_record) < len(names):
        raise FileFault(path, f"file truncated: last line has {len(last_record)} of {len(names)} fields "
                              "and no line end", line=last_line, column=len(last_record))

    loaded: list[list] = []
    quarantined: list[list] = []
    first_line_of_key: dict[tuple, int] = {}
    key_positions = [kind.columns.index(next(c for c in kind.columns if c.source == k)) for k in kind.key]
    prefix = [name_value] if kind.name_date_column else []
    counts = FileCounts(0, 0, 0)

    def quarantine(line_no, column, value, reason, raw):
        quarantined.append([file_id, kind.name, line_no, column, value, reason, raw])

    for line_no, record, raw in records:
        counts.rows_read += 1
        if _is_blank(record):
            quarantine(line_no, None, None, R_EMPTY_LINE, raw)
            continue
        if len(record) != len(names):
            quarantine(line_no, None, None, f"{R_FIELD_COUNT} (expected {len(names)}, got {len(record)})", raw)
            continue
        try:
            values = [check_value(column, record[pos]) for column, pos in zip(kind.columns, positions)]
        except RowFault as fault:
            quarantine(line_no, fault.column, fault.value, fault.reason, raw)
            continue
        if key_positions:
            key = tuple(values[i] for i in key_positions)
            first = first_line_of_key.setdefault(key, line_no)
            if first != line_no:
                quarantine(line_no, ",".join(kind.key), "|".join(str(v) for v in key),
                           f"{R_DUPLICATE_KEY} (first at line {first})", raw)
                continue
        loaded.append(prefix + values + [ma_tinh, file_id, line_no])
        if len(loaded) >= chunk_rows:
            yield Chunk(kind.table, kind.target_columns, csv_payload(loaded), len(loaded))
            counts.rows_loaded += len(loaded)
            loaded = []
    if loaded:
        yield Chunk(kind.table, kind.target_columns, csv_payload(loaded), len(loaded))
        counts.rows_loaded += len(loaded)
    if quarantined:
        yield Chunk("raw.quarantine", QUARANTINE_COLUMNS, csv_payload(quarantined), len(quarantined))
        counts.rows_quarantined = len(quarantined)
    yield counts

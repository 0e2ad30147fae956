"""What a file preparer hands to the writer: COPY payloads and the file's counts."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from include.ingest.sources import CODE, DATE, INT, NUMERIC, TIMESTAMP, Column

QUARANTINE_COLUMNS = ["file_id", "source_kind", "line_no", "column_name", "value", "reason", "raw_line"]

# Reasons written to raw.quarantine (a fixed vocabulary, so that tests and data-quality reports can rely on it).
R_EMPTY_LINE = "empty line"
R_FIELD_COUNT = "wrong number of fields"
R_MISSING = "missing required value"
R_UNKNOWN_CODE = "unknown code value"
R_BAD_DATE = "invalid date (expected YYYY-MM-DD)"
R_BAD_INT = "not an integer"
R_BAD_NUMBER = "not a number"
R_NEGATIVE = "negative value"
R_NOT_POSITIVE = "value must be greater than 0"
R_BELOW_MINIMUM = "value below minimum"
R_OUT_OF_RANGE = "integer out of range"
R_TS_LENGTH = "wrong length for yyyyMMddHHmmss (expected 14 digits)"
R_TS_INVALID = "invalid yyyyMMddHHmmss timestamp"
R_DUPLICATE_KEY = "duplicate key in file"

_INT_RE = re.compile(r"[+-]?\d+")
_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TS_RE = re.compile(r"\d{14}")
_INT32 = 2**31 - 1


@dataclass
class Chunk:
    """Rows ready for `COPY table (columns) FROM STDIN (FORMAT csv)`."""

    table: str
    columns: list[str]
    payload: bytes
    rows: int


@dataclass
class FileCounts:
    rows_read: int
    rows_loaded: int
    rows_quarantined: int


class RowFault(Exception):
    def __init__(self, column: str | None, value: str | None, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


def csv_payload(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def check_value(column: Column, value: str | None):
    """Typed text for COPY (or None), or RowFault. '' is null (SOURCES.md)."""
    if value is None or value == "":
        if column.required:
            raise RowFault(column.source, value, R_MISSING)
        return None
    kind = column.kind
    if kind == CODE:
        if value not in column.codes:
            raise RowFault(column.source, value, R_UNKNOWN_CODE)
        return value
    if kind == DATE:
        if not _DATE_RE.fullmatch(value):
            raise RowFault(column.source, value, R_BAD_DATE)
        try:
            date.fromisoformat(value)
        except ValueError:
            raise RowFault(column.source, value, R_BAD_DATE) from None
        return value
    if kind == INT:
        text = value.strip()
        if not _INT_RE.fullmatch(text):
            raise RowFault(column.source, value, R_BAD_INT)
        number = int(text)
        if abs(number) > _INT32:
            raise RowFault(column.source, value, R_OUT_OF_RANGE)
        _check_minimum(column, value, number)
        return str(number)
    if kind == NUMERIC:
        text = value.strip()
        if not _NUMBER_RE.fullmatch(text):
            raise RowFault(column.source, value, R_BAD_NUMBER)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise RowFault(column.source, value, R_BAD_NUMBER) from None
        _check_minimum(column, value, number)
        return text
    if kind == TIMESTAMP:
        return parse_timestamp(column.source, value)
    return value


def parse_timestamp(source: str, value: str) -> str:
    """yyyyMMddHHmmss (local time) → 'YYYY-MM-DD HH:MM:SS', read by PostgreSQL in the session time zone."""
    if len(value) != 14:
        raise RowFault(source, value, R_TS_LENGTH)
    if not _TS_RE.fullmatch(value):
        raise RowFault(source, value, R_TS_INVALID)
    try:
        moment = datetime.strptime(value, "%Y%m%d%H%M%S")
    except ValueError:
        raise RowFault(source, value, R_TS_INVALID) from None
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _check_minimum(column: Column, value: str, number) -> None:
    if column.minimum is None:
        return
    if column.exclusive_minimum and number <= column.minimum:
        raise RowFault(column.source, value, R_NOT_POSITIVE if column.minimum == 0 else R_BELOW_MINIMUM)
    if number < column.minimum:
        raise RowFault(column.source, value, R_NEGATIVE if column.minimum == 0 else R_BELOW_MINIMUM)

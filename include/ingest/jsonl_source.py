"""The dossier status log (JSON lines): vectorised parsing and checks with polars.

This is the one high-volume source (≈1M records a year per province), so lines
are parsed and checked column-wise in polars (which releases the GIL), chunk by
chunk, while the writer thread COPYs the previous chunk. Each check mirrors
include.ingest.rows.check_value, which the CSV path uses row by row.
"""
from __future__ import annotations

import codecs
import io
import json
import re
from typing import Iterator

import numpy as np
import polars as pl

from include.ingest.decoding import FileFault, decode_landing_file, looks_like_csv
from include.ingest.pseudonyms import Pseudonymizer
from include.ingest.rows import (
    QUARANTINE_COLUMNS, R_EMPTY_LINE, R_MISSING, R_TS_INVALID, R_TS_LENGTH, R_UNKNOWN_CODE, Chunk, FileCounts,
)
from include.ingest.sources import CODE, TIMESTAMP, SourceKind

def _struct_dtype(kind: SourceKind) -> pl.Struct:
    return pl.Struct({c.source: pl.String for c in kind.columns})


def _python_parse_check(lines: list[str], first_line_no: int, path: str, file_ends_with_newline: bool,
                        last_line_no: int) -> list[str]:
    """Slow path when polars rejects a chunk: locate the bad line exactly, or (if every line is a
    JSON object and only a field holds an array/object) return the lines with such values as JSON text,
    so that they get quarantined by the normal checks."""
    fixed: list[str] = []
    for offset, line in enumerate(lines):
        line_no = first_line_no + offset
        if not line.strip():
            fixed.append(line)
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            if line_no == last_line_no and not file_ends_with_newline:
                raise FileFault(path, f"file truncated mid-line (no line end; {exc.msg})",
                                line=line_no, column=exc.colno) from None
            if line_no == 1 and looks_like_csv(line):
                raise FileFault(path, "not JSON lines: looks like CSV (không phải JSON lines: nội dung dạng CSV)",
                                line=line_no, column=1) from None
            raise FileFault(path, f"not JSON lines: {exc.msg}", line=line_no, column=exc.colno) from None
        if not isinstance(value, dict):
            raise FileFault(path, f"not JSON lines: a line must hold one JSON object, found {type(value).__name__}",
                            line=line_no, column=1)
        fixed.append(json.dumps({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                                 for k, v in value.items()}, ensure_ascii=False))
    return fixed


def _checks(kind: SourceKind) -> list[tuple[str, pl.Expr, str, pl.Expr]]:
    """(source column, failing condition, reason, offending value) in check order."""
    checks = []
    for column in kind.columns:
        value = pl.col(column.source)
        if column.required:
            checks.append((column.source, value.is_null(), R_MISSING, value))
        if column.kind == CODE:
            checks.append((column.source, value.is_not_null() & ~value.is_in(sorted(column.codes)),
                           R_UNKNOWN_CODE, value))
        elif column.kind == TIMESTAMP:
            checks.append((column.source, value.is_not_null() & (value.str.len_chars() != 14), R_TS_LENGTH, value))
            checks.append((column.source, value.is_not_null() & pl.col("_ts_" + column.source).is_null(),
                           R_TS_INVALID, value))
    return checks


_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")
_CHUNK_BYTES = 48 << 20


def _frame_of_lines(lines: list[str], first_line_no: int) -> pl.DataFrame:
    frame = pl.DataFrame({"raw_line": pl.Series(lines, dtype=pl.String)}).with_row_index("_line_no")
    return frame.with_columns(
        (pl.col("_line_no").cast(pl.Int64) + first_line_no).alias("_line_no"),
        (pl.col("raw_line").str.strip_chars() == "").alias("_blank"),
    )


def _decode_lines(lines: list[str], first_line_no: int, dtype: pl.Struct, path: str, ends_with_newline: bool,
                  last_line_no: int) -> pl.DataFrame:
    """General path: one JSON object per physical line, blank lines kept (as `_blank`)."""
    frame = _frame_of_lines(lines, first_line_no)
    json_text = pl.when(pl.col("_blank")).then(pl.lit("{}")).otherwise(pl.col("raw_line"))
    try:
        decoded = frame.with_columns(json_text.str.json_decode(dtype).alias("_record"))
        if decoded.filter(pl.col("_record").is_null()).height:   # a line holding JSON null
            raise ValueError("a line is not a JSON object")
    except (pl.exceptions.PolarsError, ValueError):
        fixed = _python_parse_check(lines, first_line_no, path, ends_with_newline, last_line_no)
        fixed_text = pl.when(pl.col("_blank")).then(pl.lit("{}")).otherwise(pl.Series("_json", fixed, dtype=pl.String))
        decoded = frame.with_columns(fixed_text.str.json_decode(dtype).alias("_record"))
    return decoded.unnest("_record")


def _fast_frames(body: bytes, kind: SourceKind, chunk_bytes: int, chunk_rows: int | None = None):
    """Happy path: no blank line inside, so record i is on line i + 1; polars parses the bytes directly.
    Yields (frame, first line no., chunk bytes); raises PolarsError when a chunk is not clean JSON lines."""
    schema = {c.source: pl.String for c in kind.columns}
    position, first_line = 0, 1
    if chunk_rows:   # about chunk_rows lines per chunk (by the file's mean line length)
        chunk_bytes = min(chunk_bytes, max(1, len(body) * chunk_rows // (body.count(b"\n") + 1)))
    while position < len(body):
        end = body.find(b"\n", min(position + chunk_bytes, len(body)))
        end = len(body) if end < 0 else end + 1
        piece = body[position:end]
        lines_in_piece = piece.count(b"\n") + (0 if piece.endswith(b"\n") else 1)
        frame = pl.read_ndjson(io.BytesIO(piece), schema=schema)
        if frame.height != lines_in_piece:
            raise pl.exceptions.ComputeError("record count differs from line count")
        frame = frame.with_row_index("_line_no").with_columns(
            (pl.col("_line_no").cast(pl.Int64) + first_line).alias("_line_no"), pl.lit(False).alias("_blank"))
        yield frame, first_line, piece
        first_line += lines_in_piece
        position = end


def _split_checked(frame: pl.DataFrame, kind: SourceKind, checks) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(good rows, bad rows): '' made null, timestamps parsed; bad rows get the first failing check
    (_reason/_column/_value). The reasons are computed for the bad rows only (usually none)."""
    lazy = frame.lazy().with_columns([
        pl.when(pl.col(c.source) == "").then(None).otherwise(pl.col(c.source)).alias(c.source)
        for c in kind.columns
    ]).with_columns([
        pl.col(c.source).str.strptime(pl.Datetime("us"), "%Y%m%d%H%M%S", strict=False).alias("_ts_" + c.source)
        for c in kind.columns if c.kind == TIMESTAMP
    ])
    blank = pl.col("_blank")
    failing = (blank | pl.any_horizontal([cond for _, cond, _, _ in checks])).fill_null(False)
    checked = lazy.with_columns(failing.alias("_failing"))
    checked = checked.collect()
    failing = checked.get_column("_failing")
    if not failing.any():
        return checked, checked.clear()
    good = checked.filter(~pl.col("_failing"))
    bad = checked.filter(pl.col("_failing")).lazy().with_columns(
        pl.when(blank).then(pl.lit(R_EMPTY_LINE))
          .otherwise(pl.coalesce([pl.when(cond).then(pl.lit(reason)) for _, cond, reason, _ in checks]))
          .alias("_reason"),
        pl.when(blank).then(None)
          .otherwise(pl.coalesce([pl.when(cond).then(pl.lit(source)) for source, cond, _, _ in checks]))
          .alias("_column"),
        pl.when(blank).then(None)
          .otherwise(pl.coalesce([pl.when(cond).then(value) for _, cond, _, value in checks]))
          .alias("_value"),
    ).collect()
    return good, bad


def prepare_jsonl(kind: SourceKind, data: bytes, path: str, file_id: int, file_date, chunk_rows: int,
                  pseudonymizer: Pseudonymizer, chunk_bytes: int = _CHUNK_BYTES, *,
                  ma_tinh: str | None = None) -> Iterator[Chunk | FileCounts]:
    dtype = _struct_dtype(kind)
    checks = _checks(kind)
    counts = FileCounts(0, 0, 0)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    body = data.rstrip(b" \t\r\n")   # trailing empty lines are not rows
    if not body:   # a day without syncs: zero rows
        yield counts
        return

    frames = _frames(data, body, path, kind, dtype, chunk_rows, chunk_bytes)

    for frame, _first_line, raw_source in frames:
        counts.rows_read += frame.height
        good, bad = _split_checked(frame, kind, checks)
        if good.height:
            yield _good_chunk(kind, good, file_id, file_date, pseudonymizer, ma_tinh)
            counts.rows_loaded += good.height
        if bad.height:
            yield _quarantine_chunk(kind, bad, file_id, raw_source, _first_line)
            counts.rows_quarantined += bad.height
    yield counts


def _frames(data: bytes, body: bytes, path: str, kind: SourceKind, dtype: pl.Struct, chunk_rows: int,
            chunk_bytes: int):
    """(frame, first line no., raw bytes or None) per chunk, lazily, so that COPY of one chunk overlaps the
    parsing of the next. Clean UTF-8 JSON lines go through polars' NDJSON reader; from the first chunk it
    rejects (or for a file with blank lines, NUL bytes, another encoding) the rest goes line by line."""
    if b"\x00" in body or body[:1].isspace() or _BLANK_LINE.search(body):
        yield from _line_frames(data, path, dtype, chunk_rows)
        return
    offset, next_line = 0, 1
    try:
        for frame, first_line, piece in _fast_frames(body, kind, chunk_bytes, chunk_rows):
            yield frame, first_line, piece
            offset += len(piece)
            next_line = first_line + frame.height
    except pl.exceptions.PolarsError:
        yield from _line_frames(body[offset:], path, dtype, chunk_rows, first_line=next_line,
                                ends_with_newline=data.rstrip(b" \t").endswith((b"\n", b"\r")))


def _line_frames(data: bytes, path: str, dtype: pl.Struct, chunk_rows: int, first_line: int = 1,
                 ends_with_newline: bool | None = None):
    """Any file, line by line: blank lines kept, Windows-1258 decoded, malformed JSON located exactly."""
    try:
        lines = _split_lines(data, path)
    except FileFault as fault:
        if first_line == 1 or fault.line is None:
            raise
        raise FileFault(path, fault.detail, line=fault.line + first_line - 1, column=fault.column) from None
    while lines and not lines[-1].strip():
        lines.pop()
    if ends_with_newline is None:
        ends_with_newline = data.rstrip(b" \t").endswith((b"\n", b"\r"))
    last_line_no = first_line + len(lines) - 1
    for start in range(0, len(lines), chunk_rows):
        chunk_lines = lines[start:start + chunk_rows]
        frame = _decode_lines(chunk_lines, first_line + start, dtype, path, ends_with_newline, last_line_no)
        yield frame, first_line + start, None


def _good_output(kind: SourceKind, good: pl.DataFrame, file_id, file_date, pseudonymizer,
                 ma_tinh: str | None) -> pl.DataFrame:
    """The typed raw-table columns of the good rows; file_id/file_date: one value, or a Series per row;
    ma_tinh: the zone's province, a constant column."""
    pseudonym = []
    if kind.pseudonym:   # (source field, raw column): a keyed pseudonym of a personal identifier
        source, column = kind.pseudonym
        good = good.with_columns(Pseudonymizer.normalise_expr(pl.col(source)).alias("_norm"))
        good = good.join(pseudonymizer.mapping_frame(good["_norm"], column), on="_norm", how="left",
                         maintain_order="left")
        pseudonym = [pl.col(column)]
    return good.select(
        *[(pl.col("_ts_" + c.source) if c.kind == TIMESTAMP else pl.col(c.source)).alias(c.target)
          for c in kind.columns],
        *pseudonym,
        _per_row(file_date, "_file_date", pl.Date),
        pl.lit(ma_tinh, dtype=pl.String).alias("_ma_tinh"),
        _per_row(file_id, "_file_id", pl.Int64),
        pl.col("_line_no"),
    )


def _per_row(value, name: str, dtype) -> pl.Expr:
    if isinstance(value, pl.Series):
        return pl.lit(value.cast(dtype)).alias(name)
    return pl.lit(value, dtype=dtype).alias(name)


def _good_chunk(kind: SourceKind, good: pl.DataFrame, file_id: int, file_date, pseudonymizer,
                ma_tinh: str | None) -> Chunk:
    output = _good_output(kind, good, file_id, file_date, pseudonymizer, ma_tinh)
    return Chunk(kind.table, output.columns, _csv_bytes(output), good.height)


def _csv_bytes(frame: pl.DataFrame) -> bytes:
    """COPY CSV payload, written by polars straight into bytes (no str round trip)."""
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, datetime_format="%Y-%m-%d %H:%M:%S")
    return buffer.getvalue()


def _quarantine_chunk(kind: SourceKind, bad: pl.DataFrame, file_id: int, raw_source, first_line: int) -> Chunk:
    if isinstance(raw_source, bytes):   # fast path: cut the offending lines out of the chunk's bytes
        lines = raw_source.split(b"\n")
        raw = [lines[n - first_line].decode("utf-8", "replace").rstrip("\r") for n in bad["_line_no"].to_list()]
        bad = bad.with_columns(pl.Series("raw_line", raw, dtype=pl.String))
    quarantine = bad.select(
        pl.lit(file_id, dtype=pl.Int64).alias("file_id"), pl.lit(kind.name).alias("source_kind"),
        pl.col("_line_no").alias("line_no"), pl.col("_column").alias("column_name"),
        pl.col("_value").alias("value"), pl.col("_reason").alias("reason"),
        pl.col("raw_line").str.strip_suffix("\r").alias("raw_line"),
    )
    return Chunk("raw.quarantine", QUARANTINE_COLUMNS, _csv_bytes(quarantine), bad.height)


def _split_lines(data: bytes, path: str) -> list[str]:
    """Physical lines as text (BOM and CR dropped); Windows-1258 decoded, or a located FileFault."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_landing_file(data, path)[0]   # Windows-1258, or a FileFault naming line and column
    else:
        if not text.strip():
            raise FileFault(path, "empty file (no data line)", line=1)
        if "\x00" in text:
            decode_landing_file(data, path)         # raises the located NUL-byte fault
    lines = text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in lines]


# --------------------------------------------------------------------------- several small files at once
def batchable_body(data: bytes) -> bytes | None:
    """The JSON lines of a file that may share a polars batch with others (UTF-8 BOM dropped, trailing
    blank lines dropped), or None if it needs the per-file path (empty, NUL bytes, leading whitespace)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    body = data.rstrip(b" \t\r\n")
    if not body or b"\x00" in body or body[:1].isspace():
        return None
    return body   # blank lines inside: found by prepare_jsonl_batch, which then declines the batch


def prepare_jsonl_batch(kind: SourceKind, bodies: list[bytes], file_ids: list[int], file_dates: list,
                        pseudonymizer: Pseudonymizer, line_counts: list[int] | None = None, *,
                        ma_tinh: str | None = None) -> list[tuple[list[Chunk], FileCounts]] | None:
    """Prepare several small files (bodies from `batchable_body`) with one pass of polars.

    Daily files hold a few thousand lines, so polars' fixed cost per call dominated when files went one by
    one. The rows keep their file (file id, file date, line number within the file) and come out as one
    (chunks, counts) per file, equal to what prepare_jsonl yields for that file alone. Returns None when
    polars rejects the batch (some line is not a clean JSON object): the caller then prepares the files
    one by one, which locates the fault or takes the slow path for that file only.
    """
    schema = {c.source: pl.String for c in kind.columns}
    if line_counts is None:
        line_counts = [body.count(b"\n") + 1 for body in bodies]
    line_counts = np.array(line_counts, dtype=np.int64)
    total = int(line_counts.sum())
    joined = b"\n".join(bodies)
    text = np.frombuffer(joined, dtype=np.uint8)
    if (text[np.flatnonzero(text == ord("\n")) + 1] != ord("{")).any():
        return None   # a line not starting with '{' (blank, indented, not an object): the per-file path
    try:
        frame = pl.read_ndjson(io.BytesIO(joined), schema=schema)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != total:
        return None
    file_index = np.repeat(np.arange(len(bodies), dtype=np.int64), line_counts)
    first_row = np.cumsum(line_counts) - line_counts
    frame = frame.with_columns(
        pl.Series("_line_no", np.arange(total, dtype=np.int64) - first_row[file_index] + 1),
        pl.lit(False).alias("_blank"),
        pl.Series("_file_index", file_index),
    )
    good, bad = _split_checked(frame, kind, _checks(kind))
    good_index = good.get_column("_file_index")
    ids = pl.Series(file_ids, dtype=pl.Int64)
    dates = pl.Series(file_dates, dtype=pl.Date)
    output = _good_output(kind, good, ids.gather(good_index), dates.gather(good_index), pseudonymizer, ma_tinh)
    good_counts = np.bincount(good_index.to_numpy(), minlength=len(bodies))
    bad_counts = np.bincount(bad.get_column("_file_index").to_numpy(), minlength=len(bodies)) \
        if bad.height else np.zeros(len(bodies), dtype=np.int64)
    prepared, offset = [], 0
    for i, body in enumerate(bodies):
        chunks = []
        loaded, quarantined = int(good_counts[i]), int(bad_counts[i])
        if loaded:
            chunks.append(Chunk(kind.table, output.columns, _csv_bytes(output.slice(offset, loaded)), loaded))
            offset += loaded
        if quarantined:
            chunks.append(_quarantine_chunk(kind, bad.filter(pl.col("_file_index") == i), file_ids[i], body, 1))
        prepared.append((chunks, FileCounts(int(line_counts[i]), loaded, quarantined)))
    return prepared

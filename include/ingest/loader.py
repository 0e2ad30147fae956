"""Landing zone → raw layer: discovery, manifest, one COPY transaction per file.

Two threads: a reader that hashes, decodes, checks and types each file into COPY
payloads (chunk by chunk), and a writer that COPYs them and commits each file
together with its manifest entry. While PostgreSQL ingests one chunk the reader
prepares the next, so parsing and COPY overlap on two cores. The reader reads and
hashes files ahead in a third thread (hashlib releases the GIL), and prepares small
clean dossier-log files several at a time (polars' fixed cost per call used to
dominate daily files of a few thousand lines). The writer needs three round trips
per file (open + manifest, COPY, counts + commit): every round trip also waits for
the GIL and the CPU, which the reader keeps busy.
"""
from __future__ import annotations

import hashlib
import logging
import queue
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from include.ingest.csv_source import prepare_csv
from include.ingest.decoding import FileFault, decode_landing_file
from include.ingest.jsonl_source import Pseudonymizer, batchable_body, prepare_jsonl, prepare_jsonl_batch
from include.ingest.rows import Chunk, FileCounts
from include.ingest.sources import SOURCE_GROUPS, SOURCE_KINDS, SourceKind, match_source_kind

log = logging.getLogger(__name__)

SCHEMA_SQL = Path(__file__).with_name("raw_schema.sql")
LOCAL_TIME_ZONE = "Asia/Ho_Chi_Minh"
DEFAULT_CHUNK_ROWS = 25_000
_QUEUE_DEPTH = 3          # prepared chunks (or batches of small files) waiting for COPY (bounds memory)
_COPY_READ_SIZE = 1 << 20
_READ_AHEAD_BYTES = 64 << 20   # files read and hashed ahead of the preparation
_READ_AHEAD_FILES = 16
_FILE_ID_BLOCK = 32       # file ids fetched per round trip (unused ones are a gap in the sequence)


class IngestError(RuntimeError):
    """The landing zone cannot be loaded (missing dir/reference files) or some files failed."""


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


class LoadResults(list):
    """list[FileResult], plus `warnings`: landing-zone files that match no source pattern (not in the manifest)."""

    def __init__(self, results=(), warnings=()):
        super().__init__(results)
        self.warnings: list[str] = list(warnings)


@dataclass
class _PlannedFile:
    path: Path
    relative: str
    kind: SourceKind
    name_date: str | None


@dataclass
class _Started:
    planned: _PlannedFile
    file_id: int
    size: int
    sha256: str
    file_date: date | None
    started_at: float = field(default_factory=time.time)


# --------------------------------------------------------------------------- schema
def ensure_raw_schema(url: str) -> None:
    """Create the raw schema, manifest and quarantine tables (idempotent, safe to run concurrently)."""
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select pg_advisory_xact_lock(hashtext('cchc.ensure_raw_schema'))")
            cur.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    finally:
        conn.close()


# --------------------------------------------------------------------------- discovery
def _selected_kinds(kinds: Iterable[str] | None) -> list[SourceKind]:
    if kinds is None:
        return list(SOURCE_KINDS.values())
    names = list(kinds)
    unknown = [k for k in names if k not in SOURCE_KINDS]
    if unknown:
        raise IngestError(f"unknown source kind(s) {unknown}; known: {sorted(SOURCE_KINDS)}")
    return [SOURCE_KINDS[k] for k in SOURCE_KINDS if k in names]


def discover(landing_dir: Path, kinds: list[SourceKind]) -> tuple[list[_PlannedFile], list[str]]:
    """Files of the selected kinds, in load order, and the paths that match no source pattern."""
    selected = {k.name for k in kinds}
    planned, unknown = [], []
    for path in sorted(p for p in landing_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(landing_dir).as_posix()
        match = match_source_kind(relative)
        if match is None:
            unknown.append(relative)
        elif match[0].name in selected:
            planned.append(_PlannedFile(path, relative, match[0], match[1]))
    order = {name: i for i, name in enumerate(SOURCE_KINDS)}
    planned.sort(key=lambda f: (order[f.kind.name], f.name_date or "", f.relative))
    return planned, unknown


def _date_from_name(planned: _PlannedFile) -> date | None:
    text = planned.name_date
    if text is None:
        return None
    try:
        if planned.kind.name_date == "year":
            return date(int(text), 1, 1)
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise FileFault(planned.relative, f"invalid date '{text}' in the file name") from None


def _name_value(planned: _PlannedFile, file_date: date | None):
    """Value of the raw column taken from the file name (snapshot_date, nam, _file_date)."""
    if planned.kind.name_date == "year":
        return file_date.year
    return file_date


# --------------------------------------------------------------------------- reader thread
class _Reader(threading.Thread):
    """Hashes, decodes, checks and types files; puts messages for the writer on a bounded queue.

    Messages: ("skip", planned, previous) | ("start", _Started) | ("chunk", Chunk) | ("end", FileCounts) |
    ("fault", error) | ("many", [messages]) (a batch of small files, in file order) | ("crash", exc)."""

    def __init__(self, url: str, files: list[_PlannedFile], loaded: dict[str, tuple], chunk_rows: int,
                 pseudonymizer: Pseudonymizer):
        super().__init__(name="ingest-reader", daemon=True)
        self.url, self.files, self.loaded, self.chunk_rows = url, files, loaded, chunk_rows
        self.pseudonymizer = pseudonymizer
        self.messages: queue.Queue = queue.Queue(maxsize=_QUEUE_DEPTH)
        self.stop = threading.Event()
        self._file_ids: list[int] = []
        self._entries: list = []     # in file order: ("ready", [messages]) | ("batched", _Started, data, body, lines)
        self._batch_lines = 0

    def _put(self, message) -> None:
        while not self.stop.is_set():
            try:
                self.messages.put(message, timeout=0.5)
                return
            except queue.Full:
                continue

    def run(self) -> None:
        from include.warehouse import connect

        conn = connect(self.url)
        conn.autocommit = True
        hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-hash")
        try:
            for planned, (data, sha256) in zip(self.files, self._read_ahead(hasher)):
                if self.stop.is_set():
                    break
                self._read_one(planned, data, sha256, conn)
            if not self.stop.is_set():
                self._flush_batch()
        except BaseException as exc:  # noqa: BLE001 - the writer must learn about it, not hang
            self._put(("crash", exc))
        finally:
            hasher.shutdown(wait=True, cancel_futures=True)
            conn.close()
            self._put(None)

    def _read_ahead(self, hasher: ThreadPoolExecutor):
        """(bytes, sha256) of each file in order, read and hashed by `hasher` a few files ahead."""
        pending: deque[tuple[Future, int]] = deque()
        upcoming = iter(self.files)
        pending_bytes = 0
        while True:
            while len(pending) < _READ_AHEAD_FILES and (not pending or pending_bytes < _READ_AHEAD_BYTES):
                planned = next(upcoming, None)
                if planned is None:
                    break
                size = planned.path.stat().st_size
                pending.append((hasher.submit(_read_and_hash, planned.path), size))
                pending_bytes += size
            if not pending:
                return
            future, size = pending.popleft()
            pending_bytes -= size
            yield future.result()

    def _next_file_id(self, conn) -> int:
        if not self._file_ids:
            with conn.cursor() as cur:
                cur.execute("select nextval(pg_get_serial_sequence('raw.load_manifest', 'file_id')) "
                            "from generate_series(1, %s)", (_FILE_ID_BLOCK,))
                self._file_ids = [row[0] for row in cur.fetchall()]
        return self._file_ids.pop(0)

    def _read_one(self, planned: _PlannedFile, data: bytes, sha256: str, conn) -> None:
        previous = self.loaded.get(planned.relative)
        if previous is not None and previous[1] == sha256:
            self._entries.append(("ready", [("skip", planned, previous)]))
            return
        started = _Started(planned, self._next_file_id(conn), len(data), sha256, None)
        try:
            started.file_date = _date_from_name(planned)
        except FileFault as fault:
            self._entries.append(("ready", [("start", started), ("fault", str(fault))]))
            return
        body = batchable_body(data) if planned.kind.fmt == "jsonl" else None
        lines = body.count(b"\n") + 1 if body is not None else None
        if lines is not None and lines < self.chunk_rows:
            if any(entry[0] == "batched" and entry[1].planned.kind is not planned.kind for entry in self._entries):
                self._flush_batch()   # a batch holds one source kind
            self._entries.append(("batched", started, data, body, lines))
            self._batch_lines += lines
            if self._batch_lines >= self.chunk_rows:
                self._flush_batch()
            return
        self._flush_batch()   # keep the file order
        self._put(("start", started))
        for message in self._file_messages(planned, data, started):
            if self.stop.is_set():
                return
            self._put(message)

    def _flush_batch(self) -> None:
        if not self._entries:
            return
        entries, self._entries, self._batch_lines = self._entries, [], 0
        members = [entry for entry in entries if entry[0] == "batched"]
        prepared = None
        if members:
            kind = members[0][1].planned.kind
            try:
                prepared = prepare_jsonl_batch(kind, [m[3] for m in members], [m[1].file_id for m in members],
                                               [m[1].file_date for m in members], self.pseudonymizer,
                                               [m[4] for m in members])
            except Exception:  # noqa: BLE001 - the files one by one will fail (or load) each on its own
                log.exception("batch preparation failed; preparing the files one by one")
            prepared = iter(prepared) if prepared is not None else None
        messages = []
        for entry in entries:
            if entry[0] == "ready":
                messages.extend(entry[1])
                continue
            started, data = entry[1], entry[2]
            messages.append(("start", started))
            if prepared is not None:
                chunks, counts = next(prepared)
                messages.extend(("chunk", chunk) for chunk in chunks)
                messages.append(("end", counts))
            else:
                messages.extend(self._file_messages(started.planned, data, started))
        self._put(("many", messages))

    def _file_messages(self, planned: _PlannedFile, data: bytes, started: _Started):
        """The messages after 'start' for one file, lazily (a chunk is COPYed while the next is prepared)."""
        try:
            for item in self._prepare(planned, data, started):
                yield ("chunk", item) if isinstance(item, Chunk) else ("end", item)
        except FileFault as fault:
            yield ("fault", str(fault))
        except Exception as exc:  # noqa: BLE001 - an unforeseen input problem fails this file only
            log.exception("unexpected error while reading %s", planned.relative)
            yield ("fault", f"{planned.relative}: unexpected error while reading: {type(exc).__name__}: {exc}")

    def _prepare(self, planned: _PlannedFile, data: bytes, started: _Started):
        kind = planned.kind
        if kind.fmt == "jsonl":
            return prepare_jsonl(kind, data, planned.relative, started.file_id, started.file_date,
                                 self.chunk_rows, self.pseudonymizer)
        text, encoding = decode_landing_file(data, planned.relative)
        if encoding != "utf-8":
            log.warning("%s decoded as %s", planned.relative, encoding)
        return prepare_csv(kind, text, planned.relative, started.file_id,
                           _name_value(planned, started.file_date) if kind.name_date_column else None,
                           self.chunk_rows)


def _read_and_hash(path: Path) -> tuple[bytes, str]:
    data = path.read_bytes()
    return data, hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- writer (this thread)
class _ReadAll:
    """File-like over bytes with large reads, for copy_expert."""

    def __init__(self, payload: bytes):
        self._view, self._pos = memoryview(payload), 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else self._pos + size
        piece = self._view[self._pos:end]
        self._pos += len(piece)
        return bytes(piece)

    readline = read


def _fetch_loaded(url: str) -> dict[str, tuple]:
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select path, sha256, file_id, rows_read, rows_loaded, rows_quarantined "
                        "from raw.load_manifest where status = 'LOADED'")
            return {row[0]: (row[2], row[1], row[3], row[4], row[5]) for row in cur.fetchall()}
    finally:
        conn.close()


class _Writer:
    """COPYs the prepared chunks; one transaction per file, opened and committed by explicit SQL (autocommit
    connection) so that each step is one round trip: begin + lock + manifest row, COPY, counts + commit."""

    _INSERT_MANIFEST = (
        "insert into raw.load_manifest (file_id, source_kind, path, size_bytes, sha256, file_date, status, "
        "started_at) select %(file_id)s, %(kind)s, %(path)s, %(size)s, %(sha256)s, %(file_date)s, 'LOADED', "
        "to_timestamp(%(started_at)s)")

    def __init__(self, url: str):
        from include.warehouse import connect

        self.conn = connect(url)
        self.conn.autocommit = True
        with self.conn.cursor() as cur:
            cur.execute(f"set time zone '{LOCAL_TIME_ZONE}'")   # yyyyMMddHHmmss values are local time

    def close(self) -> None:
        self.conn.close()

    def begin_file(self, started: _Started) -> tuple | None:
        """Open the file's transaction; return the loaded entry if an identical copy got loaded meanwhile."""
        params = {"file_id": started.file_id, "kind": started.planned.kind.name, "path": started.planned.relative,
                  "size": started.size, "sha256": started.sha256, "file_date": started.file_date,
                  "started_at": started.started_at}
        self.superseded, self.copied = [], {}
        with self.conn.cursor() as cur:
            # Under the path's lock: our manifest row goes in unless a copy is loaded; then the loaded row.
            cur.execute(
                "begin; select pg_advisory_xact_lock(hashtext('cchc.ingest:' || %(path)s)); "
                + self._INSERT_MANIFEST + " where not exists (select 1 from raw.load_manifest "
                "where path = %(path)s and status = 'LOADED'); "
                "select file_id, sha256, rows_read, rows_loaded, rows_quarantined from raw.load_manifest "
                "where path = %(path)s and status = 'LOADED'", params)
            row = cur.fetchone()
            if row[0] == started.file_id:
                return None
            if row[1] == started.sha256:
                cur.execute("rollback")
                return (row[0], row[1], row[2], row[3], row[4])
            # A changed re-delivery: the copy it replaces is superseded in this transaction (a failure rolls
            # it back), and its rows are deleted at the end of the file.
            cur.execute("update raw.load_manifest set status = 'SUPERSEDED' where file_id = %(old)s; "
                        + self._INSERT_MANIFEST, {**params, "old": row[0]})
            self.superseded = [row[0]]
        return None

    def copy(self, chunk: Chunk) -> None:
        with self.conn.cursor() as cur:
            cur.copy_expert(f"copy {chunk.table} ({', '.join(chunk.columns)}) from stdin with (format csv)",
                            _ReadAll(chunk.payload), size=_COPY_READ_SIZE)
            if cur.rowcount != chunk.rows:
                raise IngestError(f"COPY into {chunk.table} stored {cur.rowcount} rows, expected {chunk.rows}")
        self.copied[chunk.table] = self.copied.get(chunk.table, 0) + chunk.rows

    def finish_file(self, started: _Started, counts: FileCounts) -> None:
        kind = started.planned.kind
        if counts.rows_read != counts.rows_loaded + counts.rows_quarantined:
            raise IngestError(f"rows read {counts.rows_read} != loaded {counts.rows_loaded} "
                              f"+ quarantined {counts.rows_quarantined}")
        if self.copied.get(kind.table, 0) != counts.rows_loaded or \
                self.copied.get("raw.quarantine", 0) != counts.rows_quarantined:
            raise IngestError(f"copied {self.copied} does not match counts {counts}")
        sql = ""
        if self.superseded:   # a changed re-delivery replaces the rows of the copy it supersedes, only those
            sql = (f"delete from {kind.table} where _file_id = any(%(superseded)s); "
                   "delete from raw.quarantine where file_id = any(%(superseded)s); ")
        sql += ("update raw.load_manifest set rows_read = %(read)s, rows_loaded = %(loaded)s, "
                "rows_quarantined = %(quarantined)s, finished_at = clock_timestamp() where file_id = %(file_id)s; "
                "commit")
        with self.conn.cursor() as cur:
            cur.execute(sql, {"superseded": self.superseded, "read": counts.rows_read, "loaded": counts.rows_loaded,
                              "quarantined": counts.rows_quarantined, "file_id": started.file_id})

    def record_failure(self, started: _Started, error: str) -> None:
        with self.conn.cursor() as cur:
            cur.execute("rollback")   # the file's transaction, if open (else a mere warning)
            cur.execute(
                "insert into raw.load_manifest (file_id, source_kind, path, size_bytes, sha256, file_date, status, "
                "started_at, finished_at, error) values (%s, %s, %s, %s, %s, %s, 'FAILED', to_timestamp(%s), "
                "clock_timestamp(), %s)",
                (started.file_id, started.planned.kind.name, started.planned.relative, started.size,
                 started.sha256, started.file_date, started.started_at, error))


def load_landing_zone(url: str, landing_dir: Path, kinds: Iterable[str] | None = None, *,
                      chunk_rows: int = DEFAULT_CHUNK_ROWS) -> LoadResults:
    """Load every new or changed file of `kinds` (default: all); never raises for a bad file."""
    from include.config import pseudonym_secret

    landing_dir = Path(landing_dir)
    if not landing_dir.is_dir():
        raise IngestError(f"landing directory {landing_dir} does not exist or is not a directory")
    selected = _selected_kinds(kinds)
    planned, unknown = discover(landing_dir, selected)
    present = {f.kind.name for f in planned}
    missing = [k.pattern.pattern.replace("\\", "") for k in selected if k.required_file and k.name not in present]
    if missing:
        raise IngestError(f"required reference file(s) missing from the landing zone {landing_dir}: "
                          + ", ".join(missing))
    for path in unknown:
        log.warning("landing zone file matches no source of SOURCES.md, not loaded: %s", path)

    ensure_raw_schema(url)
    loaded = _fetch_loaded(url)
    reader = _Reader(url, planned, loaded, chunk_rows, Pseudonymizer(pseudonym_secret()))
    writer = _Writer(url)
    results = LoadResults(warnings=[f"unknown file (matches no source pattern): {p}" for p in unknown])
    reader.start()
    try:
        _drain(reader, writer, results)
    finally:
        reader.stop.set()
        writer.close()
        reader.join(timeout=30)
    return results


def _messages(reader: _Reader):
    while True:
        message = reader.messages.get()
        if message is None:
            return
        if message[0] == "many":
            yield from message[1]
        else:
            yield message


def _drain(reader: _Reader, writer: _Writer, results: LoadResults) -> None:
    started: _Started | None = None
    failed: str | None = None      # error of the current file (its remaining chunks are dropped)
    skipped: tuple | None = None   # identical copy loaded concurrently: drop the rest of the file
    for message in _messages(reader):
        tag = message[0]
        if tag == "crash":
            raise message[1]
        if tag == "skip":
            planned, previous = message[1], message[2]
            results.append(FileResult(planned.relative, planned.kind.name, "SKIPPED", previous[2], previous[3],
                                      previous[4], None, previous[0]))
            log.info("%s unchanged (sha256 %s), skipped", planned.relative, previous[1][:12])
            continue
        if tag == "start":
            started, failed, skipped = message[1], None, None
            try:
                skipped = writer.begin_file(started)
            except Exception as exc:  # noqa: BLE001
                failed = f"{started.planned.relative}: database error: {exc}".strip()
            continue
        if skipped is not None:
            if tag in ("end", "fault"):
                results.append(FileResult(started.planned.relative, started.planned.kind.name, "SKIPPED",
                                          skipped[2], skipped[3], skipped[4], None, skipped[0]))
            continue
        if tag == "chunk":
            if failed is None:
                try:
                    writer.copy(message[1])
                except Exception as exc:  # noqa: BLE001 - fail this file, keep loading the others
                    failed = f"{started.planned.relative}: database error during COPY: {exc}".strip()
            continue
        if tag == "end" and failed is None:
            counts: FileCounts = message[1]
            try:
                writer.finish_file(started, counts)
            except Exception as exc:  # noqa: BLE001
                failed = f"{started.planned.relative}: {type(exc).__name__} at commit: {exc}".strip()
            else:
                results.append(FileResult(started.planned.relative, started.planned.kind.name, "LOADED",
                                          counts.rows_read, counts.rows_loaded, counts.rows_quarantined, None,
                                          started.file_id))
                log.info("%s loaded: %d rows read, %d loaded, %d quarantined", started.planned.relative,
                         counts.rows_read, counts.rows_loaded, counts.rows_quarantined)
                continue
        if tag == "fault":
            failed = failed or message[1]
        # 'end' after a failure, or 'fault': the file fails as a whole.
        writer.record_failure(started, failed)
        results.append(FileResult(started.planned.relative, started.planned.kind.name, "FAILED",
                                  error=failed, file_id=started.file_id))
        log.error("file failed: %s", failed)


def load_group(url: str, landing_dir: Path, group: str) -> LoadResults:
    """Load one source group; after every file was attempted, raise IngestError if any failed."""
    if group not in SOURCE_GROUPS:
        raise IngestError(f"unknown source group {group!r}; known: {sorted(SOURCE_GROUPS)}")
    results = load_landing_zone(url, landing_dir, SOURCE_GROUPS[group])
    failed = [r for r in results if r.status == "FAILED"]
    if failed:
        raise IngestError(f"{len(failed)} file(s) of group {group!r} failed to load:\n"
                          + "\n".join(f"- {r.error}" for r in failed))
    return results

"""The reader thread: hashes, decodes, checks and types each file into COPY payloads, chunk by chunk.

While PostgreSQL ingests one chunk the reader prepares the next, so parsing and COPY
overlap on two cores. Files are read and hashed ahead in a third thread (hashlib
releases the GIL), and small clean dossier-log files are prepared several at a time
(polars' fixed cost per call used to dominate daily files of a few thousand lines).
"""
from __future__ import annotations

import hashlib
import logging
import queue
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from include.ingest.csv_source import prepare_csv
from include.ingest.decoding import FileFault, decode_landing_file
from include.ingest.discovery import date_from_name, name_value
from include.ingest.jsonl_source import batchable_body, prepare_jsonl, prepare_jsonl_batch
from include.ingest.pseudonyms import Pseudonymizer
from include.ingest.records import LoadedFile, PlannedFile, StartedFile
from include.ingest.rows import Chunk

log = logging.getLogger(__name__)

QUEUE_DEPTH = 3           # prepared chunks (or batches of small files) waiting for COPY (bounds memory)
READ_AHEAD_BYTES = 64 << 20   # files read and hashed ahead of the preparation
READ_AHEAD_FILES = 16
FILE_ID_BLOCK = 32        # file ids fetched per round trip (unused ones are a gap in the sequence)


@dataclass
class _BatchedFile:
    """A small dossier-log file waiting to be prepared together with its neighbours."""

    started: StartedFile
    data: bytes
    body: bytes
    lines: int


class Reader(threading.Thread):
    """Puts messages for the writer on a bounded queue, in file order.

    Messages: ("skip", PlannedFile, LoadedFile) | ("start", StartedFile) | ("chunk", Chunk) |
    ("end", FileCounts) | ("fault", error) | ("many", [messages]) (a batch of small files) |
    ("crash", exc); None when done."""

    def __init__(self, url: str, files: list[PlannedFile], loaded: dict[str, LoadedFile], chunk_rows: int,
                 pseudonymizer: Pseudonymizer):
        super().__init__(name="ingest-reader", daemon=True)
        self.url, self.files, self.loaded, self.chunk_rows = url, files, loaded, chunk_rows
        self.pseudonymizer = pseudonymizer
        self.messages: queue.Queue = queue.Queue(maxsize=QUEUE_DEPTH)
        self.stop = threading.Event()
        self._file_ids: list[int] = []
        self._entries: list[list | _BatchedFile] = []   # in file order: ready messages, or a file to batch
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
            while len(pending) < READ_AHEAD_FILES and (not pending or pending_bytes < READ_AHEAD_BYTES):
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
                            "from generate_series(1, %s)", (FILE_ID_BLOCK,))
                self._file_ids = [row[0] for row in cur.fetchall()]
        return self._file_ids.pop(0)

    def _read_one(self, planned: PlannedFile, data: bytes, sha256: str, conn) -> None:
        loaded = self.loaded.get(planned.relative)
        if loaded is not None and loaded.sha256 == sha256:
            self._entries.append([("skip", planned, loaded)])
            return
        started = StartedFile(planned, self._next_file_id(conn), len(data), sha256, None)
        try:
            started.file_date = date_from_name(planned)
        except FileFault as fault:
            self._entries.append([("start", started), ("fault", str(fault))])
            return
        body = batchable_body(data) if planned.kind.fmt == "jsonl" else None
        lines = body.count(b"\n") + 1 if body is not None else None
        if lines is not None and lines < self.chunk_rows:
            if any(isinstance(entry, _BatchedFile) and entry.started.planned.kind is not planned.kind
                   for entry in self._entries):
                self._flush_batch()   # a batch holds one source kind
            self._entries.append(_BatchedFile(started, data, body, lines))
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
        members = [entry for entry in entries if isinstance(entry, _BatchedFile)]
        prepared = None
        if members:
            kind = members[0].started.planned.kind
            kind_zone = members[0].started.planned.ma_tinh   # a load covers one zone: one province
            try:
                prepared = prepare_jsonl_batch(kind, [m.body for m in members], [m.started.file_id for m in members],
                                               [m.started.file_date for m in members], self.pseudonymizer,
                                               [m.lines for m in members], ma_tinh=kind_zone)
            except Exception:  # noqa: BLE001 - the files one by one will fail (or load) each on its own
                log.exception("batch preparation failed; preparing the files one by one")
            prepared = iter(prepared) if prepared is not None else None
        messages = []
        for entry in entries:
            if not isinstance(entry, _BatchedFile):
                messages.extend(entry)
                continue
            messages.append(("start", entry.started))
            if prepared is not None:
                chunks, counts = next(prepared)
                messages.extend(("chunk", chunk) for chunk in chunks)
                messages.append(("end", counts))
            else:
                messages.extend(self._file_messages(entry.started.planned, entry.data, entry.started))
        self._put(("many", messages))

    def _file_messages(self, planned: PlannedFile, data: bytes, started: StartedFile):
        """The messages after 'start' for one file, lazily (a chunk is COPYed while the next is prepared)."""
        try:
            for item in self._prepare(planned, data, started):
                yield ("chunk", item) if isinstance(item, Chunk) else ("end", item)
        except FileFault as fault:
            yield ("fault", str(fault))
        except Exception as exc:  # noqa: BLE001 - an unforeseen input problem fails this file only
            log.exception("unexpected error while reading %s", planned.shown)
            yield ("fault", f"{planned.shown}: unexpected error while reading: {type(exc).__name__}: {exc}")

    def _prepare(self, planned: PlannedFile, data: bytes, started: StartedFile):
        kind = planned.kind
        if kind.fmt == "jsonl":
            return prepare_jsonl(kind, data, planned.shown, started.file_id, started.file_date,
                                 self.chunk_rows, self.pseudonymizer, ma_tinh=planned.ma_tinh)
        text, encoding = decode_landing_file(data, planned.shown)
        if encoding != "utf-8":
            log.warning("%s decoded as %s", planned.shown, encoding)
        return prepare_csv(kind, text, planned.shown, started.file_id,
                           name_value(planned, started.file_date) if kind.name_date_column else None,
                           self.chunk_rows, ma_tinh=planned.ma_tinh)


def _read_and_hash(path: Path) -> tuple[bytes, str]:
    data = path.read_bytes()
    return data, hashlib.sha256(data).hexdigest()

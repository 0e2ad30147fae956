"""Landing zone → raw layer, exactly once per file: discovery, then a reader and a writer thread.

discovery.py plans the files; reader.py hashes, decodes, checks and types them into
COPY payloads in its own thread; writer.py (this thread) COPYs each file in one
transaction together with its manifest entry. The writer needs three round trips
per file (open + manifest, COPY, counts + commit): every round trip also waits for
the GIL and the CPU, which the reader keeps busy.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable

from include.ingest.discovery import discover, selected_kinds
from include.ingest.pseudonyms import Pseudonymizer
from include.ingest.reader import Reader
from include.ingest.records import FileResult, IngestError, LoadedFile, LoadResults, StartedFile
from include.ingest.rows import FileCounts
from include.ingest.sources import SOURCE_GROUPS
from include.ingest.writer import Writer, ensure_raw_schema, fetch_loaded

log = logging.getLogger(__name__)

DEFAULT_CHUNK_ROWS = 25_000


def load_landing_zone(url: str, landing_dir: Path, kinds: Iterable[str] | None = None, *,
                      chunk_rows: int = DEFAULT_CHUNK_ROWS) -> LoadResults:
    """Load every new or changed file of `kinds` (default: all); never raises for a bad file."""
    from include.config import pseudonym_secret

    landing_dir = Path(landing_dir)
    if not landing_dir.is_dir():
        raise IngestError(f"landing directory {landing_dir} does not exist or is not a directory")
    selected = selected_kinds(kinds)
    planned, unknown = discover(landing_dir, selected)
    present = {f.kind.name for f in planned}
    missing = [k.pattern.pattern.replace("\\", "") for k in selected if k.required_file and k.name not in present]
    if missing:
        raise IngestError(f"required reference file(s) missing from the landing zone {landing_dir}: "
                          + ", ".join(missing))
    for path in unknown:
        log.warning("landing zone file matches no source of SOURCES.md, not loaded: %s", path)

    ensure_raw_schema(url)
    loaded = fetch_loaded(url)
    reader = Reader(url, planned, loaded, chunk_rows, Pseudonymizer(pseudonym_secret()))
    writer = Writer(url)
    results = LoadResults(warnings=[f"unknown file (matches no source pattern): {p}" for p in unknown])
    reader.start()
    try:
        _drain(reader, writer, results)
    finally:
        reader.stop.set()
        writer.close()
        reader.join(timeout=30)
    return results


def _messages(reader: Reader):
    while True:
        message = reader.messages.get()
        if message is None:
            return
        if message[0] == "many":
            yield from message[1]
        else:
            yield message


def _drain(reader: Reader, writer: Writer, results: LoadResults) -> None:
    started: StartedFile | None = None
    failed: str | None = None      # error of the current file (its remaining chunks are dropped)
    skipped: LoadedFile | None = None   # identical copy loaded concurrently: drop the rest of the file
    for message in _messages(reader):
        tag = message[0]
        if tag == "crash":
            raise message[1]
        if tag == "skip":
            planned, loaded = message[1], message[2]
            results.append(FileResult.skipped(planned, loaded))
            log.info("%s unchanged (sha256 %s), skipped", planned.relative, loaded.sha256[:12])
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
                results.append(FileResult.skipped(started.planned, skipped))
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
                                          rows_read=counts.rows_read, rows_loaded=counts.rows_loaded,
                                          rows_quarantined=counts.rows_quarantined, file_id=started.file_id))
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

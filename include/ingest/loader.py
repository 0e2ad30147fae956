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
from include.ingest.records import FileResult, IngestError, LoadedFile, LoadResults, PlannedFile, StartedFile
from include.ingest.rows import FileCounts
from include.ingest.sources import SOURCE_GROUPS, SOURCE_KINDS
from include.ingest.writer import Writer, ensure_raw_schema, fetch_loaded
from include.ingest.zones import Zone, find_zones, read_province

log = logging.getLogger(__name__)

DEFAULT_CHUNK_ROWS = 25_000


def load_landing_zone(url: str, landing_dir: Path, kinds: Iterable[str] | None = None, *,
                      chunk_rows: int = DEFAULT_CHUNK_ROWS, provinces: Iterable[str] | None = None) -> LoadResults:
    """Load every new or changed file of `kinds` (default: all); never raises for a bad file.

    `landing_dir` is one province's zone or a root of zones (`<root>/<ma_tinh>/`, see zones.py); `provinces`
    limits a load to those province codes. In a root, a zone that cannot be loaded at all (no or a
    contradictory reference/province.csv, a required reference file missing) does not stop the other
    zones: they load, then IngestError names every such zone.
    """
    selected = selected_kinds(kinds)
    zones, is_root = find_zones(Path(landing_dir))
    wanted = None if provinces is None else set(provinces)
    results = LoadResults()
    if is_root:
        loose = sorted(p.name for p in Path(landing_dir).iterdir() if p.is_file() and not p.name.startswith("."))
        results.warnings.extend(f"file outside every province's zone (<root>/<ma_tinh>/): {name}" for name in loose)
        for name in loose:
            log.warning("landing root file outside every province's zone, not loaded: %s", name)
    zone_errors: list[str] = []
    present: set[str] = set()      # province codes of the zones looked at
    schema_ready = False
    for zone in zones:
        if zone.folder is not None:
            present.add(zone.folder)
            if wanted is not None and zone.folder not in wanted:
                continue
        try:
            zone = read_province(zone)
            present.add(zone.ma_tinh)
            if wanted is not None and zone.ma_tinh not in wanted:
                continue
            planned, unknown = _plan_zone(zone, selected)
            if not schema_ready:
                ensure_raw_schema(url)
                schema_ready = True
        except IngestError as exc:
            if not is_root:
                raise
            zone_errors.append(str(exc))
            log.error("landing zone %s not loaded: %s", zone.path, exc)
            continue
        results.warnings.extend(f"unknown file (matches no source pattern): {zone.label}{p}" for p in unknown)
        _load_zone(url, zone, planned, chunk_rows, results)
    analyze_loaded_tables(url, results)
    if zone_errors:
        raise IngestError(f"{len(zone_errors)} landing zone(s) of the root {landing_dir} could not be loaded "
                          "(the other zones were):\n" + "\n".join(f"- {e}" for e in zone_errors))
    absent = sorted(wanted - present) if wanted is not None else []
    if absent:
        raise IngestError(f"province(s) {', '.join(absent)} not in the landing directory {landing_dir} "
                          f"(it holds: {', '.join(sorted(present)) or 'none'})")
    return results


def analyze_loaded_tables(url: str, results: LoadResults) -> None:
    """ANALYZE every raw table that received a file (PostgreSQL's advice after a bulk load).

    Autovacuum analyzes a freshly COPYed table only some time later; a dbt build started at once plans
    on no statistics and can pick nested loops over joins that need hashes (dim_agency's recursive
    hierarchy ran for minutes instead of milliseconds that way).
    """
    from include.warehouse import connect

    tables = sorted({SOURCE_KINDS[r.source_kind].table for r in results if r.status == "LOADED"})
    if not tables:
        return
    # The manifest too: every staging model joins it, and a plan made before autovacuum reached it took
    # it for a few rows (dim_agency's hierarchy then joined on ma_tinh alone: minutes at a tiny scale).
    tables += ["raw.load_manifest", "raw.quarantine"]
    conn = connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            for table in tables:
                cur.execute(f"analyze {table}")
    finally:
        conn.close()


def _plan_zone(zone: Zone, selected) -> tuple[list[PlannedFile], list[str]]:
    planned, unknown = discover(zone.path, selected, zone.ma_tinh, zone.label)
    present = {f.kind.name for f in planned}
    missing = [k.pattern.pattern.replace("\\", "") for k in selected if k.required_file and k.name not in present]
    if missing:
        raise IngestError(f"required reference file(s) missing from the landing zone {zone.path}: "
                          + ", ".join(missing))
    for path in unknown:
        log.warning("landing zone file matches no source of SOURCES.md, not loaded: %s%s", zone.label, path)
    return planned, unknown


def _load_zone(url: str, zone: Zone, planned: list[PlannedFile], chunk_rows: int, results: LoadResults) -> None:
    """Load one province's planned files: a reader thread prepares, this thread COPYs."""
    from include.config import pseudonym_secret

    loaded = fetch_loaded(url, zone.ma_tinh)
    reader = Reader(url, planned, loaded, chunk_rows, Pseudonymizer(pseudonym_secret()))
    writer = Writer(url)
    reader.start()
    try:
        _drain(reader, writer, results)
    finally:
        reader.stop.set()
        writer.close()
        reader.join(timeout=30)


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
            log.info("%s unchanged (sha256 %s), skipped", planned.shown, loaded.sha256[:12])
            continue
        if tag == "start":
            started, failed, skipped = message[1], None, None
            try:
                skipped = writer.begin_file(started)
            except Exception as exc:  # noqa: BLE001
                failed = f"{started.planned.shown}: database error: {exc}".strip()
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
                    failed = f"{started.planned.shown}: database error during COPY: {exc}".strip()
            continue
        if tag == "end" and failed is None:
            counts: FileCounts = message[1]
            try:
                writer.finish_file(started, counts)
            except Exception as exc:  # noqa: BLE001
                failed = f"{started.planned.shown}: {type(exc).__name__} at commit: {exc}".strip()
            else:
                results.append(FileResult(started.planned.relative, started.planned.kind.name, "LOADED",
                                          rows_read=counts.rows_read, rows_loaded=counts.rows_loaded,
                                          rows_quarantined=counts.rows_quarantined, file_id=started.file_id,
                                          ma_tinh=started.planned.ma_tinh))
                log.info("%s loaded: %d rows read, %d loaded, %d quarantined", started.planned.shown,
                         counts.rows_read, counts.rows_loaded, counts.rows_quarantined)
                continue
        if tag == "fault":
            failed = failed or message[1]
        # 'end' after a failure, or 'fault': the file fails as a whole.
        writer.record_failure(started, failed)
        results.append(FileResult(started.planned.relative, started.planned.kind.name, "FAILED",
                                  error=failed, file_id=started.file_id, ma_tinh=started.planned.ma_tinh))
        log.error("file failed: %s", failed)


def load_group(url: str, landing_dir: Path, group: str, provinces: Iterable[str] | None = None) -> LoadResults:
    """Load one source group; after every file was attempted, raise IngestError if any failed."""
    if group not in SOURCE_GROUPS:
        raise IngestError(f"unknown source group {group!r}; known: {sorted(SOURCE_GROUPS)}")
    results = load_landing_zone(url, landing_dir, SOURCE_GROUPS[group], provinces=provinces)
    failed = [r for r in results if r.status == "FAILED"]
    if failed:
        raise IngestError(f"{len(failed)} file(s) of group {group!r} failed to load:\n"
                          + "\n".join(f"- {r.error}" for r in failed))
    return results

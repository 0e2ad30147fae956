"""The writer: COPYs prepared chunks into the raw layer, one transaction per file with its manifest row."""
from __future__ import annotations

from pathlib import Path

from include.config import LOCAL_TIME_ZONE
from include.ingest.records import IngestError, LoadedFile, StartedFile
from include.ingest.rows import Chunk, FileCounts

SCHEMA_SQL = Path(__file__).with_name("raw_schema.sql")
COPY_READ_SIZE = 1 << 20
# Manifest note of a file with no data row (0 bytes, or a CSV header alone): loaded as zero rows, not an error.
NO_DATA_ROW_NOTE = "no data row (empty file or header only)"


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


def fetch_loaded(url: str, ma_tinh: str) -> dict[str, LoadedFile]:
    """The LOADED copy of each path of one province's zone, by path (relative to the zone)."""
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select path, file_id, sha256, rows_read, rows_loaded, rows_quarantined "
                        "from raw.load_manifest where status = 'LOADED' and ma_tinh = %s",
                        (ma_tinh,))
            return {row[0]: LoadedFile(*row[1:]) for row in cur.fetchall()}
    finally:
        conn.close()


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


class Writer:
    """COPYs the prepared chunks; one transaction per file, opened and committed by explicit SQL (autocommit
    connection) so that each step is one round trip: begin + lock + manifest row, COPY, counts + commit."""

    _INSERT_MANIFEST = (
        "insert into raw.load_manifest (file_id, ma_tinh, source_kind, path, size_bytes, sha256, file_date, status, "
        "started_at) select %(file_id)s, %(ma_tinh)s, %(kind)s, %(path)s, %(size)s, %(sha256)s, %(file_date)s, "
        "'LOADED', to_timestamp(%(started_at)s)")
    # A file is a path within one province's zone: the same relative path in two provinces is two files.
    _SAME_FILE = "ma_tinh = %(ma_tinh)s and path = %(path)s"

    def __init__(self, url: str):
        import os

        from include.warehouse import connect

        # pg_stat_activity then shows which process holds a file's transaction (operators; the Celery test)
        self.conn = connect(url, application_name=f"cchc-ingest pid={os.getpid()}")
        self.conn.autocommit = True
        with self.conn.cursor() as cur:
            cur.execute(f"set time zone '{LOCAL_TIME_ZONE}'")   # yyyyMMddHHmmss values are local time

    def close(self) -> None:
        self.conn.close()

    def begin_file(self, started: StartedFile) -> LoadedFile | None:
        """Open the file's transaction; return the loaded entry if an identical copy got loaded meanwhile."""
        params = {"file_id": started.file_id, "ma_tinh": started.planned.ma_tinh,
                  "kind": started.planned.kind.name, "path": started.planned.relative,
                  "size": started.size, "sha256": started.sha256, "file_date": started.file_date,
                  "started_at": started.started_at}
        self.superseded, self.copied = [], {}
        with self.conn.cursor() as cur:
            # Under the path's lock: our manifest row goes in unless a copy is loaded; then the loaded row.
            cur.execute(
                "begin; select pg_advisory_xact_lock(hashtext('cchc.ingest:' || %(ma_tinh)s || '/' || %(path)s)); "
                + self._INSERT_MANIFEST + " where not exists (select 1 from raw.load_manifest "
                "where " + self._SAME_FILE + " and status = 'LOADED'); "
                "select file_id, sha256, rows_read, rows_loaded, rows_quarantined from raw.load_manifest "
                "where " + self._SAME_FILE + " and status = 'LOADED'", params)
            loaded = LoadedFile(*cur.fetchone())
            if loaded.file_id == started.file_id:
                return None
            if loaded.sha256 == started.sha256:
                cur.execute("rollback")
                return loaded
            # A changed re-delivery: the copy it replaces is superseded in this transaction (a failure rolls
            # it back), and its rows are deleted at the end of the file.
            cur.execute("update raw.load_manifest set status = 'SUPERSEDED' where file_id = %(old)s; "
                        + self._INSERT_MANIFEST, {**params, "old": loaded.file_id})
            self.superseded = [loaded.file_id]
        return None

    def copy(self, chunk: Chunk) -> None:
        with self.conn.cursor() as cur:
            cur.copy_expert(f"copy {chunk.table} ({', '.join(chunk.columns)}) from stdin with (format csv)",
                            _ReadAll(chunk.payload), size=COPY_READ_SIZE)
            if cur.rowcount != chunk.rows:
                raise IngestError(f"COPY into {chunk.table} stored {cur.rowcount} rows, expected {chunk.rows}")
        self.copied[chunk.table] = self.copied.get(chunk.table, 0) + chunk.rows

    def finish_file(self, started: StartedFile, counts: FileCounts) -> None:
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
                "rows_quarantined = %(quarantined)s, note = %(note)s, finished_at = clock_timestamp() "
                "where file_id = %(file_id)s; commit")
        with self.conn.cursor() as cur:
            cur.execute(sql, {"superseded": self.superseded, "read": counts.rows_read, "loaded": counts.rows_loaded,
                              "quarantined": counts.rows_quarantined, "file_id": started.file_id,
                              "note": NO_DATA_ROW_NOTE if counts.rows_read == 0 else None})

    def record_failure(self, started: StartedFile, error: str) -> None:
        with self.conn.cursor() as cur:
            cur.execute("rollback")   # the file's transaction, if open (else a mere warning)
            cur.execute(
                "insert into raw.load_manifest (file_id, ma_tinh, source_kind, path, size_bytes, sha256, file_date, "
                "status, started_at, finished_at, error) values (%s, %s, %s, %s, %s, %s, %s, 'FAILED', "
                "to_timestamp(%s), clock_timestamp(), %s)",
                (started.file_id, started.planned.ma_tinh, started.planned.kind.name, started.planned.relative,
                 started.size,
                 started.sha256, started.file_date, started.started_at, error))

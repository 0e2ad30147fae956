"""Fixtures for the ingest tests: a raw layer in a fresh database and helpers to load dirt cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from include.config import LOCAL_TIME_ZONE

from pipeline_support import DIRT  # noqa: F401 (used here and by the ingest tests)


class RawDb:
    def __init__(self, url: str):
        from include.ingest import ensure_raw_schema

        self.url = url
        ensure_raw_schema(url)

    def load(self, landing: str | Path, kinds=None, **kwargs):
        from include.ingest import load_landing_zone

        landing = DIRT / landing if isinstance(landing, str) else landing
        results = load_landing_zone(self.url, landing, kinds, **kwargs)
        self.assert_invariants()
        return results

    def rows(self, sql: str, params=()) -> list[tuple]:
        from include.warehouse import connect

        conn = connect(self.url)
        try:
            with conn, conn.cursor() as cur:
                cur.execute(f"set time zone '{LOCAL_TIME_ZONE}'")
                cur.execute(sql, params or None)
                return cur.fetchall() if cur.description else []
        finally:
            conn.close()

    def quarantine(self, path: str) -> list[tuple]:
        """(line, column, value, reason) of a loaded file's quarantined rows."""
        return self.rows("select q.line_no, q.column_name, q.value, q.reason from raw.quarantine q "
                         "join raw.load_manifest m using (file_id) where m.path = %s and m.status = 'LOADED' "
                         "order by q.line_no", (path,))

    def assert_invariants(self) -> None:
        """Every loaded file: rows read = loaded + quarantined, and exactly that many rows are in raw;
        failed and superseded files have no row anywhere."""
        from include.ingest import SOURCE_KINDS

        for kind in SOURCE_KINDS.values():
            for file_id, status, read, loaded, quarantined, in_raw, in_quarantine in self.rows(
                    f"select m.file_id, m.status, m.rows_read, m.rows_loaded, m.rows_quarantined, "
                    f"(select count(*) from {kind.table} t where t._file_id = m.file_id), "
                    f"(select count(*) from raw.quarantine q where q.file_id = m.file_id) "
                    f"from raw.load_manifest m where m.source_kind = %s", (kind.name,)):
                if status == "LOADED":
                    assert read == loaded + quarantined, (file_id, read, loaded, quarantined)
                    assert (in_raw, in_quarantine) == (loaded, quarantined), file_id
                else:
                    assert (in_raw, in_quarantine) == (0, 0), (file_id, status)
        orphans = self.rows("select count(*) from raw.quarantine q where not exists "
                            "(select 1 from raw.load_manifest m where m.file_id = q.file_id and m.status = 'LOADED')")
        assert orphans == [(0,)]


@pytest.fixture
def raw_db(fresh_function_database_url) -> RawDb:
    return RawDb(fresh_function_database_url)


def by_path(results) -> dict:
    return {r.path: r for r in results}

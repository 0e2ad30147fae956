"""Exactly once: reloads, changed re-deliveries, a fault halfway through a file, group failures."""
from __future__ import annotations

import shutil

import pytest

from include.ingest import SOURCE_GROUPS, IngestError, load_group

CLEAN = "clean_landing"
DAY1, DAY2 = "onestop/dossier_log_20200316.jsonl", "onestop/dossier_log_20200317.jsonl"


def snapshot(raw_db) -> dict:
    """Every raw table's rows (as text, ordered) and the manifest's loaded entries."""
    from include.ingest import SOURCE_KINDS

    tables = {k.table: raw_db.rows(f"select t::text from {k.table} t order by t::text") for k in SOURCE_KINDS.values()}
    tables["raw.quarantine"] = raw_db.rows("select q::text from raw.quarantine q order by q::text")
    tables["manifest"] = raw_db.rows("select file_id, path, sha256, status, rows_read, rows_loaded, rows_quarantined "
                                     "from raw.load_manifest where status = 'LOADED' order by file_id")
    return tables


@pytest.fixture
def landing(tmp_path):
    from pipeline_support import DIRT

    target = tmp_path / "landing"
    shutil.copytree(DIRT / CLEAN, target)
    return target


def test_loading_twice_leaves_raw_identical(raw_db, landing):
    first = raw_db.load(landing)
    assert {r.status for r in first} == {"LOADED"} and len(first) == 13
    assert first.warnings == ["unknown file (matches no source pattern): README.txt"]
    before = snapshot(raw_db)
    assert sum(len(rows) for name, rows in before.items() if name.startswith("raw.")) > 0
    second = raw_db.load(landing)
    assert {r.status for r in second} == {"SKIPPED"}
    assert [(r.path, r.file_id, r.rows_loaded) for r in second] == [(r.path, r.file_id, r.rows_loaded) for r in first]
    assert snapshot(raw_db) == before
    assert raw_db.rows("select count(*) from raw.load_manifest") == [(13,)]


def test_changed_redelivery_replaces_only_its_own_rows(raw_db, landing):
    first = {r.path: r for r in raw_db.load(landing)}
    other_rows = raw_db.rows("select t::text from raw.dossier_log t where _file_id = %s order by 1",
                             (first[DAY1].file_id,))
    changed = (landing / DAY2).read_text(encoding="utf-8").replace('"TrangThaiHoSo": 9', '"TrangThaiHoSo": 10')
    (landing / DAY2).write_text(changed + '{"Id": "C2-9", "MaHoSo": "HS-C9"}\n', encoding="utf-8")
    second = {r.path: r for r in raw_db.load(landing)}
    assert second[DAY2].status == "LOADED" and second[DAY2].file_id != first[DAY2].file_id
    assert (second[DAY2].rows_read, second[DAY2].rows_loaded, second[DAY2].rows_quarantined) == (7, 6, 1)
    assert {p: r.status for p, r in second.items() if p != DAY2} == {p: "SKIPPED" for p in first if p != DAY2}
    assert raw_db.rows("select status from raw.load_manifest where file_id = %s", (first[DAY2].file_id,)) == \
        [("SUPERSEDED",)]
    assert raw_db.rows("select _file_id, trang_thai_ho_so, count(*) from raw.dossier_log where id like 'C2-%%' "
                       "group by 1, 2") == [(second[DAY2].file_id, 10, 6)]
    assert raw_db.rows("select t::text from raw.dossier_log t where _file_id = %s order by 1",
                       (first[DAY1].file_id,)) == other_rows


def test_fault_halfway_through_a_file_leaves_none_of_its_rows(raw_db, landing):
    # A real database error on the 5th record of day 2, after earlier chunks of that file were COPYed.
    raw_db.rows("""
        create function raw.inject_fault() returns trigger language plpgsql as $$
        begin
            if new.id = 'C2-4' then raise exception 'injected fault on %', new.id; end if;
            return new;
        end $$;
        create trigger inject_fault before insert on raw.dossier_log for each row execute function raw.inject_fault();
    """)
    first = {r.path: r for r in raw_db.load(landing, chunk_rows=2)}
    assert first[DAY2].status == "FAILED"
    assert first[DAY2].error.startswith(f"{DAY2}: database error during COPY: injected fault on C2-4")
    assert first[DAY1].status == "LOADED" and first["reference/agencies.csv"].status == "LOADED"
    assert raw_db.rows("select count(*) from raw.dossier_log where id like 'C2-%%'") == [(0,)]
    assert raw_db.rows("select status, error from raw.load_manifest where path = %s", (DAY2,)) == \
        [("FAILED", first[DAY2].error)]

    raw_db.rows("drop trigger inject_fault on raw.dossier_log")
    second = {r.path: r for r in raw_db.load(landing, chunk_rows=2)}
    assert (second[DAY2].status, second[DAY2].rows_loaded) == ("LOADED", 6)
    assert {r.status for p, r in second.items() if p != DAY2} == {"SKIPPED"}
    assert raw_db.rows("select count(*) from raw.dossier_log where id like 'C2-%%'") == [(6,)]


def test_load_group_attempts_every_file_then_fails_loudly(raw_db, landing):
    (landing / "onestop" / "dossier_log_20200318.jsonl").write_bytes(b'{"Id": "T-1", "MaHoSo": "HS')
    with pytest.raises(IngestError) as failure:
        load_group(raw_db.url, landing, "onestop")
    assert "1 file(s) of group 'onestop' failed to load" in str(failure.value)
    assert "onestop/dossier_log_20200318.jsonl, line 1, column 25: file truncated mid-line" in str(failure.value)
    loaded = raw_db.rows("select path from raw.load_manifest where status = 'LOADED' order by path")
    assert loaded == [(DAY1,), (DAY2,)]
    raw_db.assert_invariants()


def test_groups_cover_every_source_kind():
    from include.ingest import SOURCE_KINDS

    assert SOURCE_GROUPS == {
        "reference": ["province", "agencies", "holidays"], "onestop": ["dossier_log"],
        "catalogue": ["procedures", "decisions"], "hr": ["staff", "quotas", "personnel_events"],
        "indices": ["par_index", "sipas", "provincial_rankings"],
        "registers": ["documents", "legal_reviews", "feedback", "inspection_plan"]}
    assert sorted(k for kinds in SOURCE_GROUPS.values() for k in kinds) == sorted(SOURCE_KINDS)


def test_missing_landing_dir_or_reference_file_is_a_clear_error(raw_db, landing, tmp_path):
    with pytest.raises(IngestError, match="landing directory .*nowhere does not exist"):
        raw_db.load(tmp_path / "nowhere")
    (landing / "reference" / "holidays.csv").unlink()
    with pytest.raises(IngestError, match=r"required reference file\(s\) missing .*reference/holidays.csv"):
        load_group(raw_db.url, landing, "reference")
    assert raw_db.rows("select count(*) from raw.load_manifest") == [(0,)]

"""Several provinces in one warehouse: a landing root of zones, `_ma_tinh` in every raw row, files per province."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from include.ingest import SOURCE_KINDS, IngestError

CLEAN = "clean_landing"
DAY2 = "onestop/dossier_log_20200317.jsonl"


def _zone(target: Path, ma_tinh: str, ten_tinh: str) -> Path:
    """A copy of the clean fixture zone that says it is province `ma_tinh`."""
    from pipeline_support import DIRT

    shutil.copytree(DIRT / CLEAN, target)
    (target / "reference" / "province.csv").write_text(f"ma_tinh,ten_tinh\n{ma_tinh},{ten_tinh}\n", encoding="utf-8")
    return target


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "root"
    _zone(root / "94", "94", "Sóc Trăng")
    _zone(root / "95", "95", "Bạc Liêu")
    return root


def test_find_zones_tells_a_zone_from_a_root(root, tmp_path):
    from include.ingest.zones import find_zones

    zones, is_root = find_zones(root)
    assert is_root and [(z.folder, z.path) for z in zones] == [("94", root / "94"), ("95", root / "95")]
    zones, is_root = find_zones(root / "95")
    assert not is_root and [(z.folder, z.path) for z in zones] == [(None, root / "95")]
    (tmp_path / "empty" / "sub").mkdir(parents=True)   # neither: a zone, which fails on its missing files
    zones, is_root = find_zones(tmp_path / "empty")
    assert not is_root and [(z.folder, z.path) for z in zones] == [(None, tmp_path / "empty")]
    with pytest.raises(IngestError, match="does not exist"):
        find_zones(tmp_path / "nowhere")


def test_same_codes_in_two_provinces_load_in_both(raw_db, root):
    (root / "notes.txt").write_text("not a zone", encoding="utf-8")
    results = raw_db.load(root)
    assert {r.status for r in results} == {"LOADED"} and len(results) == 26
    assert sorted({(r.ma_tinh, r.path) for r in results}) == sorted(
        {(m, r.path) for m in ("94", "95") for r in results})
    assert sorted(results.warnings) == ["file outside every province's zone (<root>/<ma_tinh>/): notes.txt",
                                        "unknown file (matches no source pattern): 94/README.txt",
                                        "unknown file (matches no source pattern): 95/README.txt"]
    # The same Id (and every other code) is loaded once per province, each row stamped with its zone.
    per_province = raw_db.rows("select _ma_tinh, count(*), count(distinct id) from raw.dossier_log group by 1 order by 1")
    assert [row[0] for row in per_province] == ["94", "95"] and per_province[0][1:] == per_province[1][1:]
    assert raw_db.rows("select count(*) from (select id from raw.dossier_log group by id "
                       "having count(distinct _ma_tinh) = 2) both_provinces") == \
        raw_db.rows("select count(distinct id) from raw.dossier_log")
    for kind in SOURCE_KINDS.values():
        assert raw_db.rows(f"select count(*) from {kind.table} t join raw.load_manifest m on m.file_id = t._file_id "
                           f"where t._ma_tinh is distinct from m.ma_tinh") == [(0,)], kind.table
    assert raw_db.rows("select ma_tinh, _ma_tinh from raw.province order by 1") == [("94", "94"), ("95", "95")]
    # Loading the root again skips every file of both provinces.
    again = raw_db.load(root)
    assert {r.status for r in again} == {"SKIPPED"}


def test_same_path_in_two_provinces_is_two_files(raw_db, root):
    first = {(r.ma_tinh, r.path): r for r in raw_db.load(root)}
    changed = (root / "95" / DAY2).read_text(encoding="utf-8").replace('"TrangThaiHoSo": 9', '"TrangThaiHoSo": 10')
    (root / "95" / DAY2).write_text(changed, encoding="utf-8")
    second = {(r.ma_tinh, r.path): r for r in raw_db.load(root)}
    # The re-delivery supersedes province 95's copy only; 94's file of the same name stays loaded as it was.
    assert second[("95", DAY2)].status == "LOADED"
    assert {key: r.status for key, r in second.items() if key != ("95", DAY2)} == \
        {key: "SKIPPED" for key in first if key != ("95", DAY2)}
    assert raw_db.rows("select ma_tinh, status from raw.load_manifest where path = %s order by file_id", (DAY2,)) == \
        [("94", "LOADED"), ("95", "SUPERSEDED"), ("95", "LOADED")]
    assert raw_db.rows("select _ma_tinh, count(*) filter (where trang_thai_ho_so = 10) from raw.dossier_log "
                       "where _file_id in (%s, %s) group by 1 order by 1",
                       (first[("94", DAY2)].file_id, second[("95", DAY2)].file_id)) == [("94", 0), ("95", 6)]


def test_single_zone_loads_as_before_with_its_province(raw_db, root):
    results = raw_db.load(root / "95")
    assert {r.status for r in results} == {"LOADED"} and {r.ma_tinh for r in results} == {"95"}
    assert results.warnings == ["unknown file (matches no source pattern): README.txt"]
    assert raw_db.rows("select distinct _ma_tinh from raw.agencies") == [("95",)]
    # The same zone seen through its root later is the same province's files: nothing loads twice.
    again = raw_db.load(root, provinces=["95"])
    assert {r.status for r in again} == {"SKIPPED"} and len(again) == len(results)


def test_province_filter(raw_db, root):
    results = raw_db.load(root, provinces=["95"])
    assert {r.ma_tinh for r in results} == {"95"}
    assert raw_db.rows("select distinct ma_tinh from raw.load_manifest") == [("95",)]
    with pytest.raises(IngestError, match=r"province\(s\) 96 not in the landing directory .*holds: 94, 95"):
        raw_db.load(root, provinces=["96"])


def test_zone_named_after_another_province_is_bad_input(raw_db, root):
    (root / "95" / "reference" / "province.csv").write_text("ma_tinh,ten_tinh\n96,Cà Mau\n", encoding="utf-8")
    with pytest.raises(IngestError) as error:
        raw_db.load(root)
    message = str(error.value)
    assert "95/reference/province.csv, line 2, column ma_tinh" in message
    assert "folder is '95' but its province.csv names ma_tinh '96'" in message
    # The other province still loaded.
    assert raw_db.rows("select distinct ma_tinh from raw.load_manifest") == [("94",)]


@pytest.mark.parametrize("content, expected", [
    ("ma_tinh,ten_tinh\n94,Sóc Trăng\n95,Bạc Liêu\n",
     r"reference/province.csv, column ma_tinh: a landing zone holds one province, this one names 2: "
     r"'94' \(line 2\), '95' \(line 3\)"),
    ("ten_tinh\nSóc Trăng\n", r"reference/province.csv, line 1, column ma_tinh: missing column"),
    ("ma_tinh,ten_tinh\n", r"reference/province.csv: no row with a ma_tinh"),
])
def test_a_zone_must_name_one_province(raw_db, root, content, expected):
    zone = root / "94"
    (zone / "reference" / "province.csv").write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=expected):
        raw_db.load(zone)
    assert raw_db.rows("select count(*) from raw.load_manifest") == [(0,)]


def test_a_folder_of_a_root_without_province_file_fails_alone(raw_db, root):
    (root / "95" / "reference" / "province.csv").unlink()
    (root / "95" / "reference" / "agencies.csv").rename(root / "95" / "agencies.csv")
    with pytest.raises(IngestError, match=r"1 landing zone\(s\) .*\n- required reference file\(s\) missing "
                                          r"from the landing zone .*95: reference/province.csv"):
        raw_db.load(root)
    assert raw_db.rows("select distinct ma_tinh from raw.load_manifest") == [("94",)]


def test_raw_layer_of_a_single_province_warehouse_gets_its_province(raw_db, root):
    """A warehouse loaded before provinces existed: ensure_raw_schema adds `_ma_tinh` and fills in its province."""
    from include.ingest import ensure_raw_schema

    raw_db.load(root / "94")
    raw_db.rows("alter table raw.agencies drop column _ma_tinh; update raw.load_manifest set ma_tinh = null; "
                "drop index raw.load_manifest_one_loaded_per_file; "
                "create unique index load_manifest_one_loaded_per_path on raw.load_manifest (path) "
                "where status = 'LOADED'")
    ensure_raw_schema(raw_db.url)
    assert raw_db.rows("select distinct _ma_tinh from raw.agencies") == [("94",)]
    assert raw_db.rows("select distinct ma_tinh from raw.load_manifest") == [("94",)]
    assert {r.status for r in raw_db.load(root)} == {"SKIPPED", "LOADED"}   # 95 loads, 94 is already there
    assert raw_db.rows("select ma_tinh, count(*) from raw.load_manifest group by 1 order by 1") == \
        [("94", 13), ("95", 13)]


def test_a_warehouse_of_two_provinces_builds_and_keeps_them_apart(raw_db, root):
    """Both zones hold the same files (same Ids, dossier and unit codes): the nightly plan builds the warehouse
    and every province gets the dossiers and figures it has alone."""
    from include.nightly.build_plan import plan_build
    from include.nightly.dbt_runner import dbt_command
    from pipeline_support import DBT_TARGET

    raw_db.load(root)
    plan = plan_build(raw_db.url)
    assert plan.builds_everything and not plan.full_refresh
    dbt_command(["run", "--quiet", "--select", "+agg_dossier_bieu06"], url=raw_db.url, target_path=DBT_TARGET)
    per_province = raw_db.rows("""
        select p.ma_tinh,
               (select count(*) from marts.fct_dossier as d where d.ma_tinh = p.ma_tinh),
               (select count(*) from marts.fct_dossier_status_log as l where l.ma_tinh = p.ma_tinh),
               (select sum(received_total)::int from marts.agg_dossier_bieu06 as a where a.ma_tinh = p.ma_tinh)
        from marts.dim_province as p order by p.ma_tinh""")
    assert [r[0] for r in per_province] == ["94", "95"]
    assert per_province[0][1:] == per_province[1][1:] and per_province[0][1] > 0

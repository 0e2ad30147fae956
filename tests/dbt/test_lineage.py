"""The dbt project keeps one visible lineage: read from the real manifest (`make manifest`) and the SQL files.

- only staging models read a source, and only through source(); no macro calls source();
- raw.dossier_log has exactly one reader, the deduplicated status log stg_onestop__dossier_log;
- no model reads a layer above its own (staging → intermediate → marts → bi);
- no model or macro names a relation outside ref()/source()/this: no schema-qualified name, no relation
  lookup, with one documented exception, the macro model_relation (dbt/macros/model_relation.sql), called
  only where ref() cannot express the read (the state before this run; the data tests' where filter).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_DIR = PROJECT_ROOT / "dbt"
MANIFEST = DBT_DIR / "target" / "manifest.json"
LAYERS = ("staging", "intermediate", "marts", "bi")
SCHEMAS = ("raw",) + LAYERS

EXCEPTION_MACRO = Path("macros/model_relation.sql")
# Where model_relation() may be called, and why (see the macro's header).
MODEL_RELATION_CALLERS = {
    Path("models/intermediate/int_dossier_touched.sql"),   # the previous state of an incremental run
    Path("macros/tests/where_touched.sql"),                # data tests re-check only the touched dossiers
}
# Ways to reach a relation other than ref()/source()/this.
RELATION_BY_NAME = re.compile(
    r"\b(?:" + "|".join(SCHEMAS) + r")\.\"?[a-z_][a-z0-9_]*"     # schema-qualified name
    r"|adapter\.get_relation|api\.Relation|graph\.nodes|to_regclass|information_schema|pg_class|pg_tables",
    re.IGNORECASE)


@pytest.fixture(scope="module")
def manifest() -> dict:
    if not MANIFEST.exists():
        pytest.fail("dbt/target/manifest.json is missing: run `make manifest` (dbt parse) first")
    return json.loads(MANIFEST.read_text())


def _models(manifest: dict) -> dict[str, dict]:
    return {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"}


def _layer(node: dict) -> str:
    folder = Path(node["original_file_path"]).parts[1]   # models/<layer>/...
    assert folder in LAYERS, f"{node['original_file_path']}: every model lives in models/<staging|intermediate|marts|bi>/"
    return folder


def _code(path: Path) -> str:
    """The SQL/Jinja without comments (Jinja {# #} and SQL --), which may name anything."""
    text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def _sql_files(folder: str) -> list[Path]:
    return sorted(p.relative_to(DBT_DIR) for p in (DBT_DIR / folder).rglob("*.sql"))


def test_only_staging_models_read_sources(manifest):
    readers = {node["name"]: _layer(node) for node in _models(manifest).values()
               if any(parent.startswith("source.") for parent in node["depends_on"]["nodes"])}
    assert readers, "no model reads a source?"
    assert {name: layer for name, layer in readers.items() if layer != "staging"} == {}


def test_source_is_called_by_staging_models_only():
    callers = [path for path in _sql_files("models") + _sql_files("macros") if "source(" in _code(DBT_DIR / path)]
    assert callers
    assert [p for p in callers if p.parts[:2] != ("models", "staging")] == []


def test_the_status_log_is_the_only_reader_of_the_raw_dossier_log(manifest):
    readers = [uid for uid in manifest["child_map"]["source.cchc.raw.dossier_log"] if uid.startswith("model.")]
    assert readers == ["model.cchc.stg_onestop__dossier_log"]


def test_no_model_reads_a_layer_above_its_own(manifest):
    models = _models(manifest)
    upward = []
    for node in models.values():
        own = LAYERS.index(_layer(node))
        for parent in node["depends_on"]["nodes"]:
            if parent in models and LAYERS.index(_layer(models[parent])) > own:
                upward.append(f"{node['name']} ({_layer(node)}) reads {models[parent]['name']}")
    assert upward == []


def test_no_model_or_macro_names_a_relation_outside_ref_or_source():
    named = []
    for path in _sql_files("models") + _sql_files("macros"):
        if path == EXCEPTION_MACRO:
            continue
        named += [f"{path}: {match.group(0)}" for match in RELATION_BY_NAME.finditer(_code(DBT_DIR / path))]
    assert named == []


def test_the_one_exception_is_called_only_where_documented():
    callers = {path for path in _sql_files("models") + _sql_files("macros")
               if path != EXCEPTION_MACRO and "model_relation(" in _code(DBT_DIR / path)}
    assert callers == MODEL_RELATION_CALLERS
    header = (DBT_DIR / EXCEPTION_MACRO).read_text(encoding="utf-8")
    assert "one documented exception" in header


def test_the_checks_catch_what_they_forbid():
    """The patterns above are not vacuous: the old forms of each violation are found."""
    assert RELATION_BY_NAME.search("select 1 from marts.fct_dossier_status_log")
    assert RELATION_BY_NAME.search("adapter.get_relation(database=d, schema='marts', identifier='x')")
    assert RELATION_BY_NAME.search("run_query(\"select to_regclass('intermediate.x')\")")
    assert not RELATION_BY_NAME.search("select max(_file_id) from {{ this }} join {{ ref('dim_date') }} as d")

"""Personal data never reaches what a BI user can read, nor the report (Decree 13/2023/NĐ-CP)."""
from __future__ import annotations

import hashlib
import hmac

import psycopg2
import pytest

from include.warehouse import BI_READER_ROLE, bi_reader_url, connect

pytestmark = pytest.mark.pipeline

PERSONAL_VALUES_SQL = """
    create temp table personal_values as
    select distinct v from (
        select chu_ho_so as v from raw.dossier_log
        union all select so_giay_to_chu_ho_so from raw.dossier_log
        union all select so_dien_thoai from raw.dossier_log
        union all select ho_ten from raw.staff
        union all select ngay_sinh::text from raw.staff
    ) s where v is not null and length(v) >= 6
"""


def _readable_relations(cur) -> list[tuple[str, str]]:
    cur.execute("""
        select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'v', 'm', 'p', 'f') and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg_toast%%'
          and has_schema_privilege(%s, n.oid, 'USAGE') and has_table_privilege(%s, c.oid, 'SELECT')
        order by 1, 2""", (BI_READER_ROLE, BI_READER_ROLE))
    return cur.fetchall()


def test_bi_reader_reads_every_mart_and_nothing_else(pipeline_database_url):
    conn = connect(pipeline_database_url)
    with conn.cursor() as cur:
        readable = _readable_relations(cur)
        cur.execute("select table_schema, table_name from information_schema.tables "
                    "where table_schema in ('raw', 'staging', 'intermediate', 'marts')")
        all_tables = cur.fetchall()
    conn.close()
    marts = {(s, t) for s, t in all_tables if s == "marts"}
    assert len(marts) >= 15
    assert set(readable) == marts, "bi_reader must read exactly the marts"

    bi = psycopg2.connect(bi_reader_url(pipeline_database_url))
    bi.autocommit = True
    try:
        with bi.cursor() as cur:
            for schema, table in sorted(marts):
                cur.execute(f'select count(*) from "{schema}"."{table}"')
            for schema, table in (("raw", "dossier_log"), ("raw", "staff"), ("raw", "load_manifest")):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cur.execute(f'select 1 from "{schema}"."{table}" limit 1')
            cur.execute("select table_name from information_schema.tables where table_schema = 'staging' limit 1")
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("select 1 from staging.stg_onestop__dossier_log limit 1")
    finally:
        bi.close()


def test_no_readable_column_holds_personal_data(pipeline_database_url):
    conn = connect(pipeline_database_url)
    try:
        with conn.cursor() as cur:
            cur.execute(PERSONAL_VALUES_SQL)
            cur.execute("select count(*) from personal_values")
            assert cur.fetchone()[0] > 100, "the sample must contain personal data to scan for"
            leaks = []
            for schema, table in _readable_relations(cur):
                cur.execute("select column_name from information_schema.columns "
                            "where table_schema = %s and table_name = %s", (schema, table))
                for (column,) in cur.fetchall():
                    cur.execute(f'select count(*) from "{schema}"."{table}" t '
                                f'where t."{column}"::text in (select v from personal_values)')
                    if cur.fetchone()[0]:
                        leaks.append(f"{schema}.{table}.{column}")
            assert leaks == []
    finally:
        conn.close()


def test_pseudonym_is_keyed_and_stable(pipeline_database_url):
    from include.config import pseudonym_secret

    conn = connect(pipeline_database_url)
    try:
        with conn.cursor() as cur:
            cur.execute("select so_giay_to_chu_ho_so, applicant_pseudonym from raw.dossier_log "
                        "where so_giay_to_chu_ho_so is not null limit 50")
            pairs = cur.fetchall()
    finally:
        conn.close()
    assert pairs
    for id_number, pseudonym in pairs:
        assert pseudonym and id_number not in pseudonym
        # Not a plain (unkeyed) hash: without the secret it cannot be recomputed from an ID number.
        assert pseudonym != hashlib.sha256(id_number.strip().encode()).hexdigest()
        other_key = hmac.new(b"another-secret", id_number.strip().encode(), hashlib.sha256).hexdigest()
        assert pseudonym != other_key
    # Stable: the same ID number always maps to the same pseudonym (the secret is kept in config).
    by_id: dict[str, set[str]] = {}
    for id_number, pseudonym in pairs:
        by_id.setdefault(id_number, set()).add(pseudonym)
    assert all(len(v) == 1 for v in by_id.values())
    assert pseudonym_secret()


def test_report_contains_no_personal_data(pipeline_database_url, tmp_path):
    from include.config import get_settings
    from include.report import render_report

    out = get_settings().cchc_report_root / "test-personal-data"
    paths = render_report(pipeline_database_url, "2020-H1", output_dir=out)
    conn = connect(pipeline_database_url)
    try:
        with conn.cursor() as cur:
            cur.execute(PERSONAL_VALUES_SQL)
            cur.execute("select v from personal_values")
            values = [v for (v,) in cur.fetchall()]
    finally:
        conn.close()
    from docx import Document

    document = Document(str(paths["docx"]))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    docx_text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    texts = {
        "report.json": paths["json"].read_text(encoding="utf-8"),
        "report.html": paths["html"].read_text(encoding="utf-8"),
        "report.docx": docx_text,
    }
    for name, text in texts.items():
        found = [v for v in values if v in text]
        assert found == [], f"{name} contains personal data: {found[:3]}"

"""Personal data never reaches what a BI user can read, nor the report (Decree 13/2023/NĐ-CP)."""
from __future__ import annotations

import hashlib
import hmac
import time
import uuid

import psycopg2
import pytest

from include.ingest.sources import PERSONAL_COLUMNS
from include.warehouse import BI_READER_ROLE, bi_reader_url, connect

pytestmark = pytest.mark.pipeline

# Values that identify a person or lead to one: the personal columns (Column.personal: applicants' and
# feedback senders' names, ID numbers, phones, staff names, birth dates), plus keyed pseudonyms and staff
# codes (ma_can_bo joins to HR identities).
IDENTIFIERS = {"raw.dossier_log": ("applicant_pseudonym",), "raw.staff": ("ma_can_bo",),
               "raw.personnel_events": ("ma_can_bo",)}
PERSONAL_VALUES_SQL = """
    create temp table personal_values as
    select distinct v from (
        {}
    ) s where v is not null and length(v) >= 6
""".format("\n        union all ".join(
    f"select {column}::text as v from {table}"
    for table, columns in [*PERSONAL_COLUMNS.items(), *IDENTIFIERS.items()] for column in columns))
WAREHOUSE_SCHEMAS = ("raw", "staging", "intermediate", "marts", "bi")


def _readable_relations(cur) -> list[tuple[str, str]]:
    cur.execute("""
        select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'v', 'm', 'p', 'f') and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg_toast%%'
          and has_schema_privilege(%s, n.oid, 'USAGE') and has_table_privilege(%s, c.oid, 'SELECT')
        order by 1, 2""", (BI_READER_ROLE, BI_READER_ROLE))
    return cur.fetchall()


def _bi_connection(url: str):
    bi = psycopg2.connect(bi_reader_url(url))
    bi.autocommit = True
    return bi


def test_bi_reader_reads_the_bi_schema_and_nothing_else(pipeline_database_url):
    conn = connect(pipeline_database_url)
    with conn.cursor() as cur:
        readable = _readable_relations(cur)
        cur.execute("select table_schema, table_name from information_schema.tables where table_schema = any(%s)",
                    (list(WAREHOUSE_SCHEMAS),))
        all_tables = cur.fetchall()
    conn.close()
    bi_tables = {(s, t) for s, t in all_tables if s == "bi"}
    assert len(bi_tables) >= 15
    assert set(readable) == bi_tables, "bi_reader must read exactly the tables of schema bi"

    bi = _bi_connection(pipeline_database_url)
    try:
        with bi.cursor() as cur:
            for schema, table in sorted(bi_tables):
                cur.execute(f'select count(*) from "{schema}"."{table}"')
            for relation in ("raw.dossier_log", "raw.staff", "raw.feedback", "raw.load_manifest",
                             "staging.stg_onestop__dossier_log", "intermediate.int_dossier_timeline", "marts.agg_dossier_bieu06",
                             "marts.fct_dossier_status_log"):
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cur.execute(f"select 1 from {relation} limit 1")
    finally:
        bi.close()


def test_bi_reader_cannot_create_objects(pipeline_database_url):
    bi = _bi_connection(pipeline_database_url)
    try:
        with bi.cursor() as cur:
            for statement in ("create table bi.mine (x int)", "create table public.mine (x int)",
                              "create temp table mine (x int)", "create schema mine",
                              "create view bi.mine as select 1 as x"):
                with pytest.raises((psycopg2.errors.InsufficientPrivilege, psycopg2.errors.ReadOnlySqlTransaction)):
                    cur.execute(statement)
            cur.execute("show default_transaction_read_only")
            assert cur.fetchone() == ("on",)
    finally:
        bi.close()


def test_bi_reader_cannot_connect_to_airflows_database(pipeline_database_url):
    """The CLI creates Airflow's metadata database with include.warehouse.restrict_database."""
    from include.warehouse import create_database, drop_database, restrict_database

    name = f"test_airflow_{uuid.uuid4().hex[:8]}"
    url = create_database(name, drop_existing=True)
    try:
        restrict_database(name)
        with pytest.raises(psycopg2.OperationalError, match="permission denied for database"):
            psycopg2.connect(bi_reader_url(url)).close()
    finally:
        drop_database(name)


def test_runaway_bi_query_is_cancelled_by_the_statement_timeout(pipeline_database_url):
    """ensure_roles sets bi_reader's statement_timeout per warehouse (BI_READER_STATEMENT_TIMEOUT, default 60s)."""
    from include.warehouse import ensure_roles

    bi = _bi_connection(pipeline_database_url)
    with bi.cursor() as cur:
        cur.execute("show statement_timeout")
        assert cur.fetchone() == ("1min",)
    bi.close()
    ensure_roles(pipeline_database_url, statement_timeout="200ms")
    try:
        bi = _bi_connection(pipeline_database_url)
        try:
            with bi.cursor() as cur:
                cur.execute("select count(*) from bi.bieu06_unit_field")
                assert cur.fetchone()[0] > 1000, "the cross join below must be a real, long query"
                started = time.monotonic()
                with pytest.raises(psycopg2.errors.QueryCanceled, match="statement timeout"):
                    cur.execute("select count(distinct (a.ten_don_vi, b.ten_linh_vuc, c.period_label)) "
                                "from bi.bieu06_unit_field a, bi.bieu06_unit_field b, bi.dim_period c")
                assert time.monotonic() - started < 10
        finally:
            bi.close()
    finally:
        ensure_roles(pipeline_database_url)


def test_no_readable_column_holds_personal_data_or_staff_codes(pipeline_database_url):
    conn = connect(pipeline_database_url)
    try:
        with conn.cursor() as cur:
            cur.execute(PERSONAL_VALUES_SQL)
            cur.execute("create index on personal_values (v)")
            cur.execute("select count(*) from personal_values")
            assert cur.fetchone()[0] > 100, "the sample must contain personal data to scan for"
            cur.execute("select count(*) from personal_values where v in (select ma_can_bo from raw.staff)")
            assert cur.fetchone()[0] > 100, "the scan must include the staff codes"
            readable = _readable_relations(cur)
            assert readable, "bi_reader must read something for this scan to mean anything"
            cur.execute("select count(*) from personal_values where v in (select noi_dung from raw.feedback)")
            assert cur.fetchone()[0] >= 3, "the feedback register's personal fields must be scanned too"
            leaks = []
            for schema, table in readable:
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

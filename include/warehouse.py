"""The warehouse: connections, databases and roles on an external PostgreSQL (WAREHOUSE_URL)
or on the embedded development server (include.embedded_server).
"""
from __future__ import annotations

import json
import time
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from include.config import get_settings

BI_READER_ROLE = "bi_reader"


# --------------------------------------------------------------------------- URLs and connections
def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + quote(database), parts.query, parts.fragment))


def database_of(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def server_url() -> str:
    """URL of the maintenance database ('postgres') on the configured server."""
    settings = get_settings()
    if settings.warehouse_url:
        return with_database(settings.warehouse_url, "postgres")
    from include.embedded_server import embedded_server_url

    return embedded_server_url()


def warehouse_url(database: str | None = None) -> str:
    """libpq URL of the warehouse database (created on the embedded server if missing)."""
    settings = get_settings()
    if settings.warehouse_url and database is None:
        return settings.warehouse_url
    name = database or settings.warehouse_db
    url = with_database(server_url(), name)
    if not settings.warehouse_url:
        create_database(name, drop_existing=False)
    return url


def connect(url: str | None = None, **kwargs):
    import psycopg2

    return psycopg2.connect(url or warehouse_url(), **kwargs)


def create_database(name: str, *, drop_existing: bool = False) -> str:
    """Create database `name` on the configured server; return its URL."""
    from psycopg2 import sql

    conn = connect(server_url())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            if drop_existing:
                cur.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
            cur.execute("select 1 from pg_database where datname = %s", (name,))
            if cur.fetchone() is None:
                cur.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    finally:
        conn.close()
    return with_database(server_url(), name)


def drop_database(name: str) -> None:
    from psycopg2 import sql

    conn = connect(server_url())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
    finally:
        conn.close()


# --------------------------------------------------------------------------- roles and schemas
WAREHOUSE_SCHEMAS = ("raw", "staging", "intermediate", "marts", "bi")
# The one schema bi_reader reads: one cut-off, labelled, contract-checked, no personal data or staff codes
# (dbt/models/bi). marts stay the pipeline's own: both cut-offs side by side, dossier-level facts.
BI_SCHEMA = "bi"


def _ensure_bi_reader_role(cur) -> None:
    from psycopg2 import sql

    password = get_settings().secret("bi_reader_password")
    cur.execute("select pg_advisory_xact_lock(hashtext('cchc.ensure_roles'))")
    cur.execute("select 1 from pg_roles where rolname = %s", (BI_READER_ROLE,))
    verb = "alter" if cur.fetchone() else "create"
    cur.execute(sql.SQL(verb + " role {} login nocreatedb nocreaterole noinherit password {}").format(
        sql.Identifier(BI_READER_ROLE), sql.Literal(password)))


def _role_transaction(url: str, body) -> None:
    """Run body(cursor) in one transaction on `url`; again if another database's transaction altered
    bi_reader at the same moment. The role is one row for the whole server while the advisory lock in
    _ensure_bi_reader_role is per database, so PostgreSQL refuses the second writer with "tuple concurrently
    updated" (measured: 34 of 80 calls with two databases at once) instead of waiting."""
    from psycopg2 import errors

    for attempt in range(8):
        conn = connect(url)
        try:
            with conn, conn.cursor() as cur:
                body(cur)
            return
        except errors.InternalError_ as exc:
            if "concurrently updated" not in str(exc) or attempt == 7:
                raise
        finally:
            conn.close()
        time.sleep(0.05 * (attempt + 1))


def ensure_bi_reader_role(url: str) -> None:
    """The read-only BI role alone (a restore needs it before the dump's grants are replayed)."""
    _role_transaction(url, _ensure_bi_reader_role)


def ensure_roles(url: str, *, statement_timeout: str | None = None) -> None:
    """Create the schemas and the read-only BI role; bi_reader reads schema bi and nothing else.

    bi_reader can connect and SELECT from bi; it cannot create objects (no CREATE on any schema, no
    TEMP on the database), every transaction is read-only, and its statements in this database are
    cancelled after `statement_timeout` (default: the BI_READER_STATEMENT_TIMEOUT setting) so that a
    runaway dashboard query cannot hold locks against the nightly build.
    """
    from psycopg2 import sql

    timeout = statement_timeout or get_settings().bi_reader_statement_timeout
    role = sql.Identifier(BI_READER_ROLE)
    database = sql.Identifier(database_of(url))

    def statements(cur) -> None:
        _ensure_bi_reader_role(cur)
        for schema in WAREHOUSE_SCHEMAS:
            cur.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
            cur.execute(sql.SQL("revoke all on schema {} from public").format(sql.Identifier(schema)))
        # Earlier versions let bi_reader read marts: take that back (tables dbt does not rebuild keep grants).
        cur.execute(sql.SQL("revoke all on all tables in schema marts from {}").format(role))
        cur.execute(sql.SQL("revoke all on schema marts from {}").format(role))
        cur.execute(sql.SQL("alter default privileges in schema marts revoke all on tables from {}").format(role))
        # PostgreSQL 15+ no longer lets PUBLIC create in schema public; older servers did.
        cur.execute("revoke create on schema public from public")
        cur.execute(sql.SQL("revoke all on database {} from public").format(database))
        cur.execute(sql.SQL("grant connect on database {} to {}").format(database, role))
        cur.execute(sql.SQL("grant usage on schema {} to {}").format(sql.Identifier(BI_SCHEMA), role))
        cur.execute(sql.SQL("grant select on all tables in schema {} to {}").format(
            sql.Identifier(BI_SCHEMA), role))
        cur.execute(sql.SQL("alter default privileges in schema {} grant select on tables to {}").format(
            sql.Identifier(BI_SCHEMA), role))
        cur.execute(sql.SQL("alter role {} in database {} set statement_timeout = {}").format(
            role, database, sql.Literal(timeout)))
        cur.execute(sql.SQL("alter role {} in database {} set default_transaction_read_only = on").format(
            role, database))

    _role_transaction(url, statements)


def restrict_database(name: str) -> None:
    """Only roles granted CONNECT may connect to database `name` (PostgreSQL grants it to PUBLIC).

    For databases on the embedded server that are not warehouses (Airflow's metadata): bi_reader
    must not see them.
    """
    from psycopg2 import sql

    conn = connect(with_database(server_url(), name))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql.SQL("revoke all on database {} from public").format(sql.Identifier(name)))
    finally:
        conn.close()


def bi_reader_url(url: str) -> str:
    parts = urlsplit(url)
    password = quote(get_settings().secret("bi_reader_password"), safe="")
    netloc = f"{BI_READER_ROLE}:{password}@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# --------------------------------------------------------------------------- for dbt and Airflow
def dbt_env(url: str) -> dict[str, str]:
    """Environment variables read by dbt/profiles.yml."""
    parts = urlsplit(url)
    return {
        "CCHC_DB_HOST": parts.hostname or "127.0.0.1",
        "CCHC_DB_PORT": str(parts.port or 5432),
        "CCHC_DB_USER": unquote(parts.username or ""),
        "CCHC_DB_PASSWORD": unquote(parts.password or ""),
        "CCHC_DB_NAME": database_of(url),
    }


def airflow_connection_json(url: str) -> str:
    """Value for AIRFLOW_CONN_WAREHOUSE (a postgres connection, as Cosmos' profile mapping expects)."""
    parts = urlsplit(url)
    return json.dumps({
        "conn_type": "postgres",
        "host": parts.hostname,
        "port": parts.port or 5432,
        "login": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "schema": database_of(url),
    })

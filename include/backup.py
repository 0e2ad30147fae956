"""Backup and restore of the warehouse database: `pg_dump` custom format plus a SHA-256 file.

The dump holds every schema of the warehouse database: raw (the only copy of what was
loaded, with personal data), the load manifest and quarantine, the build watermark,
staging views and the marts. It does not hold the generated secrets in `.data/secrets/`
(the pseudonym HMAC key above all: without it, pseudonyms of newly loaded records no
longer match those in the restored tables) nor the `bi_reader` role's password, nor
Airflow's metadata database: keep `.data/secrets/` (or set the secrets in the
environment) alongside the dumps, separately protected.

pg_dump and pg_restore come from the pgserver wheel (PostgreSQL 16), as the embedded
server does; for an external server their major version must not be older than the
server's.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from include.config import PROJECT_ROOT


class BackupError(RuntimeError):
    """A backup or restore failed; the message says what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_path(dump: Path) -> Path:
    return dump.with_name(dump.name + ".sha256")


def _libpq_env(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options without the password on the command line (it goes in PGPASSWORD)."""
    parts = urlsplit(url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    args = ["--host", parts.hostname or "127.0.0.1", "--port", str(parts.port or 5432),
            "--username", unquote(parts.username or "postgres")]
    return args, env


def _client(name: str) -> str:
    from include.embedded_server import _pg_bin

    return _pg_bin(name)


def _major(version_text: str) -> int:
    import re

    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    return int(match.group(1)) if match else 0


def _check_versions(url: str) -> None:
    from include.warehouse import connect

    client = subprocess.run([_client("pg_dump"), "--version"], capture_output=True, text=True, check=True).stdout
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("show server_version")
            server = cur.fetchone()[0]
    finally:
        conn.close()
    if _major(client) < _major(server):
        raise BackupError(f"pg_dump is version {client.split()[-1]} but the server is {server}: a dump needs a "
                          "pg_dump at least as new as the server")


def backup(url: str, file: Path | None = None) -> tuple[Path, str]:
    """Dump the database of `url` into `file` (default backups/<db>-<timestamp>.dump); write <file>.sha256."""
    from include.warehouse import database_of

    database = database_of(url)
    if file is None:
        file = PROJECT_ROOT / "backups" / f"{database}-{datetime.now():%Y%m%d-%H%M%S}.dump"
    file = Path(file).resolve()
    file.parent.mkdir(parents=True, exist_ok=True)
    _check_versions(url)
    args, env = _libpq_env(url)
    partial = file.with_name(file.name + ".partial")
    proc = subprocess.run([_client("pg_dump"), *args, "--format=custom", "--no-owner", "--file", str(partial),
                           "--dbname", database], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump of {database} failed: {proc.stderr.strip().splitlines()[-1:]}")
    partial.replace(file)
    digest = _sha256(file)
    checksum_path(file).write_text(f"{digest}  {file.name}\n", encoding="utf-8")
    return file, digest


def verify(file: Path) -> str:
    """The dump's SHA-256, after checking it against <file>.sha256."""
    file = Path(file)
    if not file.is_file():
        raise BackupError(f"backup file {file} does not exist")
    sums = checksum_path(file)
    if not sums.is_file():
        raise BackupError(f"checksum file {sums} is missing: the backup cannot be verified")
    expected = sums.read_text(encoding="utf-8").split()[0]
    actual = _sha256(file)
    if actual != expected:
        raise BackupError(f"{file} is damaged: SHA-256 {actual[:16]}… does not match {sums.name} ({expected[:16]}…)")
    return actual


def restore(file: Path, database: str, *, replace: bool = False) -> str:
    """Restore a verified dump into `database` on the configured server (created; an existing, non-empty
    database is replaced only with replace=True). Returns the database URL."""
    from psycopg2 import sql

    from include.warehouse import connect, create_database, ensure_bi_reader_role, ensure_roles, server_url

    verify(file)
    conn = connect(server_url())
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select 1 from pg_database where datname = %s", (database,))
            exists = cur.fetchone() is not None
    finally:
        conn.close()
    if exists and not replace and _has_tables(database):
        raise BackupError(f"database {database} exists and holds tables: restore with FORCE=1 to replace it")
    url = create_database(database, drop_existing=exists)
    ensure_bi_reader_role(url)   # the dump's grants name it
    args, env = _libpq_env(url)
    proc = subprocess.run([_client("pg_restore"), *args, "--no-owner", "--exit-on-error", "--single-transaction",
                           "--dbname", database, str(file)], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BackupError(f"pg_restore into {database} failed: {proc.stderr.strip()[-500:]}")
    conn = connect(url)
    try:
        with conn, conn.cursor() as cur:   # planner statistics are not in a dump
            cur.execute(sql.SQL("analyze"))
    finally:
        conn.close()
    ensure_roles(url)
    return url


def _has_tables(database: str) -> bool:
    from include.warehouse import connect, server_url, with_database

    conn = connect(with_database(server_url(), database))
    try:
        with conn.cursor() as cur:
            cur.execute("select count(*) from information_schema.tables "
                        "where table_schema not in ('pg_catalog', 'information_schema')")
            return cur.fetchone()[0] > 0
    finally:
        conn.close()

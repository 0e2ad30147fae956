"""Check that the Airflow connection `warehouse` and WAREHOUSE_URL agree and work.

Run by docker/airflow-init.sh. The project code reads WAREHOUSE_URL while
Cosmos/dbt and hooks read the Airflow connection `warehouse`
(AIRFLOW_CONN_WAREHOUSE); both must point at the same server, database and
role, or dbt would build marts somewhere the loader never wrote.

Exit status 0 when they agree and a login succeeds; 1 otherwise, naming the
differing fields (never printing the password).
"""

from __future__ import annotations

import os
import sys

import psycopg2
from psycopg2.extensions import parse_dsn

CONN_ID = "warehouse"


def differences(warehouse_url: str, conn) -> list[str]:
    """Fields in which the Airflow connection differs from WAREHOUSE_URL.

    ``conn`` is an ``airflow.models.connection.Connection``.
    """
    url = parse_dsn(warehouse_url)
    expected = {
        "conn_type": "postgres",
        "host": url.get("host"),
        "port": int(url.get("port", 5432)),
        "database": url.get("dbname"),
        "login": url.get("user"),
    }
    actual = {
        "conn_type": conn.conn_type,
        "host": conn.host,
        "port": conn.port or 5432,
        "database": conn.schema,
        "login": conn.login,
    }
    problems = [
        f"{field}: connection has {actual[field]!r}, WAREHOUSE_URL has {expected[field]!r}"
        for field in expected
        if actual[field] != expected[field]
    ]
    if (conn.password or "") != url.get("password", ""):
        problems.append("password: connection and WAREHOUSE_URL differ")
    return problems


def main() -> int:
    from airflow.models.connection import Connection

    warehouse_url = os.environ.get("WAREHOUSE_URL")
    if not warehouse_url:
        print("WAREHOUSE_URL is not set", file=sys.stderr)
        return 1
    conn = Connection.get_connection_from_secrets(CONN_ID)
    problems = differences(warehouse_url, conn)
    for problem in problems:
        print(f"Airflow connection {CONN_ID!r} vs WAREHOUSE_URL: {problem}", file=sys.stderr)
    if problems:
        return 1
    pg = psycopg2.connect(
        host=conn.host,
        port=conn.port or 5432,
        dbname=conn.schema,
        user=conn.login,
        password=conn.password,
        connect_timeout=10,
    )
    try:
        with pg.cursor() as cur:
            cur.execute("select current_user, current_database(), current_setting('server_version')")
            user, database, server_version = cur.fetchone()
    finally:
        pg.close()
    print(
        f"Airflow connection {CONN_ID!r}: {user}@{conn.host}:{conn.port or 5432}/{database} "
        f"(PostgreSQL {server_version}) matches WAREHOUSE_URL"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

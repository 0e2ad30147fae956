"""Comparisons of warehouse contents shared by the reliability tests."""
from __future__ import annotations

from include.warehouse import connect

# Columns that record *when* or *in which load* something arrived, not what: excluded from checksums.
# File ids are surrogate keys of load events: loading the same files over two nights numbers them
# differently, while (file_date, line) — kept in the checksum — identifies the same source line.
VOLATILE_COLUMNS = {"_loaded_at", "_built_at", "dbt_updated_at", "_dbt_built_at", "_file_id", "last_file_id"}


def mart_checksums(url: str) -> dict[str, str]:
    """md5 of every marts table's rows (order-independent)."""
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("select table_name from information_schema.tables "
                        "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1")
            tables = [t for (t,) in cur.fetchall()]
            sums = {}
            for table in tables:
                cur.execute("select column_name from information_schema.columns where table_schema = 'marts' "
                            "and table_name = %s order by ordinal_position", (table,))
                cols = [c for (c,) in cur.fetchall() if c not in VOLATILE_COLUMNS]
                row = "(" + ", ".join(f't."{c}"' for c in cols) + ")::text"
                cur.execute(f"select count(*), md5(coalesce(string_agg({row}, '|' order by {row}), '')) "
                            f'from marts."{table}" t')
                count, digest = cur.fetchone()
                sums[table] = f"{count}:{digest}"
            return sums
    finally:
        conn.close()

"""Set up Metabase for the CCHC warehouse (run by the `metabase-setup` service).

1. On a fresh Metabase: create the admin user (POST /api/setup with the setup
   token from GET /api/session/properties). Otherwise log in as that admin.
2. Register the warehouse as a PostgreSQL data source connecting as
   ``bi_reader``, restricted to the ``marts`` schema, unless a data source with
   that host and database already exists.

Idempotent: a second run changes nothing. Standard library only, so it runs in
any Python 3 image. Configuration comes from the environment (see
docker-compose.yml): METABASE_URL, METABASE_ADMIN_EMAIL,
METABASE_ADMIN_PASSWORD, WAREHOUSE_HOST, WAREHOUSE_PORT, WAREHOUSE_DB,
BI_READER_PASSWORD.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request

DATA_SOURCE_NAME = "Kho dữ liệu CCHC (marts)"
BI_ROLE = "bi_reader"
MARTS_SCHEMA = "marts"


class MetabaseError(RuntimeError):
    pass


class Metabase:
    def __init__(self, base_url: str, timeout: float = 30.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session_id: str | None = None

    def call(self, method: str, path: str, payload: dict | None = None):
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.session_id:
            request.add_header("X-Metabase-Session", self.session_id)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise MetabaseError(f"{method} {path}: HTTP {exc.code}: {detail}") from exc
        return json.loads(body) if body else None

    def wait_until_healthy(self, attempts: int = 60, delay: float = 5.0) -> None:
        for _ in range(attempts):
            try:
                if (self.call("GET", "/api/health") or {}).get("status") == "ok":
                    return
            except (urllib.error.URLError, MetabaseError, OSError):
                pass
            time.sleep(delay)
        raise MetabaseError(f"{self.base_url} did not become healthy")


def ensure_admin(mb: Metabase, email: str, password: str) -> str:
    """Create the first admin if Metabase is fresh, else log in. Returns 'created' or 'existing'."""
    properties = mb.call("GET", "/api/session/properties") or {}
    if not properties.get("has-user-setup"):
        token = properties.get("setup-token")
        if not token:
            raise MetabaseError("Metabase is not set up but gave no setup-token")
        result = mb.call(
            "POST",
            "/api/setup",
            {
                "token": token,
                "user": {
                    "email": email,
                    "password": password,
                    "first_name": "Quản trị",
                    "last_name": "CCHC",
                    "site_name": "Báo cáo CCHC",
                },
                "prefs": {"site_name": "Báo cáo CCHC", "site_locale": "vi", "allow_tracking": False},
            },
        )
        mb.session_id = result["id"]
        return "created"
    result = mb.call("POST", "/api/session", {"username": email, "password": password})
    mb.session_id = result["id"]
    return "existing"


def warehouse_details(host: str, port: int, dbname: str, bi_password: str) -> dict:
    return {
        "host": host,
        "port": port,
        "dbname": dbname,
        "user": BI_ROLE,
        "password": bi_password,
        "ssl": False,
        # bi_reader can only read marts anyway; the filter keeps Metabase from
        # listing (and failing to sync) the other schemas.
        "schema-filters-type": "inclusion",
        "schema-filters-patterns": MARTS_SCHEMA,
    }


def ensure_warehouse(mb: Metabase, details: dict) -> str:
    """Register the warehouse unless already there. Returns 'created' or 'existing'."""
    listed = mb.call("GET", "/api/database") or []
    databases = listed["data"] if isinstance(listed, dict) else listed
    for database in databases:
        existing = database.get("details") or {}
        if (
            database.get("engine") == "postgres"
            and existing.get("host") == details["host"]
            and existing.get("dbname") == details["dbname"]
        ):
            return "existing"
    mb.call(
        "POST",
        "/api/database",
        {"engine": "postgres", "name": DATA_SOURCE_NAME, "details": details, "is_full_sync": True},
    )
    return "created"


def main() -> int:
    env = os.environ
    missing = [
        name
        for name in ("METABASE_URL", "METABASE_ADMIN_EMAIL", "METABASE_ADMIN_PASSWORD", "BI_READER_PASSWORD")
        if not env.get(name)
    ]
    if missing:
        print(f"metabase-setup: missing environment variables: {', '.join(missing)}", file=sys.stderr)
        return 1
    mb = Metabase(env["METABASE_URL"])
    try:
        mb.wait_until_healthy()
        admin = ensure_admin(mb, env["METABASE_ADMIN_EMAIL"], env["METABASE_ADMIN_PASSWORD"])
        details = warehouse_details(
            env.get("WAREHOUSE_HOST", "warehouse"),
            int(env.get("WAREHOUSE_PORT", "5432")),
            env.get("WAREHOUSE_DB", "cchc"),
            env["BI_READER_PASSWORD"],
        )
        source = ensure_warehouse(mb, details)
    except MetabaseError as exc:
        print(f"metabase-setup: {exc}", file=sys.stderr)
        return 1
    print(f"metabase-setup: admin {admin}; warehouse data source ({BI_ROLE}, schema {MARTS_SCHEMA}) {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

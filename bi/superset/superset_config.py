"""Superset configuration for the CCHC warehouse (`make bi`, `make test-bi`, compose profile `bi`).

Everything variable comes from the environment (bi/superset_ctl.py sets it locally; compose sets it
in the container): the metadata database, the secret key, the port.
"""
import os

# Metadata (users, dashboards, charts) — a SQLite file under .data/superset locally, PostgreSQL in compose.
SQLALCHEMY_DATABASE_URI = os.environ["SUPERSET_METADATA_URL"]
SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]

SUPERSET_WEBSERVER_PORT = int(os.environ.get("SUPERSET_PORT", "8088"))
# Served on 127.0.0.1 over plain HTTP: no HTTPS redirect or strict content security policy.
TALISMAN_ENABLED = False
SESSION_COOKIE_SECURE = False
# No telemetry, no outbound calls (the machine has no internet beyond package registries).
SCARF_ANALYTICS = False
FEATURE_FLAGS = {
    "DASHBOARD_NATIVE_FILTERS": True,
    "THUMBNAILS": False,
    "ALERT_REPORTS": False,
}
# Charts ask the warehouse each time they load (figures change every night); no result cache.
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
# Superset's own cut-off for a chart query; bi_reader's statement_timeout in PostgreSQL is the real guard.
SQLLAB_TIMEOUT = 60
SUPERSET_WEBSERVER_TIMEOUT = 60
ROW_LIMIT = 10000
BABEL_DEFAULT_LOCALE = "en"

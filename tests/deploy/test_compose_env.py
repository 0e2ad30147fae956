"""The compose stack's variables and secrets: every interpolated variable is in .env.example (and
vice versa); secrets are `${VAR:?...}` everywhere and empty in .env.example; an unfilled copy is
refused, a filled one yields a WAREHOUSE_URL and an Airflow connection `warehouse` that agree
(parsed by Airflow itself); docker/check_warehouse_connection.py logs in to a real PostgreSQL
(fixture fresh_database_url) and rejects a drifted connection.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml

import check_warehouse_connection
from compose_model import DOCKER_DIR, ROOT, SECRET_NAME, InterpolationError, interpolate, variable_uses

def test_warehouse_url_and_airflow_connection_agree(services):
    """Parsed by Airflow's own Connection class, as the workers will."""
    from airflow.models.connection import Connection

    env = services["airflow-worker"]["environment"]
    assert env["WAREHOUSE_URL"] == env["AIRFLOW_CONN_WAREHOUSE"]
    conn = Connection(conn_id="warehouse", uri=env["AIRFLOW_CONN_WAREHOUSE"])
    warehouse_env = services["warehouse"]["environment"]
    assert (conn.conn_type, conn.host, conn.port) == ("postgres", "warehouse", 5432)
    assert conn.schema == warehouse_env["POSTGRES_DB"]
    assert conn.login == warehouse_env["POSTGRES_USER"]
    assert conn.password == warehouse_env["POSTGRES_PASSWORD"]
    assert check_warehouse_connection.differences(env["WAREHOUSE_URL"], conn) == []
    drifted = Connection(conn_id="warehouse", uri=env["WAREHOUSE_URL"].replace("@warehouse:5432/", "@postgres:5432/"))
    problems = check_warehouse_connection.differences(env["WAREHOUSE_URL"], drifted)
    assert len(problems) == 1 and problems[0].startswith("host:")


def test_warehouse_connection_check_against_a_real_server(request, tmp_path):
    """docker/check_warehouse_connection.py logs in to a real PostgreSQL."""
    try:
        url = request.getfixturevalue("fresh_database_url")
    except pytest.FixtureLookupError:
        pytest.skip("tests/conftest.py does not provide fresh_database_url yet")
    base = {**os.environ, "AIRFLOW_HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "WAREHOUSE_URL": url}
    script = str(DOCKER_DIR / "check_warehouse_connection.py")
    ok = subprocess.run([sys.executable, script], env={**base, "AIRFLOW_CONN_WAREHOUSE": url},
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "matches WAREHOUSE_URL" in ok.stdout
    other_db = urlsplit(url)._replace(path="/some_other_db").geturl()
    bad = subprocess.run([sys.executable, script], env={**base, "AIRFLOW_CONN_WAREHOUSE": other_db},
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "database" in bad.stderr



# --------------------------------------------------------------------------- env vars and secrets
def test_every_interpolated_variable_is_documented_in_env_example(raw_compose, example_env):
    used = {name for name, _ in variable_uses(raw_compose)}
    assert used, "the compose file interpolates nothing?"
    undocumented = used - set(example_env)
    assert not undocumented, f"not in .env.example: {sorted(undocumented)}"
    stale = set(example_env) - used
    assert not stale, f".env.example documents variables the compose does not use: {sorted(stale)}"


def test_secrets_are_required_everywhere_and_empty_in_env_example(raw_compose, example_env):
    uses = variable_uses(raw_compose)
    secret_names = {name for name, _ in uses if SECRET_NAME.search(name) and name != "CCHC_ALERT_WEBHOOK_URL"}
    assert {"WAREHOUSE_PASSWORD", "BI_READER_PASSWORD", "CCHC_PSEUDONYM_SECRET", "AIRFLOW_FERNET_KEY"} <= secret_names
    for name, op in uses:
        if name in secret_names:
            assert op == ":?", f"${{{name}}} must be written ${{{name}:?...}} (found operator {op!r})"
    for name in secret_names:
        assert example_env[name] == "", f".env.example must not carry a value for secret {name}"


def test_no_literal_credentials_in_the_compose_file(raw_compose):
    def walk(node, where=""):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and SECRET_NAME.search(str(key)) and str(key) != "_PIP_ADDITIONAL_REQUIREMENTS":
                    assert re.fullmatch(r"\$\{[A-Z0-9_]+:\?[^}]*\}", value), f"{where}.{key} is not a required variable"
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)
        elif isinstance(node, str):
            for userinfo in re.findall(r"://[^/@\s]*:([^@\s]*)@", node):
                assert userinfo.startswith("${"), f"{where}: literal password in URL {node!r}"

    walk(raw_compose)


def test_unfilled_env_example_is_refused_and_filled_one_resolves(raw_compose, example_env, filled_env):
    with pytest.raises(InterpolationError, match="required variable"):
        interpolate(raw_compose, example_env)
    resolved = interpolate(raw_compose, filled_env)
    leftovers = re.findall(r"\$\{[^}]*\}", yaml.safe_dump(resolved))
    # Only $${...} escapes (meant for the container shell) may remain.
    assert set(leftovers) <= {"${HOSTNAME}", "${POSTGRES_USER}", "${POSTGRES_DB}"}, leftovers

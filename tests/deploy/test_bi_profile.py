"""The BI profile: Metabase reads the warehouse as bi_reader, marts only (docker/metabase_setup.py
run twice against a stand-in of the Metabase API, since Metabase itself cannot run here).
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys

import metabase_setup
from compose_model import DOCKER_DIR

# --------------------------------------------------------------------------- BI profile
def test_metabase_reads_the_warehouse_as_bi_reader(services):
    setup_env = services["metabase-setup"]["environment"]
    assert setup_env["WAREHOUSE_HOST"] == "warehouse"
    assert str(setup_env["WAREHOUSE_PORT"]) == "5432"
    assert setup_env["WAREHOUSE_DB"] == services["warehouse"]["environment"]["POSTGRES_DB"]
    airflow_env = services["airflow-worker"]["environment"]
    assert setup_env["BI_READER_PASSWORD"] == airflow_env["BI_READER_PASSWORD"]
    details = metabase_setup.warehouse_details("warehouse", 5432, setup_env["WAREHOUSE_DB"], "pw")
    assert details["user"] == "bi_reader" and details["schema-filters-patterns"] == "marts"
    assert details["user"] != services["warehouse"]["environment"]["POSTGRES_USER"], "BI must not use the owner role"
    metabase = services["metabase"]["environment"]
    assert metabase["MB_DB_HOST"] == "metabase-db" and metabase["MB_DB_TYPE"] == "postgres"
    assert metabase["MB_DB_PASS"] == services["metabase-db"]["environment"]["POSTGRES_PASSWORD"]




def test_metabase_setup_is_idempotent_against_a_stand_in_api():
    """Metabase itself (a JVM app shipped as a Docker image) cannot run here, so a
    minimal stand-in serves the five endpoints the script uses, with Metabase's
    documented shapes; the script's real HTTP client talks to it twice."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    state = {"admin": None, "databases": [], "session": "sess-1", "posts": []}

    class StandIn(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def authorised(self):
            return self.headers.get("X-Metabase-Session") == state["session"]

        def do_GET(self):
            if self.path == "/api/health":
                return self.reply(200, {"status": "ok"})
            if self.path == "/api/session/properties":
                done = state["admin"] is not None
                return self.reply(200, {"has-user-setup": done, "setup-token": None if done else "tok"})
            if self.path == "/api/database" and self.authorised():
                return self.reply(200, {"data": state["databases"], "total": len(state["databases"])})
            return self.reply(401, {"error": "unauthenticated"})

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state["posts"].append(self.path)
            if self.path == "/api/setup" and body.get("token") == "tok" and state["admin"] is None:
                state["admin"] = body["user"]
                return self.reply(200, {"id": state["session"]})
            if self.path == "/api/session":
                ok = state["admin"] and (body["username"], body["password"]) == (
                    state["admin"]["email"], state["admin"]["password"])
                return self.reply(200, {"id": state["session"]}) if ok else self.reply(401, {})
            if self.path == "/api/database" and self.authorised():
                details = {k: v for k, v in body["details"].items() if k != "password"}
                state["databases"].append({"id": 1, "engine": body["engine"], "name": body["name"], "details": details,
                                           "_password": body["details"]["password"]})
                return self.reply(200, state["databases"][-1])
            return self.reply(400, {"error": self.path})

    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {**os.environ, "METABASE_URL": f"http://127.0.0.1:{server.server_port}",
               "METABASE_ADMIN_EMAIL": "admin@example.org", "METABASE_ADMIN_PASSWORD": secrets.token_hex(8),
               "WAREHOUSE_HOST": "warehouse", "WAREHOUSE_PORT": "5432", "WAREHOUSE_DB": "cchc",
               "BI_READER_PASSWORD": "bi-" + secrets.token_hex(8)}
        script = [sys.executable, str(DOCKER_DIR / "metabase_setup.py")]
        first = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)
        assert first.returncode == 0, first.stderr
        assert "admin created" in first.stdout and "created" in first.stdout.rsplit(")", 1)[1]
        assert len(state["databases"]) == 1
        database = state["databases"][0]
        assert database["engine"] == "postgres"
        assert database["details"]["user"] == "bi_reader" and database["_password"] == env["BI_READER_PASSWORD"]
        assert (database["details"]["host"], database["details"]["dbname"]) == ("warehouse", "cchc")
        second = subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "admin existing" in second.stdout and second.stdout.strip().endswith("existing")
        assert len(state["databases"]) == 1 and state["posts"].count("/api/setup") == 1
        wrong = subprocess.run(script, env={**env, "METABASE_ADMIN_PASSWORD": "wrong"},
                               capture_output=True, text=True, timeout=60)
        assert wrong.returncode == 1 and "HTTP 401" in wrong.stderr
    finally:
        server.shutdown()
        server.server_close()

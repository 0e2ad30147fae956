"""Apache Superset on this machine, provisioned from the repository (`make bi`, `make bi-stop`, `make test-bi`).

Superset runs from its own venv (.venv-bi: its pins conflict with Airflow's), keeps its metadata in a
SQLite file under .data/superset, reads the warehouse as bi_reader (schema bi only) and shows the
dashboard kept as code in bi/superset/bundle (Superset's YAML export format). Each `up` re-imports
the bundle (overwriting the dashboard, charts and datasets of the same UUIDs), so the repository is
the source of truth; edit a dashboard in the UI, export it, and commit the YAML.

    python -m bi.superset_ctl up [--port 8088] [--database-url URL]   provision + start, print URL and login
    python -m bi.superset_ctl stop                                      stop the server started by `up`
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bi.superset.bundle import bundle_zip
from include.config import PROJECT_ROOT, get_settings

VENV_BI = PROJECT_ROOT / ".venv-bi"
CONFIG_FILE = PROJECT_ROOT / "bi" / "superset" / "superset_config.py"
ADMIN_USER = "admin"
DEFAULT_PORT = int(os.environ.get("SUPERSET_PORT", "8088"))
DASHBOARD_SLUG = "cchc-ho-so-tthc"


class SupersetError(RuntimeError):
    pass


def home() -> Path:
    path = get_settings().cchc_data_dir / "superset"
    path.mkdir(parents=True, exist_ok=True)
    return path


def admin_password() -> str:
    return get_settings().secret("superset_admin_password")


def superset_env(port: int = DEFAULT_PORT) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SUPERSET_CONFIG_PATH": str(CONFIG_FILE),
        "SUPERSET_HOME": str(home()),
        "SUPERSET_METADATA_URL": f"sqlite:///{home() / 'superset.db'}",
        "SUPERSET_SECRET_KEY": get_settings().secret("superset_secret_key"),
        "SUPERSET_PORT": str(port),
        "FLASK_APP": "superset",
        "PATH": os.pathsep.join([str(VENV_BI / "bin"), env.get("PATH", "")]),
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "1",
    })
    return env


def _superset(args: list[str], env: dict[str, str], what: str, executable: Path | None = None) -> str:
    log = home() / "cli.log"
    proc = subprocess.run([str(executable or VENV_BI / "bin" / "superset"), *args], env=env, capture_output=True,
                          text=True)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ superset {' '.join(args)}\n{proc.stdout}\n{proc.stderr}\n")
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-5:])
        raise SupersetError(f"superset {what} failed (log: {log}):\n{tail}")
    return proc.stdout + proc.stderr


def _python_bi(args: list[str], env: dict[str, str], what: str) -> str:
    """A script with Superset's Python (.venv-bi)."""
    return _superset(args, env, what, executable=VENV_BI / "bin" / "python")


def sqlalchemy_uri(bi_url: str) -> str:
    return bi_url.replace("postgresql://", "postgresql+psycopg2://", 1)


def check_bi_schema(owner_url: str) -> None:
    from include.warehouse import connect

    conn = connect(owner_url)
    try:
        with conn.cursor() as cur:
            cur.execute("select to_regclass('bi.bieu06_unit') is not null and to_regclass('bi.dossier_monthly') "
                        "is not null")
            if not cur.fetchone()[0]:
                raise SupersetError("the warehouse has no BI schema yet: run `make demo` (or a nightly build) first")
    finally:
        conn.close()


def provision(owner_url: str, port: int = DEFAULT_PORT) -> None:
    """Metadata DB, admin user, roles and permissions, then the dashboard bundle (idempotent)."""
    from include.warehouse import bi_reader_url, ensure_roles

    if not (VENV_BI / "bin" / "superset").exists():
        raise SupersetError(f"{VENV_BI} has no Superset: run `make bi` (it installs bi/requirements.txt)")
    check_bi_schema(owner_url)
    ensure_roles(owner_url)
    env = superset_env(port)
    started = time.monotonic()
    _superset(["db", "upgrade"], env, "db upgrade")
    # Prints "User already exists" (exit 0) on later runs.
    _superset(["fab", "create-admin", "--username", ADMIN_USER, "--firstname", "Quản trị", "--lastname", "CCHC",
               "--email", "admin@cchc.invalid", "--password", admin_password()], env, "fab create-admin")
    stamp = home() / ".initialised"
    if not stamp.exists():
        _superset(["init"], env, "init")
        stamp.touch()
    bundle = home() / "cchc_dashboard.zip"
    bundle.write_bytes(bundle_zip(sqlalchemy_uri(bi_reader_url(owner_url))))
    os.chmod(bundle, 0o600)   # holds bi_reader's password
    try:
        _python_bi([str(PROJECT_ROOT / "bi" / "superset" / "import_bundle.py"), str(bundle), ADMIN_USER], env,
                   "bundle import")
    finally:
        bundle.unlink(missing_ok=True)
    print(f"  Superset provisioned in {time.monotonic() - started:.0f} s (metadata: {home() / 'superset.db'})")


def pid_file() -> Path:
    return home() / "gunicorn.pid"


def running_pid() -> int | None:
    try:
        pid = int(pid_file().read_text().strip())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None


def wait_healthy(port: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SupersetError(f"Superset did not answer on 127.0.0.1:{port} within {timeout:.0f} s "
                        f"(log: {home() / 'gunicorn.log'})")


def start(port: int = DEFAULT_PORT) -> None:
    """gunicorn (the WSGI server Superset documents for production), one worker, on 127.0.0.1 only."""
    if running_pid():
        stop()
    log = home() / "gunicorn.log"
    subprocess.run([
        str(VENV_BI / "bin" / "gunicorn"), "--daemon", "--pid", str(pid_file()),
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--worker-class", "gthread", "--threads", "8",
        "--timeout", "120", "--limit-request-line", "0", "--limit-request-field_size", "0",
        "--access-logfile", str(log), "--error-logfile", str(log),
        "superset.app:create_app()",
    ], env=superset_env(port), check=True)
    wait_healthy(port)


def stop() -> bool:
    pid = running_pid()
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    for _ in range(60):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    pid_file().unlink(missing_ok=True)
    return True


def up(owner_url: str, port: int = DEFAULT_PORT) -> str:
    provision(owner_url, port)
    start(port)
    return f"http://127.0.0.1:{port}/superset/dashboard/{DASHBOARD_SLUG}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bi.superset_ctl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up_cmd = sub.add_parser("up", help="provision and start Superset")
    up_cmd.add_argument("--port", type=int, default=DEFAULT_PORT)
    up_cmd.add_argument("--database-url", default=None, help="owner URL of the warehouse (default: configured one)")
    sub.add_parser("stop", help="stop Superset")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            from include.warehouse import warehouse_url

            url = up(args.database_url or warehouse_url(), args.port)
            print(f"Superset: {url}")
            print(f"  login: {ADMIN_USER} / {admin_password()}   (password kept in "
                  f"{get_settings().cchc_data_dir / 'secrets' / 'superset_admin_password'})")
            print("  stop it with: make bi-stop")
        else:
            print("Superset stopped" if stop() else "Superset was not running")
    except SupersetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The embedded PostgreSQL server of development and demo runs (never used when WAREHOUSE_URL is set).

It uses the PostgreSQL 16 binaries shipped in the `pgserver` wheel, but listens
on 127.0.0.1 (not only a unix socket as pgserver itself does), because Airflow 3
rejects a connection whose host is a socket path and Cosmos builds Asset URIs
from that host. Running as root, PostgreSQL refuses to start, so the server runs
as the unprivileged user pgserver creates.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import fasteners

from include.config import LOCAL_TIME_ZONE, get_settings

EMBEDDED_SUPERUSER = "postgres"
PG_SYSTEM_USER = "pgserver"

# A dev/demo server: durability on an OS crash is traded for speed; a killed
# process or restarted server still recovers (WAL is written, just not fsynced).
EMBEDDED_SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "max_connections": "100",
    "shared_buffers": "'512MB'",
    "work_mem": "'64MB'",
    "maintenance_work_mem": "'512MB'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # No replicas or WAL archive here: dbt's `create table … as` into a table created in the same
    # transaction then writes no WAL for its rows (measured: full build at scale 1 ≈ 15 % faster).
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "'4GB'",
    "checkpoint_timeout": "'30min'",
    "timezone": f"'{LOCAL_TIME_ZONE}'",
    "log_timezone": f"'{LOCAL_TIME_ZONE}'",
    "jit": "off",
}


class EmbeddedServerError(RuntimeError):
    pass


def pg_bin_dir() -> Path:
    """The PostgreSQL 16 binaries of the pgserver wheel (initdb, pg_ctl, pg_dump, pg_restore, …)."""
    import warnings

    # pgserver's package import asks platformdirs for a runtime dir it never uses here.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
        from pgserver._commands import POSTGRES_BIN_PATH  # heavy-ish import, only when needed

    return Path(POSTGRES_BIN_PATH)


def _pg_bin(name: str) -> str:
    return str(pg_bin_dir() / name)


def _run_as_pg_user(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        kwargs.setdefault("user", PG_SYSTEM_USER)
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def _prepare_permissions(pgdata: Path) -> None:
    """As root: create the system user and make data dir and binaries reachable for it."""
    if os.geteuid() != 0:
        return
    import pwd
    import stat

    POSTGRES_BIN_PATH = pg_bin_dir()
    from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists(PG_SYSTEM_USER)
    ensure_prefix_permissions(pgdata)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    read_perm = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, read_perm | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", read_perm)
    entry = pwd.getpwnam(PG_SYSTEM_USER)
    os.chown(pgdata, entry.pw_uid, entry.pw_gid)


def superuser_password() -> str:
    return get_settings().secret("embedded_pg_password")


def _initdb(pgdata: Path) -> None:
    with tempfile.NamedTemporaryFile("w", delete=False, suffix=".pw") as pwfile:
        pwfile.write(superuser_password() + "\n")
    os.chmod(pwfile.name, 0o644)  # initdb runs as the pg system user
    try:
        _run_as_pg_user([
            _pg_bin("initdb"), "-D", str(pgdata), "-U", EMBEDDED_SUPERUSER, f"--pwfile={pwfile.name}",
            "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--encoding=UTF8", "--no-locale",
        ])
    finally:
        os.unlink(pwfile.name)
    with open(pgdata / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("\n# cchc embedded warehouse\n")
        for key, value in EMBEDDED_SERVER_SETTINGS.items():
            conf.write(f"{key} = {value}\n")


def _running_port(pgdata: Path) -> int | None:
    """Port of the server running on pgdata, or None."""
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    try:
        pid, port = int(lines[0]), int(lines[3])
    except (IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    if len(lines) >= 8 and lines[7].strip() != "ready":
        return None
    return port


def _port_is_free(port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _free_port(preferred: int) -> int:
    if _port_is_free(preferred):
        return preferred
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_embedded_server() -> int:
    """Start the embedded server if it is not running; return its port."""
    settings = get_settings()
    pgdata = settings.pgdata
    pgdata.mkdir(parents=True, exist_ok=True)
    with fasteners.InterProcessLock(str(settings.cchc_data_dir / "pg.lock")):
        port = _running_port(pgdata)
        if port is not None:
            return port
        _prepare_permissions(pgdata)
        if not (pgdata / "PG_VERSION").exists():
            _initdb(pgdata)
        port = _free_port(settings.cchc_pg_port)
        try:
            _run_as_pg_user([
                _pg_bin("pg_ctl"), "-D", str(pgdata), "-w", "-t", "60", "-l", str(pgdata / "server.log"),
                "-o", f"-p {port}", "start",
            ])
        except subprocess.CalledProcessError as exc:
            log = (pgdata / "server.log").read_text(errors="replace")[-2000:]
            raise EmbeddedServerError(f"embedded PostgreSQL did not start: {exc.stderr.strip()}\n{log}") from exc
        running = _running_port(pgdata)
        if running is None:
            raise EmbeddedServerError(f"embedded PostgreSQL started but is not ready (see {pgdata / 'server.log'})")
        return running


def stop_embedded_server() -> bool:
    """Stop the embedded server; True if one was running."""
    pgdata = get_settings().pgdata
    if _running_port(pgdata) is None:
        return False
    _run_as_pg_user([_pg_bin("pg_ctl"), "-D", str(pgdata), "-w", "-m", "fast", "stop"])
    return True


def restart_embedded_server() -> int:
    """Restart (for fault-injection tests); returns the port."""
    pgdata = get_settings().pgdata
    _run_as_pg_user([_pg_bin("pg_ctl"), "-D", str(pgdata), "-w", "-m", "fast", "restart",
                     "-l", str(pgdata / "server.log")])
    port = _running_port(pgdata)
    if port is None:
        raise EmbeddedServerError("embedded PostgreSQL did not come back after restart")
    return port



def embedded_server_url() -> str:
    """URL of the maintenance database ('postgres') of the embedded server, started if needed."""
    port = ensure_embedded_server()
    password = quote(superuser_password(), safe="")
    return f"postgresql://{EMBEDDED_SUPERUSER}:{password}@127.0.0.1:{port}/postgres"

"""`make airflow` for real: it serves on 127.0.0.1 only, and Ctrl+C or `make airflow-stop` ends every process it
started within seconds, leaving no port open. The port is configurable (CCHC_TEST_AIRFLOW_PORT, default 18080)
so that the test does not collide with an Airflow already serving 8080."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from include.airflow_services import cpu_cores, port_is_open, session_members

pytestmark = [pytest.mark.slow, pytest.mark.airflow]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("CCHC_TEST_AIRFLOW_PORT", "18080"))
STATE_FILE = PROJECT_ROOT / ".airflow" / "services.json"


def _outside_address() -> str | None:
    """An address of this host other than loopback (no packet is sent), or None."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_DGRAM)) as sock:
        try:
            sock.connect(("10.255.255.255", 1))
            address = sock.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


class Airflow:
    """`make airflow` in its own session, as a terminal would run it; its output collected."""

    def __init__(self, executor: str = "local", env_extra: dict | None = None):
        env = {**os.environ, "CCHC_AIRFLOW_PORT": str(PORT), "EXECUTOR": executor, **(env_extra or {})}
        env.pop("MAKEFLAGS", None)
        self.proc = subprocess.Popen(["make", "--no-print-directory", "airflow"], cwd=PROJECT_ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = 420) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError(f"no line with {text!r}; output:\n{self.output[-4000:]}")

    def sessions(self) -> set[int]:
        return set(json.loads(STATE_FILE.read_text())["sessions"].values())

    def kill(self) -> None:
        """Last resort for a failed test: nothing may outlive it."""
        from include.airflow_services import stop_sessions

        with contextlib.suppress(Exception):
            stop_sessions(self.sessions(), timeout=2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)


def _check_running(airflow: Airflow) -> set[int]:
    airflow.wait_for("Airflow UI: http://127.0.0.1:")
    assert "DAGs start paused" in airflow.output
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v2/monitor/health", timeout=10) as response:
        assert response.status == 200
    outside = _outside_address()
    if outside:   # the UI (and its printed admin password) is not reachable from the network
        with contextlib.closing(socket.socket()) as sock:
            sock.settimeout(2)
            assert sock.connect_ex((outside, PORT)) != 0
    sessions = airflow.sessions()
    members = session_members(sessions)
    assert len(members) >= 3, members
    scheduler_pid = json.loads(STATE_FILE.read_text())["sessions"]["scheduler"]
    environ = dict(item.split("=", 1) for item in
                   Path(f"/proc/{scheduler_pid}/environ").read_text().split("\0") if "=" in item)
    assert environ["AIRFLOW__CORE__PARALLELISM"] == str(max(2, cpu_cores()))
    logs = "".join(p.read_text(errors="replace") for p in (PROJECT_ROOT / ".airflow" / "logs" / "services").glob("*.log"))
    assert "InsecureKeyLengthWarning" not in logs and "InsecureKeyLengthWarning" not in airflow.output
    return sessions


def _check_stopped(airflow: Airflow, sessions: set[int], started: float) -> None:
    airflow.proc.wait(timeout=60)
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"stopping took {elapsed:.0f} s"
    time.sleep(0.5)
    assert session_members(sessions) == [], "processes left behind"
    assert not port_is_open(PORT), f"port {PORT} still open"
    assert "no process left" in airflow.output and "no port open" in airflow.output, airflow.output[-2000:]
    assert not STATE_FILE.exists()


def test_ctrl_c_stops_every_process_and_port(server_url):
    airflow = Airflow()
    try:
        sessions = _check_running(airflow)
        started = time.monotonic()
        os.killpg(airflow.proc.pid, signal.SIGINT)   # what Ctrl+C does to the terminal's foreground group
        _check_stopped(airflow, sessions, started)
    finally:
        airflow.kill()


def test_make_airflow_stop_from_another_shell(server_url):
    airflow = Airflow()
    try:
        sessions = _check_running(airflow)
        started = time.monotonic()
        stop = subprocess.run(["make", "--no-print-directory", "airflow-stop"], cwd=PROJECT_ROOT, capture_output=True,
                              text=True, timeout=60)
        assert stop.returncode == 0, stop.stdout + stop.stderr
        assert "Airflow stopped" in stop.stdout and "still open" not in stop.stdout, stop.stdout
        _check_stopped(airflow, sessions, started)
    finally:
        airflow.kill()

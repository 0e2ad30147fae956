"""`make airflow`: the Airflow components as supervised child processes, in the foreground.

Why not `airflow standalone`: it left the API server, the triggerer and the scheduler's
executor processes running after SIGTERM, bound the API and log servers to 0.0.0.0 and
sized LocalExecutor to 32 workers. Here every component runs in its own session
(`start_new_session`), so stopping it finds every process it started, including task
processes that moved into their own process group: Ctrl+C (SIGINT) or SIGTERM, or
`make airflow-stop` from another shell, sends SIGTERM to all of them, waits a few
seconds and SIGKILLs what is left, then checks that no port stayed open.

Executors:
- `local` (default): scheduler (LocalExecutor, parallelism = CPU cores), API server,
  DAG processor.
- `celery`: the same plus Redis (the Debian `redis-server` binary) as broker on
  127.0.0.1 with a generated password, and two Celery workers named worker1/worker2.

Everything binds 127.0.0.1 unless CCHC_AIRFLOW_HOST says otherwise. Task logs are read
by the API server from the shared log folder, so no log server is started (it would
bind every interface).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from include.config import PROJECT_ROOT, get_settings

STATE_FILE_NAME = "services.json"
WORKER_NAMES = ("worker1", "worker2")


class ServicesError(RuntimeError):
    """A component did not start or did not stop; the message says which and where its log is."""


def worker_hostname() -> str:
    """[core] hostname_callable: a Celery worker's own name (several workers share this host),
    so that a task instance records which worker ran it."""
    return os.environ.get("CCHC_WORKER_NAME") or socket.getfqdn()


def cpu_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def port_is_open(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_binary() -> str:
    found = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists()
                                             else None)
    if not found:
        raise ServicesError("redis-server not found: install the Debian package (apt-get install redis-server), "
                            "as .ci/run does")
    return found


@dataclass
class Component:
    name: str
    argv: list[str]
    env: dict[str, str]
    essential: bool = True        # its exit stops everything (a Celery worker is not: the other goes on)
    process: subprocess.Popen | None = None
    log_path: Path | None = None


@dataclass
class Plan:
    executor: str
    host: str
    port: int
    redis_port: int | None
    components: list[Component] = field(default_factory=list)

    @property
    def ports(self) -> list[int]:
        return [self.port] + ([self.redis_port] if self.redis_port else [])


def services_env(base_env: dict[str, str], *, executor: str, host: str, port: int,
                 redis_port: int | None, metadata_url: str) -> dict[str, str]:
    settings = get_settings()
    cores = cpu_cores()
    env = dict(base_env)
    env.update({
        "AIRFLOW__API__HOST": host,
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__CORE__PARALLELISM": str(max(2, cores)),
        "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
        # The API server's first execution-API answer took 42 s on the loaded 2-core machine; Airflow's 5 s
        # default failed a task that had not even started.
        "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": base_env.get("AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT", "60"),
        "AIRFLOW__CORE__HOSTNAME_CALLABLE": "include.airflow_services.worker_hostname",
        # A task whose worker died is failed (and retried) after this many seconds without a heartbeat.
        "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": base_env.get(
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT", "60"),
        "CCHC_TASK_RETRIES": base_env.get("CCHC_TASK_RETRIES", str(settings.cchc_task_retries)),
    })
    if executor == "celery":
        password = settings.secret("redis_password", 32)
        env.update({
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CELERY__BROKER_URL": f"redis://:{password}@127.0.0.1:{redis_port}/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + metadata_url.replace("postgresql+psycopg2://",
                                                                            "postgresql://", 1),
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": str(max(1, cores // len(WORKER_NAMES))),
            "AIRFLOW__CELERY__WORKER_ENABLE_REMOTE_CONTROL": "False",
        })
    else:
        env["AIRFLOW__CORE__EXECUTOR"] = "LocalExecutor"
    return env


def plan_services(base_env: dict[str, str], *, executor: str = "local", host: str | None = None,
                  port: int | None = None) -> Plan:
    executor = executor.lower()
    if executor not in ("local", "celery"):
        raise ServicesError(f"EXECUTOR={executor!r}: choose local or celery")
    host = host or os.environ.get("CCHC_AIRFLOW_HOST", "127.0.0.1")
    port = int(port or os.environ.get("CCHC_AIRFLOW_PORT", "8080"))
    if port_is_open(port):
        raise ServicesError(f"port {port} is already in use on 127.0.0.1 (another Airflow? `make airflow-stop`, "
                            "or choose CCHC_AIRFLOW_PORT=…)")
    redis_port = None
    if executor == "celery":
        redis_port = int(os.environ.get("CCHC_REDIS_PORT") or free_port())
    metadata_url = base_env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    env = services_env(base_env, executor=executor, host=host, port=port, redis_port=redis_port,
                       metadata_url=metadata_url)
    airflow = str(Path(sys.executable).parent / "airflow")
    plan = Plan(executor, host, port, redis_port)
    if executor == "celery":
        password = get_settings().secret("redis_password", 32)
        plan.components.append(Component("redis", [
            redis_binary(), "--bind", "127.0.0.1", "--port", str(redis_port), "--requirepass", password,
            "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no"], env))
    plan.components += [
        Component("scheduler", [airflow, "scheduler", "--skip-serve-logs"], env),
        Component("dag-processor", [airflow, "dag-processor"], env),
        Component("api-server", [airflow, "api-server", "--host", host, "--port", str(port)], env),
    ]
    if executor == "celery":
        for name in WORKER_NAMES:
            plan.components.append(Component(
                name, [airflow, "celery", "worker", "--skip-serve-logs", "--celery-hostname", f"{name}@%h",
                       "--concurrency", env["AIRFLOW__CELERY__WORKER_CONCURRENCY"]],
                {**env, "CCHC_WORKER_NAME": name}, essential=False))
    return plan


# --------------------------------------------------------------------------- processes by session
def session_members(session_ids: set[int]) -> list[int]:
    """Every live process whose session is one of session_ids (a component and all it started)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            if os.getsid(pid) in session_ids:
                members.append(pid)
        except (ProcessLookupError, PermissionError):
            continue
    return members


def _signal_all(pids: list[int], sig: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def stop_sessions(session_ids: set[int], timeout: float = 8.0, write=print) -> None:
    """SIGTERM every process of the sessions, SIGKILL what is left after `timeout` s."""
    pids = session_members(session_ids)
    if not pids:
        return
    _signal_all(pids, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _reap()
        if not session_members(session_ids):
            return
        time.sleep(0.2)
    left = session_members(session_ids)
    if left:
        write(f"  {len(left)} process(es) still running after {timeout:.0f} s: SIGKILL")
        _signal_all(left, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while session_members(session_ids) and time.monotonic() < deadline:
        _reap()
        time.sleep(0.1)


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


# --------------------------------------------------------------------------- the supervisor
class Supervisor:
    def __init__(self, plan: Plan, log_dir: Path, write=print):
        self.plan, self.log_dir, self.write = plan, log_dir, write
        self.state_file = get_settings().airflow_home / STATE_FILE_NAME
        self.stop_requested = False

    @property
    def session_ids(self) -> set[int]:
        return {c.process.pid for c in self.plan.components if c.process is not None}

    def _save_state(self) -> None:
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps({
            "supervisor_pid": os.getpid(), "executor": self.plan.executor, "ports": self.plan.ports,
            "sessions": {c.name: c.process.pid for c in self.plan.components if c.process is not None},
        }))

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for component in self.plan.components:
            component.log_path = self.log_dir / f"{component.name}.log"
            log = open(component.log_path, "wb")   # one run per log: a fresh start is easier to read
            component.process = subprocess.Popen(
                component.argv, env=component.env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=PROJECT_ROOT, start_new_session=True)
            log.close()
            self._save_state()
            self.write(f"  started {component.name} (pid {component.process.pid}, log {component.log_path})")
            if component.name == "redis":
                self._wait_for_port(self.plan.redis_port, component, 20)

    def _wait_for_port(self, port: int, component: Component, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_is_open(port):
                return
            if component.process.poll() is not None:
                raise ServicesError(f"{component.name} exited at start: {self._tail(component)}")
            time.sleep(0.2)
        raise ServicesError(f"{component.name} did not open port {port} within {timeout:.0f} s "
                            f"(log: {component.log_path})")

    def wait_until_ready(self, timeout: float = 180) -> None:
        url = f"http://127.0.0.1:{self.plan.port}/api/v2/monitor/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.stop_requested:
            self._check_components()
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local URL)
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(1)
        if not self.stop_requested:
            raise ServicesError(f"the API server did not answer on {url} within {timeout:.0f} s "
                                f"(log: {self.log_dir / 'api-server.log'})")

    @staticmethod
    def _tail(component: Component, lines: int = 5) -> str:
        try:
            text = component.log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(line.strip() for line in text[-lines:]) + f" (log: {component.log_path})"

    def _check_components(self) -> None:
        for component in self.plan.components:
            if component.process is None or component.process.poll() is None or getattr(component, "_reported", 0):
                continue
            component._reported = 1   # noqa: SLF001 - report each exit once
            code = component.process.returncode
            how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
            if component.essential:
                raise ServicesError(f"{component.name} stopped ({how}): {self._tail(component)}")
            alive = [c.name for c in self.plan.components if not c.essential and c.process.poll() is None]
            self.write(f"  {component.name} stopped ({how}); still running: {', '.join(alive) or 'no worker'}")

    def supervise(self) -> None:
        while not self.stop_requested:
            self._check_components()
            time.sleep(1)

    def stop(self, timeout: float = 8.0) -> None:
        started = time.monotonic()
        stop_sessions(self.session_ids, timeout, self.write)
        for component in self.plan.components:
            if component.process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    component.process.wait(timeout=1)
        left = session_members(self.session_ids)
        open_ports = [p for p in self.plan.ports if port_is_open(p)]
        with contextlib.suppress(FileNotFoundError):
            self.state_file.unlink()
        self.write(f"Airflow stopped in {time.monotonic() - started:.1f} s: "
                   + (f"{len(left)} process(es) left {left}" if left else "no process left")
                   + (f", port(s) still open: {open_ports}" if open_ports else ", no port open"))


def run_foreground(base_env: dict[str, str], *, executor: str = "local", write=print) -> int:
    """Start every component, print how to log in, supervise until Ctrl+C / SIGTERM / airflow-stop."""
    settings = get_settings()
    plan = plan_services(base_env, executor=executor)
    supervisor = Supervisor(plan, settings.airflow_home / "logs" / "services", write)

    def request_stop(signum, frame):  # noqa: ARG001 (signal API)
        supervisor.stop_requested = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    code = 0
    try:
        write(f"Airflow ({plan.executor} executor, parallelism {plan.components[-1].env['AIRFLOW__CORE__PARALLELISM']}"
              f") starting on http://{plan.host}:{plan.port} …")
        supervisor.start()
        supervisor.wait_until_ready()
        if not supervisor.stop_requested:
            passwords = settings.airflow_home / "simple_auth_manager_passwords.json.generated"
            login = ""
            with contextlib.suppress(OSError, ValueError):
                login = ", ".join(f"user '{u}' password '{p}'" for u, p in json.loads(passwords.read_text()).items())
            write(f"Airflow UI: http://{plan.host if plan.host != '0.0.0.0' else 'localhost'}:{plan.port}  "
                  f"{login or f'(login in {passwords})'}")
            write("DAGs start paused: unpause cchc_nightly in the UI (toggle) or "
                  "`airflow dags unpause cchc_nightly`. Ctrl+C or `make airflow-stop` stops everything.")
            supervisor.supervise()
        write("stopping Airflow …")
    except ServicesError as exc:
        write(f"error: {exc}")
        code = 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        supervisor.stop()
    return code


def stop_running(timeout: float = 20.0, write=print) -> bool:
    """`make airflow-stop`: ask the supervisor to stop (SIGTERM), then make sure nothing is left."""
    state_file = get_settings().airflow_home / STATE_FILE_NAME
    try:
        state = json.loads(state_file.read_text())
    except (OSError, ValueError):
        write("Airflow (make airflow) is not running")
        return False
    sessions = set(state.get("sessions", {}).values())
    pid = state.get("supervisor_pid")
    with contextlib.suppress(ProcessLookupError, TypeError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, TypeError):
            break
        time.sleep(0.2)
    if session_members(sessions):   # the supervisor was gone or stuck: stop the components directly
        stop_sessions(sessions, 8.0, write)
    with contextlib.suppress(FileNotFoundError):
        state_file.unlink()
    open_ports = [p for p in state.get("ports", []) if port_is_open(p)]
    write("Airflow stopped" + (f"; port(s) still open: {open_ports}" if open_ports else ""))
    return not open_ports

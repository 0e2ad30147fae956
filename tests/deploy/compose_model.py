"""The docker compose stack as the tests read it: paths, expected services, compose-spec interpolation."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_PATH = ROOT / "docker-compose.yml"
DOCKERFILE_PATH = ROOT / "Dockerfile"
ENV_EXAMPLE_PATH = ROOT / ".env.example"
DOCKERIGNORE_PATH = ROOT / ".dockerignore"
DOCKER_DIR = ROOT / "docker"
IMAGE_PROJECT_ROOT = "/opt/airflow"

AIRFLOW_SERVICE_COMMANDS = {
    "airflow-apiserver": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
    "airflow-worker": "celery worker",
}
REQUIRED_SERVICES = set(AIRFLOW_SERVICE_COMMANDS) | {"postgres", "redis", "airflow-init", "warehouse"}
ONE_SHOT_SERVICES = {"airflow-init", "airflow-cli"}
BI_SERVICES = {"superset", "superset-db"}
PROJECT_ENV = {
    "WAREHOUSE_URL",
    "AIRFLOW_CONN_WAREHOUSE",
    "CCHC_LANDING_DIR",
    "REPORT_DIR",
    "CCHC_REPORT_ROOT",
    "CCHC_PSEUDONYM_SECRET",
    "BI_READER_PASSWORD",
    "AIRFLOW__COSMOS__ENABLE_TELEMETRY",
    "CCHC_ALERT_WEBHOOK_URL",
}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|ENCRYPTION_KEY|TOKEN")


# The stack's helper scripts (docker/) are imported by the tests that exercise them.
if str(DOCKER_DIR) not in sys.path:
    sys.path.insert(0, str(DOCKER_DIR))


# --------------------------------------------------------------------------- compose interpolation
class InterpolationError(ValueError):
    pass


_VARIABLE = re.compile(r"\$(?:(?P<escaped>\$)|\{(?P<braced>[^}]*)\}|(?P<named>[A-Za-z_][A-Za-z0-9_]*))")
_BRACED = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:-|-|:\?|\?|:\+|\+)(?P<arg>.*))?$", re.S)


def _interpolate_string(text: str, env: dict[str, str], where: str) -> str:
    """Compose-spec interpolation of one string (no nesting; our file uses none)."""

    def replace(match: re.Match) -> str:
        if match.group("escaped"):
            return "$"
        if match.group("named"):
            return env.get(match.group("named"), "")
        braced = _BRACED.match(match.group("braced"))
        if not braced:
            raise InterpolationError(f"{where}: invalid interpolation {match.group(0)!r}")
        name, op, arg = braced.group("name", "op", "arg")
        value = env.get(name)
        if op is None:
            return value or ""
        if op == ":-":
            return value if value else arg
        if op == "-":
            return value if value is not None else arg
        if op == ":?":
            if not value:
                raise InterpolationError(f"{where}: required variable {name} is missing a value: {arg}")
            return value
        if op == "?":
            if value is None:
                raise InterpolationError(f"{where}: required variable {name} is unset: {arg}")
            return value
        if op == ":+":
            return arg if value else ""
        return arg if value is not None else ""  # op == "+"

    return _VARIABLE.sub(replace, text)


def interpolate(node, env: dict[str, str], where: str = ""):
    if isinstance(node, dict):
        return {key: interpolate(value, env, f"{where}.{key}") for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate(value, env, f"{where}[{i}]") for i, value in enumerate(node)]
    if isinstance(node, str):
        return _interpolate_string(node, env, where)
    return node


def variable_uses(node) -> list[tuple[str, str | None]]:
    """(name, operator) for every interpolation in the raw compose tree."""
    uses = []
    if isinstance(node, dict):
        for value in node.values():
            uses += variable_uses(value)
    elif isinstance(node, list):
        for value in node:
            uses += variable_uses(value)
    elif isinstance(node, str):
        for match in _VARIABLE.finditer(node):
            if match.group("named"):
                uses.append((match.group("named"), None))
            elif match.group("braced") is not None:
                braced = _BRACED.match(match.group("braced"))
                assert braced, f"invalid interpolation {match.group(0)!r}"
                uses.append((braced.group("name"), braced.group("op")))
    return uses


def airflow_services(services: dict) -> dict:
    """Services running Airflow itself (they carry the common Airflow environment)."""
    return {
        name: svc
        for name, svc in services.items()
        if "AIRFLOW__CORE__EXECUTOR" in (svc.get("environment") or {})
    }


def depends_on(svc: dict) -> dict[str, str]:
    deps = svc.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def parse_volume(entry) -> tuple[str, str, bool]:
    """(source, target, read_only) of a short- or long-syntax volume entry."""
    if isinstance(entry, dict):
        return entry.get("source", ""), entry["target"], bool(entry.get("read_only"))
    parts = entry.split(":")
    source, target = parts[0], parts[1]
    options = parts[2].split(",") if len(parts) > 2 else []
    return source, target, "ro" in options


def is_bind(source: str) -> bool:
    return source.startswith((".", "/", "~"))

"""Static checks of the docker compose stack (no docker engine runs here).

What is checked, and why:
- docker-compose.yml parses, has every service the official Airflow 3
  CeleryExecutor compose needs, each with the right command, and the stack's
  wiring (broker, metadata DB, execution API, warehouse) points at services
  that exist;
- depends_on targets exist, form no cycle, and wait only on services that can
  satisfy the condition (healthcheck / one-shot), and no always-on service
  depends on a profile-only one;
- named volumes are declared and used; bind mounts and build paths exist in
  the repo; the landing zone is read-only and mounted where CCHC_LANDING_DIR
  says; reports where REPORT_DIR / CCHC_REPORT_ROOT say;
- the image is apache/airflow at the pinned Airflow version on the venv's
  Python, installs requirements.txt with constraints.txt and enforces the pins
  (docker/check_pins.py, exercised here on the real venv); the celery and fab
  providers the stack relies on are pinned by the repo; the build's offline
  `dbt parse` really produces the manifest Cosmos renders from;
- every variable the compose interpolates is in .env.example (and vice versa),
  secrets are `${VAR:?...}` everywhere and empty in .env.example, an unfilled
  copy of .env.example is refused, and a filled one yields a WAREHOUSE_URL
  and an Airflow connection `warehouse` that agree (parsed by Airflow itself);
- the BI profile registers the warehouse in Metabase as bi_reader, marts only
  (docker/metabase_setup.py run twice against a stand-in of the Metabase API,
  since Metabase itself cannot run here);
- docker/check_warehouse_connection.py logs in to a real PostgreSQL
  (fixture fresh_database_url) and rejects a drifted connection.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from dotenv import dotenv_values

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_PATH = ROOT / "docker-compose.yml"
DOCKERFILE_PATH = ROOT / "Dockerfile"
ENV_EXAMPLE_PATH = ROOT / ".env.example"
DOCKERIGNORE_PATH = ROOT / ".dockerignore"
DOCKER_DIR = ROOT / "docker"
IMAGE_PROJECT_ROOT = "/opt/airflow"

sys.path.insert(0, str(DOCKER_DIR))
import check_pins  # noqa: E402
import check_warehouse_connection  # noqa: E402
import metabase_setup  # noqa: E402

AIRFLOW_SERVICE_COMMANDS = {
    "airflow-apiserver": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
    "airflow-worker": "celery worker",
}
REQUIRED_SERVICES = set(AIRFLOW_SERVICE_COMMANDS) | {"postgres", "redis", "airflow-init", "warehouse"}
ONE_SHOT_SERVICES = {"airflow-init", "metabase-setup", "airflow-cli"}
BI_SERVICES = {"metabase", "metabase-db", "metabase-setup"}
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


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def raw_compose() -> dict:
    with COMPOSE_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def example_env() -> dict[str, str]:
    return {key: value or "" for key, value in dotenv_values(ENV_EXAMPLE_PATH, interpolate=False).items()}


@pytest.fixture(scope="module")
def filled_env(example_env) -> dict[str, str]:
    """.env.example with every empty secret filled the way docs/deploy.md says."""
    env = dict(example_env)
    for key, value in env.items():
        if not value and SECRET_NAME.search(key):
            env[key] = secrets.token_hex(16)
    return env


@pytest.fixture(scope="module")
def compose(raw_compose, filled_env) -> dict:
    return interpolate(raw_compose, filled_env)


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


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


# --------------------------------------------------------------------------- structure
def test_compose_parses_into_services_and_volumes(raw_compose):
    assert isinstance(raw_compose, dict)
    assert isinstance(raw_compose.get("services"), dict) and raw_compose["services"]
    assert isinstance(raw_compose.get("volumes"), dict)
    unknown = set(raw_compose) - {"services", "volumes", "networks", "configs", "secrets", "name"}
    assert all(key.startswith("x-") for key in unknown), f"unknown top-level keys {unknown}"


def test_every_service_the_airflow_celery_compose_needs_is_present(services):
    missing = REQUIRED_SERVICES - set(services)
    assert not missing, f"missing services: {sorted(missing)}"
    for name, command in AIRFLOW_SERVICE_COMMANDS.items():
        actual = services[name]["command"]
        actual = " ".join(actual) if isinstance(actual, list) else actual
        assert actual == command, f"{name} runs {actual!r}, expected {command!r}"
        assert name in airflow_services(services), f"{name} lacks the common Airflow environment"


def test_airflow_wiring_points_at_existing_services(services):
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert re.match(r"redis://:[^@]+@redis:6379/\d+$", env["AIRFLOW__CELERY__BROKER_URL"])
    assert re.match(r"postgresql\+psycopg2://airflow:[^@]+@postgres/airflow$", env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    assert re.match(r"db\+postgresql://airflow:[^@]+@postgres/airflow$", env["AIRFLOW__CELERY__RESULT_BACKEND"])
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
    assert env["AIRFLOW__CORE__LOAD_EXAMPLES"] == "false"
    # Secrets every Airflow container must share to talk to the others.
    for key in ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET"):
        values = {svc["environment"][key] for svc in airflow_services(services).values()}
        assert len(values) == 1 and values != {""}, f"{key} differs or is empty across Airflow services"


def test_depends_on_targets_exist_and_conditions_can_be_met(services):
    for name, svc in services.items():
        for target, condition in depends_on(svc).items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name
            if condition == "service_healthy":
                assert "healthcheck" in services[target], f"{name} waits for {target} healthy; it has no healthcheck"
            elif condition == "service_completed_successfully":
                assert target in ONE_SHOT_SERVICES, f"{name} waits for long-running {target} to complete"
                assert services[target].get("restart", "no") == "no"
            else:
                assert condition == "service_started", f"{name}: unknown condition {condition}"


def test_dependency_graph_has_no_cycle(services):
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        assert state.get(name) != "visiting", f"dependency cycle: {' -> '.join(path + [name])}"
        state[name] = "visiting"
        for target in depends_on(services[name]):
            visit(target, path + [name])
        state[name] = "done"

    for name in services:
        visit(name, [])


def test_start_order_migrates_before_airflow_and_waits_for_the_warehouse(services):
    init_deps = depends_on(services["airflow-init"])
    for backing in ("postgres", "redis", "warehouse"):
        assert init_deps.get(backing) == "service_healthy", f"airflow-init must wait for {backing} healthy"
    for name in AIRFLOW_SERVICE_COMMANDS:
        assert depends_on(services[name]).get("airflow-init") == "service_completed_successfully", name
    assert depends_on(services["airflow-worker"]).get("airflow-apiserver") == "service_healthy"


def test_long_running_services_have_healthchecks(services):
    for name, svc in services.items():
        if name in ONE_SHOT_SERVICES:
            continue
        check = svc.get("healthcheck")
        assert check and check.get("test"), f"{name} has no healthcheck"
        test = check["test"]
        assert isinstance(test, str) or test[0] in ("CMD", "CMD-SHELL"), f"{name}: bad healthcheck {test}"


def test_profiles_always_on_services_never_depend_on_optional_ones(services):
    for name in BI_SERVICES:
        assert services[name].get("profiles") == ["bi"], f"{name} must be in profile bi only"
    for name in REQUIRED_SERVICES:
        assert not services[name].get("profiles"), f"{name} must start without a profile"
    for name, svc in services.items():
        if svc.get("profiles"):
            continue
        for target in depends_on(svc):
            assert not services[target].get("profiles"), f"always-on {name} depends on optional {target}"


def test_worker_can_be_scaled_out(services):
    worker = services["airflow-worker"]
    assert "container_name" not in worker, "a fixed container_name prevents --scale"
    assert not worker.get("ports"), "a host port prevents --scale"
    assert worker["environment"]["AIRFLOW__CELERY__WORKER_CONCURRENCY"].isdigit()


def test_named_volumes_are_declared_and_used(raw_compose, services):
    declared = set(raw_compose["volumes"])
    used = set()
    for name, svc in services.items():
        for entry in svc.get("volumes") or []:
            source, _, _ = parse_volume(entry)
            if source and not is_bind(source):
                assert source in declared, f"{name} uses undeclared volume {source}"
                used.add(source)
    assert declared == used, f"declared but unused volumes: {sorted(declared - used)}"


def test_warehouse_is_a_separate_postgresql_16_with_its_own_volume(services):
    warehouse, metadata = services["warehouse"], services["postgres"]
    assert re.match(r"postgres:16(\D|$)", warehouse["image"]), warehouse["image"]
    data_volume = {parse_volume(v)[0] for v in warehouse["volumes"] if parse_volume(v)[1] == "/var/lib/postgresql/data"}
    metadata_volume = {parse_volume(v)[0] for v in metadata["volumes"] if parse_volume(v)[1] == "/var/lib/postgresql/data"}
    assert len(data_volume) == 1 and data_volume.isdisjoint(metadata_volume)
    for port in warehouse.get("ports") or []:
        assert str(port).startswith("127.0.0.1:"), f"warehouse port {port} must be bound to loopback only"


def test_data_mounts_match_the_configured_directories(services):
    for name, svc in airflow_services(services).items():
        env = svc["environment"]
        mounts = {parse_volume(v)[1]: parse_volume(v) for v in svc.get("volumes") or []}
        landing = mounts.get(env["CCHC_LANDING_DIR"])
        assert landing and is_bind(landing[0]) and landing[2], f"{name}: landing zone must be a read-only bind mount"
        assert env["REPORT_DIR"] == env["CCHC_REPORT_ROOT"]
        reports = mounts.get(env["REPORT_DIR"])
        assert reports and is_bind(reports[0]) and not reports[2], f"{name}: reports must be a writable bind mount"
        assert env["AIRFLOW__COSMOS__ENABLE_TELEMETRY"] == "False"
        missing = PROJECT_ENV - set(env)
        assert not missing, f"{name} lacks project configuration {sorted(missing)}"


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


# --------------------------------------------------------------------------- image and build paths
def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE_PATH.read_text(encoding="utf-8")
    logical, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            continue
        current += " " + stripped.rstrip("\\").strip()
        if not stripped.endswith("\\"):
            instruction, _, args = current.strip().partition(" ")
            logical.append((instruction.upper(), args.strip()))
            current = ""
    return logical


def _requirement_pins(path: Path) -> dict[str, str]:
    return check_pins.read_pins(path)


def test_image_is_official_airflow_at_the_pinned_version_on_the_venv_python():
    froms = [args for instruction, args in _dockerfile_instructions() if instruction == "FROM"]
    assert len(froms) == 1, froms
    match = re.fullmatch(r"apache/airflow:(?P<airflow>[\d.]+)-python(?P<python>\d+\.\d+)", froms[0])
    assert match, f"base image {froms[0]!r} is not apache/airflow:<version>-python<X.Y>"
    pinned_airflow = _requirement_pins(ROOT / "requirements.txt")["apache-airflow"]
    assert match["airflow"] == pinned_airflow
    venv_cfg = (ROOT / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
    venv_python = re.search(r"^version(?:_info)?\s*=\s*(\d+\.\d+)", venv_cfg, re.M).group(1)
    assert match["python"] == venv_python, "constraints.txt is frozen on the venv's Python; the image must match it"


def test_image_installs_the_repo_pins_and_enforces_them():
    runs = [args for instruction, args in _dockerfile_instructions() if instruction == "RUN"]
    install = [run for run in runs if "pip install" in run]
    assert len(install) == 1, install
    assert re.search(r"-r /opt/airflow/requirements\.txt\b", install[0])
    assert re.search(r"-c /opt/airflow/constraints\.txt\b", install[0])
    assert "check_pins.py /opt/airflow/constraints.txt" in install[0]
    assert not any("pip install" in run and "--upgrade" in run for run in runs)


def test_constraints_pin_every_requirement_and_match_the_venv():
    constraints = ROOT / "constraints.txt"
    assert constraints.is_file(), "constraints.txt (pip freeze of .venv) is missing at the repo root"
    pins = check_pins.read_pins(constraints)
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name = canonicalize_name(Requirement(line).name)
            assert name in pins, f"{name} from requirements.txt is not pinned in constraints.txt"
            assert Requirement(line).specifier.contains(pins[name]), f"{name}=={pins[name]} violates {line!r}"
    venv_python = ROOT / ".venv" / "bin" / "python"
    result = subprocess.run([str(venv_python), str(DOCKER_DIR / "check_pins.py"), str(constraints)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"constraints.txt no longer matches .venv:\n{result.stderr}"


def test_providers_the_compose_relies_on_are_pinned_by_the_repo(services):
    """CeleryExecutor needs the celery provider, FabAuthManager the fab provider.

    The base image ships both, but at its own versions: unless requirements.txt
    lists them (and constraints.txt pins them), the containers would run
    provider versions the repo never locked or tested with.
    """
    env = services["airflow-scheduler"]["environment"]
    needed = {"apache-airflow-providers-celery": env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor",
              "apache-airflow-providers-fab": "providers.fab" in env["AIRFLOW__CORE__AUTH_MANAGER"]}
    assert all(needed.values()), needed
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    direct = {canonicalize_name(Requirement(line.split("#", 1)[0].strip()).name)
              for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line.split("#", 1)[0].strip()}
    pins = check_pins.read_pins(ROOT / "constraints.txt")
    for provider in needed:
        assert provider in direct and provider in pins, (
            f"{provider} must be in requirements.txt and pinned in constraints.txt (make lock)")


def test_check_pins_reports_wrong_missing_and_matching_pins(tmp_path):
    from importlib.metadata import version

    good = tmp_path / "good.txt"
    good.write_text(f"# comment\nPyYAML=={version('PyYAML')}\npytest=={version('pytest')}  # inline\n", encoding="utf-8")
    assert check_pins.mismatches(check_pins.read_pins(good)) == []
    bad = tmp_path / "bad.txt"
    bad.write_text("pyyaml==0.0.1\nno-such-package-cchc==1.0\n", encoding="utf-8")
    problems = check_pins.mismatches(check_pins.read_pins(bad))
    assert problems == ["no-such-package-cchc: pinned 1.0, not installed", f"pyyaml: pinned 0.0.1, installed {version('PyYAML')}"]
    result = subprocess.run([sys.executable, str(DOCKER_DIR / "check_pins.py"), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "pyyaml" in result.stderr


def test_build_context_and_copied_paths_exist(services):
    for name, svc in services.items():
        build = svc.get("build")
        if build is None:
            continue
        context = ROOT / (build if isinstance(build, str) else build.get("context", "."))
        dockerfile = context / ("Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile"))
        assert dockerfile.resolve() == DOCKERFILE_PATH, f"{name} builds from {dockerfile}"
    for instruction, args in _dockerfile_instructions():
        if instruction not in ("COPY", "ADD") or "--from" in args:
            continue
        sources = [word for word in args.split() if not word.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), f"Dockerfile copies {source}, which is not in the repo"
    for code_dir in ("dags", "include", "dbt"):
        assert (ROOT / code_dir).is_dir(), f"{code_dir}/ must exist: the image bakes the repo's code"
    assert (ROOT / "include" / "__init__.py").is_file(), "include must be a package (imported as `include`)"


def test_dockerignore_is_an_allow_list_that_keeps_secrets_and_data_out():
    patterns = [line.strip() for line in DOCKERIGNORE_PATH.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*", "start from excluding everything"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    assert {"requirements.txt", "constraints.txt", "dags", "include", "dbt", "docker"} <= allowed
    assert allowed.isdisjoint({".env", ".venv", ".git", "landing", "reports", "logs", "tests", "sample_data", "bench"})


def test_scripts_the_containers_run_exist_in_the_image_paths(raw_compose, services):
    referenced = set(re.findall(rf"{IMAGE_PROJECT_ROOT}/(docker/[\w./-]+)", yaml.safe_dump(raw_compose)))
    assert {"docker/airflow-init.sh", "docker/metabase_setup.py"} <= referenced
    for relative in referenced:
        assert (ROOT / relative).is_file(), f"compose runs {IMAGE_PROJECT_ROOT}/{relative}; {relative} is missing"
    init = services["airflow-init"]
    assert init["command"] == [f"{IMAGE_PROJECT_ROOT}/docker/airflow-init.sh"]
    assert init["environment"]["_AIRFLOW_DB_MIGRATE"] == "true"
    assert init["environment"]["_AIRFLOW_WWW_USER_CREATE"] == "true"


def test_airflow_init_script_is_valid_bash_and_runs_every_init_step():
    script = DOCKER_DIR / "airflow-init.sh"
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = script.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    steps = ["/entrypoint airflow version", "check_warehouse_connection.py", "python -m include.cli init-warehouse"]
    positions = [text.find(step) for step in steps]
    assert all(p >= 0 for p in positions), dict(zip(steps, positions))
    assert positions == sorted(positions), "migrate, then check the connection, then create schemas/roles"


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


# --------------------------------------------------------------------------- project code in the image
DBT_PARSE_IN_IMAGE = "dbt parse --project-dir . --profiles-dir ."


def test_image_builds_the_manifest_cosmos_renders_from(tmp_path):
    """The Dockerfile's offline `dbt parse` really yields the manifest include/nightly/dbt_config.py reads."""
    from include.nightly import dbt_config
    from include.config import PROJECT_ROOT

    assert dbt_config.DBT_MANIFEST.relative_to(PROJECT_ROOT).as_posix() == "dbt/target/manifest.json"
    dockerfile = " ".join(args for _, args in _dockerfile_instructions())
    assert DBT_PARSE_IN_IMAGE in dockerfile and "test -f /opt/airflow/dbt/target/manifest.json" in dockerfile
    placeholders = dict(re.findall(r"\b(CCHC_DB_[A-Z]+)=(\S+)", dockerfile))
    assert set(placeholders) == {"CCHC_DB_HOST", "CCHC_DB_PORT", "CCHC_DB_USER", "CCHC_DB_PASSWORD", "CCHC_DB_NAME"}
    project = tmp_path / "dbt"
    import shutil

    shutil.copytree(ROOT / "dbt", project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    env = {**os.environ, **placeholders, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "DBT_VERSION_CHECK": "False"}
    result = subprocess.run([str(dbt_config.DBT_EXECUTABLE), *DBT_PARSE_IN_IMAGE.split()[1:]], cwd=project,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (project / "target" / "manifest.json").stat().st_size > 0


def test_compose_sets_every_required_setting_and_settings_read_the_project_vars(services):
    """Cross-check with include/config.py: no required setting unset, no misspelt variable."""
    from include.config import Settings

    prefix = Settings.model_config.get("env_prefix", "")
    read = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias or field.alias
        read[(alias if isinstance(alias, str) else prefix + name).upper()] = field.is_required()
    env = services["airflow-worker"]["environment"]
    for variable, required in read.items():
        if required:
            assert variable in env, f"include/config.py requires {variable}; the compose does not set it"
    project_vars = {v for v in env if v.startswith("CCHC_") or v in {"WAREHOUSE_URL", "REPORT_DIR", "BI_READER_PASSWORD"}}
    unread = project_vars - set(read)
    assert not unread, f"set in the compose but not read by include/config.py: {sorted(unread)}"


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

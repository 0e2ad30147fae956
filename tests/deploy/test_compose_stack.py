"""Static checks of the docker compose stack (no docker engine runs here): docker-compose.yml
parses, has every service the official Airflow 3 CeleryExecutor compose needs with the right
command; its wiring (broker, metadata DB, execution API, warehouse) points at services that exist;
depends_on targets exist, form no cycle and wait only on conditions that can be met; no always-on
service depends on a profile-only one; named volumes are declared and used; bind mounts exist; the
landing zone is read-only and mounted where CCHC_LANDING_DIR says, reports where REPORT_DIR says;
every project setting is set and read by include/config.py.
"""
from __future__ import annotations

import re

from compose_model import (
    AIRFLOW_SERVICE_COMMANDS, BI_SERVICES, ONE_SHOT_SERVICES, PROJECT_ENV, REQUIRED_SERVICES,
    airflow_services, depends_on, is_bind, parse_volume,
)

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

"""The production image: apache/airflow at the pinned Airflow version on the venv's Python;
it installs requirements.txt with constraints.txt and enforces the pins (docker/check_pins.py,
exercised on the real venv); the providers the stack relies on are pinned by the repo; build
paths exist; .dockerignore keeps secrets, data and demo/test code out; the build's offline
`dbt parse` really produces the manifest Cosmos renders from.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

import check_pins
from compose_model import DOCKER_DIR, DOCKERFILE_PATH, DOCKERIGNORE_PATH, IMAGE_PROJECT_ROOT, ROOT

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
        expected = ROOT / "bi" / "superset" / "Dockerfile" if name == "superset" else DOCKERFILE_PATH
        assert dockerfile.resolve() == expected, f"{name} builds from {dockerfile}"
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
    assert {"docker/airflow-init.sh"} <= referenced
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

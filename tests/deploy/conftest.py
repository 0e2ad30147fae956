"""Fixtures of the deployment checks: the compose file, raw and interpolated with a filled .env.example."""
from __future__ import annotations

import secrets

import pytest
import yaml
from dotenv import dotenv_values

from compose_model import COMPOSE_PATH, ENV_EXAMPLE_PATH, SECRET_NAME, interpolate


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

"""Run dbt outside Airflow against the configured warehouse (profile from env vars)."""
from __future__ import annotations

import os
import subprocess

from include.config import DBT_EXECUTABLE, DBT_PROJECT_DIR, PROJECT_ROOT


def dbt_environment(url: str | None = None) -> dict[str, str]:
    from include.warehouse import dbt_env, warehouse_url

    env = dict(os.environ)
    env.update(dbt_env(url or warehouse_url()))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    return env


def dbt_command(args: list[str], *, url: str | None = None, check: bool = True) -> int:
    """`dbt ARGS --project-dir dbt --profiles-dir dbt`; returns the exit code."""
    cmd = [str(DBT_EXECUTABLE), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    proc = subprocess.run(cmd, env=dbt_environment(url), cwd=PROJECT_ROOT)
    if check and proc.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed with exit code {proc.returncode}")
    return proc.returncode

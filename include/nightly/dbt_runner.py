"""Run dbt outside Airflow against the configured warehouse (profile from env vars)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from include.config import DBT_EXECUTABLE, DBT_PROJECT_DIR, PROJECT_ROOT


def dbt_environment(url: str | None = None, target_path: Path | None = None) -> dict[str, str]:
    """The environment of a dbt process for `url`. `target_path`: dbt's target directory (artifacts,
    partial-parse state, logs) instead of dbt/target."""
    from include.warehouse import dbt_env, warehouse_url

    env = dict(os.environ)
    env.update(dbt_env(url or warehouse_url()))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    if target_path is not None:
        env.update({"DBT_TARGET_PATH": str(target_path), "DBT_LOG_PATH": str(target_path / "logs")})
    return env


def dbt_command(args: list[str], *, url: str | None = None, check: bool = True,
                target_path: Path | None = None) -> int:
    """`dbt ARGS --project-dir dbt --profiles-dir dbt`; returns the exit code.

    `target_path`: dbt's target directory (artifacts, partial-parse state) instead of dbt/target.
    """
    cmd = [str(DBT_EXECUTABLE), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    env = dbt_environment(url, target_path)
    proc = subprocess.run(cmd, env=env, cwd=PROJECT_ROOT)
    if check and proc.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(args)} failed with exit code {proc.returncode}")
    return proc.returncode

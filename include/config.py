"""Project configuration: every environment variable of the README's table.

pydantic-settings reads the environment; secrets that are not given are
generated once into a git-ignored file under the data directory, so that a
fresh clone works without committing any secret and pseudonyms stay stable
from one run to the next.
"""
from __future__ import annotations

import os
import secrets
import sys
from functools import lru_cache
from typing import Literal
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"                       # also its profiles dir
DBT_MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"  # `dbt parse` (make manifest); Cosmos renders from it
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"


@lru_cache(maxsize=1)
def dbt_project_vars() -> dict:
    """The `vars:` of dbt/dbt_project.yml: facts SQL and Python share live there, once."""
    import yaml

    return yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


# Local time zone of every timestamp in the sources (COUNTING_RULES: times are local).
LOCAL_TIME_ZONE: str = dbt_project_vars()["local_time_zone"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    # Warehouse: an external PostgreSQL, or (default) the embedded one.
    warehouse_url: str | None = Field(default=None, description="libpq URL of an external warehouse")
    warehouse_db: str = Field(default="cchc_demo", description="database used on the embedded server")
    cchc_data_dir: Path = Field(default=PROJECT_ROOT / ".data", description="embedded server data, secrets")
    cchc_pg_port: int = Field(default=54329, description="port of the embedded server on 127.0.0.1")

    cchc_landing_dir: Path = Field(default=PROJECT_ROOT / ".data" / "landing", description="landing zone")
    cchc_provinces: str = Field(default="", description="province codes (comma-separated) the nightly run loads "
                                                        "from a landing root; empty: every zone")
    report_dir: Path = Field(default=PROJECT_ROOT / "reports" / "demo", description="report output dir")
    cchc_report_root: Path = Field(default=PROJECT_ROOT / "reports", description="allowed report output root")
    cchc_narrative_dir: Path = Field(
        default=PROJECT_ROOT / "include" / "report" / "narratives", description="narrative files")

    cchc_pseudonym_secret: str | None = None
    bi_reader_password: str | None = None
    bi_reader_statement_timeout: str = Field(
        default="60s", description="statement_timeout of role bi_reader in the warehouse (PostgreSQL interval)")
    cchc_alert_webhook_url: str | None = None
    # Read by dbt (dbt_project.yml var bi_cutoff); declared here so a wrong value fails at start-up.
    cchc_bi_cutoff: Literal["nd09", "calendar"] = Field(default="nd09", description="cut-off of schema bi")
    airflow_home: Path = Field(default=PROJECT_ROOT / ".airflow")
    cchc_task_retries: int = Field(default=2, description="retries of every Airflow task")
    # watcher: one `dbt build` for the whole nightly group, one sensor per model shows its status;
    # local: one `dbt build` per model task (Cosmos's default). Measured in docs/scaling.md.
    cchc_dbt_execution_mode: Literal["watcher", "local"] = Field(
        default="watcher", description="how Cosmos runs the nightly dbt task group")

    @property
    def pgdata(self) -> Path:
        return self.cchc_data_dir / "pg"

    def secret(self, name: str, nbytes: int = 24) -> str:
        """A secret from the environment, else generated once (nbytes random bytes) and kept in the data dir."""
        value = getattr(self, name, None)
        if value:
            return value
        return _generated_secret(self.cchc_data_dir, name, nbytes)


def _generated_secret(data_dir: Path, name: str, nbytes: int = 24) -> str:
    path = data_dir / "secrets" / name
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    value = secrets.token_urlsafe(nbytes)
    tmp = path.with_name(f".{name}.{os.getpid()}.tmp")
    tmp.write_text(value)
    tmp.chmod(0o600)
    try:  # link, not replace: when two processes start at once, the first secret written stays
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def pseudonym_secret() -> bytes:
    return get_settings().secret("cchc_pseudonym_secret").encode()


def selected_provinces() -> list[str] | None:
    """CCHC_PROVINCES as a list, or None (every province of the landing directory)."""
    codes = [code.strip() for code in get_settings().cchc_provinces.split(",") if code.strip()]
    return codes or None

"""Facts that SQL and Python share have one home each, and the copies SQL cannot import agree with it.

- the local time zone and the 15 Biểu 06 figure names: `vars` of dbt/dbt_project.yml, read by Python through
  include.config (no other literal of the time zone in code);
- the personal columns: `Column.personal` in include/ingest/sources.py (PERSONAL_COLUMNS); the dbt data test
  that guards them in every build must name exactly those.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from include.config import LOCAL_TIME_ZONE, dbt_project_vars
from include.ingest.sources import PERSONAL_COLUMNS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_DIR = PROJECT_ROOT / "dbt"


def test_time_zone_has_one_home():
    assert LOCAL_TIME_ZONE == dbt_project_vars()["local_time_zone"] == "Asia/Ho_Chi_Minh"
    literal = re.compile(r"""["']Asia/Ho_Chi_Minh["']""")
    code = [*PROJECT_ROOT.glob("include/**/*.py"), *PROJECT_ROOT.glob("dags/*.py"),
            *PROJECT_ROOT.glob("bench/*.py"), *DBT_DIR.glob("models/**/*.sql"), *DBT_DIR.glob("macros/**/*.sql")]
    assert [str(p.relative_to(PROJECT_ROOT)) for p in code if literal.search(p.read_text(encoding="utf-8"))] == []


def test_bieu06_figures_are_the_aggregate_columns():
    figures = dbt_project_vars()["bieu06_figures"]
    assert len(figures) == len(set(figures)) == 15
    documented = yaml.safe_load((DBT_DIR / "models" / "marts" / "agg_dossier_bieu06.yml").read_text())
    columns = [c["name"] for c in documented["models"][0]["columns"]]
    assert columns[-15:] == figures


def test_the_dbt_guard_names_exactly_the_personal_columns():
    guard = (DBT_DIR / "tests" / "assert_no_personal_columns_outside_raw.sql").read_text(encoding="utf-8")
    listed = re.search(r"table_schema in \('staging', 'intermediate', 'marts'\)\s+and column_name in \(([^)]*)\)",
                       guard)
    assert listed, "the guard's list of personal columns was not found"
    named = {name.strip().strip("'") for name in listed.group(1).split(",")}
    assert named == {column for columns in PERSONAL_COLUMNS.values() for column in columns}

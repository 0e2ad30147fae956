"""The seed's figures, computed by the real pipeline at scale 1, equal the golden file key by key.

generator (scale 1, seed 1) → include.ingest → dbt build → include.report → report.json
compared with tests/data/golden/soc-trang-2020-H1.json (the seed report's
figures, kept in the repository as test data): every key the golden file states must be present with exactly that value.
"""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.pipeline, pytest.mark.slow]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOLDEN = PROJECT_ROOT / "tests" / "data" / "golden" / "soc-trang-2020-H1.json"


def flatten(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from flatten(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


@pytest.fixture(scope="module")
def golden_report(tmp_path_factory, server_url, build_pipeline) -> dict:
    from include.config import get_settings
    from include.report import render_report
    from include.warehouse import drop_database

    name = f"test_golden_{uuid.uuid4().hex[:8]}"
    url = build_pipeline(name, tmp_path_factory.mktemp("golden_landing"), seed=1, scale=1.0)
    try:
        out = get_settings().cchc_report_root / "test-golden"
        paths = render_report(url, "2020-H1", cutoff="nd09", output_dir=out)
        yield json.loads(paths["json"].read_text(encoding="utf-8"))
    finally:
        drop_database(name)


def golden_items():
    return list(flatten(json.loads(GOLDEN.read_text(encoding="utf-8"))))


def test_golden_file_is_complete():
    assert len(golden_items()) > 80


@pytest.mark.parametrize("key", [k for k, _ in golden_items()])
def test_figure_matches_golden(golden_report, key):
    expected = dict(golden_items())[key]
    actual: object = golden_report
    for part in key.split("."):
        assert isinstance(actual, dict) and part in actual, f"report.json lacks {key}"
        actual = actual[part]
    if isinstance(expected, float):
        assert actual == pytest.approx(expected, abs=0.005), key  # the seed prints two decimals
    else:
        assert actual == expected, key

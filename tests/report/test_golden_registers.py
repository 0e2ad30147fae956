"""The seed's register figures, computed by the real pipeline, equal the registers golden file key by key.

generator → include.ingest → dbt build → include.report → report.json `registers`, compared with
tests/data/golden/soc-trang-2020-H1-registers.json: `documents` as a set of (so_ky_hieu, ngay_ban_hanh),
`inspections.names` as a set, every other key exactly. The register files do not depend on the
generator's scale (tests/test_sample_data.py), so the session's small-scale pipeline database is used.
A landing zone without the register files gives null for each register, never a zero.
"""
from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from tests.report.test_golden import flatten

pytestmark = pytest.mark.pipeline
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "soc-trang-2020-H1-registers.json"
REGISTER_FOLDERS = ("edoc", "legal", "feedback", "inspection")


def golden_items() -> dict:
    return dict(flatten(json.loads(GOLDEN.read_text(encoding="utf-8"))["registers"], "registers"))


@pytest.fixture(scope="module")
def report(pipeline_database_url) -> dict:
    from include.config import get_settings
    from include.report import render_report

    out = get_settings().cchc_report_root / "test-golden-registers"
    paths = render_report(pipeline_database_url, "2020-H1", cutoff="nd09", output_dir=out)
    return json.loads(paths["json"].read_text(encoding="utf-8"))


def test_golden_registers_file_is_complete():
    items = golden_items()
    assert len(items) == 15 and len(items["registers.documents"]) == 24


def _as_compared(key: str, value):
    if key == "registers.documents":
        return {(d["so_ky_hieu"], d["ngay_ban_hanh"]) for d in value}
    if key == "registers.inspections.names":
        return set(value)
    return value


@pytest.mark.parametrize("key", sorted(golden_items()))
def test_register_figure_matches_golden(report, key):
    actual: object = report
    for part in key.split("."):
        assert isinstance(actual, dict) and part in actual, f"report.json lacks {key}"
        actual = actual[part]
    expected = golden_items()[key]
    assert _as_compared(key, actual) == _as_compared(key, expected), key
    if key == "registers.inspections.names":
        assert len(actual) == len(expected)


def test_register_documents_carry_contract_keys_only(report):
    for document in report["registers"]["documents"]:
        assert set(document) == {"so_ky_hieu", "ngay_ban_hanh", "loai", "linh_vuc_cchc"}


@pytest.fixture(scope="module")
def report_without_registers(tmp_path_factory, server_url) -> tuple[dict, str]:
    """The real chain on a landing zone whose register files are absent (tiny scale: only presence matters)."""
    from include.config import get_settings
    from include.nightly.dbt_runner import dbt_command
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import prepare_warehouse
    from include.report import render_report
    from sample_data import generate
    from include.warehouse import create_database, drop_database

    landing = tmp_path_factory.mktemp("no_registers") / "landing"
    generate(landing, seed=1, scale=0.002)
    for folder in REGISTER_FOLDERS:
        shutil.rmtree(landing / folder)
    name = f"test_no_registers_{uuid.uuid4().hex[:8]}"
    url = create_database(name, drop_existing=True)
    try:
        prepare_warehouse(url)
        assert not [r for r in load_landing_zone(url, landing) if r.status == "FAILED"]
        dbt_command(["build", "--quiet", "--exclude", "test_type:unit"], url=url)
        out = get_settings().cchc_report_root / "test-no-registers"
        paths = render_report(url, "2020-H1", cutoff="nd09", output_dir=out)
        from docx import Document

        docx_text = "\n".join(p.text for p in Document(str(paths["docx"])).paragraphs)
        yield json.loads(paths["json"].read_text(encoding="utf-8")), docx_text
    finally:
        drop_database(name)


def test_absent_registers_are_null_and_the_text_says_no_data(report_without_registers):
    figures, text = report_without_registers
    assert figures["registers"] == {"plans": None, "documents": None, "legal_documents": None, "feedback": None,
                                    "inspections": None}
    from include.report.registers import REGISTER_SENTENCE_MARKERS

    for marker in REGISTER_SENTENCE_MARKERS:
        sentences = [line for line in text.splitlines() if marker in line]
        assert sentences, f"no sentence about {marker!r}"
        assert all("chưa có số liệu" in line for line in sentences), sentences

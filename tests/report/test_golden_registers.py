"""The seed's register figures, computed by the real pipeline, equal the registers golden file key by key.

generator → include.ingest → dbt build → include.report → report.json `registers`, compared with
tests/data/golden/soc-trang-2020-H1-registers.json: `documents` as a set of (so_ky_hieu, ngay_ban_hanh),
`inspections.names` as a set, every other key exactly. The register files do not depend on the
generator's scale (tests/test_sample_data.py), so the session's small-scale pipeline database is used.
A landing zone without the register files gives null for each register, never a zero; the same warehouse
then given header-only register files (present, no data row) gives zeros and empty lists: a present file
is a delivered register (REPORT.md: only an absent file is null).
"""
from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from tests.report.test_golden import flatten
from pipeline_support import DBT_TARGET

pytestmark = pytest.mark.pipeline
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "soc-trang-2020-H1-registers.json"
REGISTER_FOLDERS = ("edoc", "legal", "feedback", "inspection")
# The CSV registers; a JSONL feedback file has no header (an empty one is a located load error, not a register).
HEADER_ONLY_FILES = ("edoc/documents.csv", "legal/reviews.csv", "inspection/plan_2020.csv")


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
def no_registers_warehouse(tmp_path_factory, server_url) -> dict:
    """The real chain on a landing zone whose register files are absent (tiny scale: only presence matters).
    Yields the URL, the landing zone and the header line of each removed CSV register file."""
    from include.nightly.dbt_runner import dbt_command
    from include.ingest import load_landing_zone
    from include.nightly.dag_tasks import prepare_warehouse
    from sample_data import generate
    from include.warehouse import create_database, drop_database

    landing = tmp_path_factory.mktemp("no_registers") / "landing"
    generate(landing, seed=1, scale=0.002)
    headers = {path: (landing / path).read_text(encoding="utf-8-sig").splitlines()[0]
               for path in HEADER_ONLY_FILES}
    for folder in REGISTER_FOLDERS:
        shutil.rmtree(landing / folder)
    name = f"test_no_registers_{uuid.uuid4().hex[:8]}"
    url = create_database(name, drop_existing=True)
    try:
        prepare_warehouse(url)
        assert not [r for r in load_landing_zone(url, landing) if r.status == "FAILED"]
        dbt_command(["build", "--quiet", "--exclude", "test_type:unit"], url=url, target_path=DBT_TARGET)
        yield {"url": url, "landing": landing, "headers": headers}
    finally:
        drop_database(name)


def _render(url: str, folder: str) -> tuple[dict, str]:
    from docx import Document

    from include.config import get_settings
    from include.report import render_report

    paths = render_report(url, "2020-H1", cutoff="nd09", output_dir=get_settings().cchc_report_root / folder)
    docx_text = "\n".join(p.text for p in Document(str(paths["docx"])).paragraphs)
    return json.loads(paths["json"].read_text(encoding="utf-8")), docx_text


@pytest.fixture(scope="module")
def report_without_registers(no_registers_warehouse) -> tuple[dict, str]:
    return _render(no_registers_warehouse["url"], "test-no-registers")


def _bi_registers(url: str) -> dict:
    """The 2020-H1 register figures of schema bi, read as bi_reader."""
    from include.warehouse import bi_reader_url, connect

    queries = {
        "delivery": "select source_kind, sum(files_loaded)::int, sum(rows_loaded)::int from bi.register_delivery "
                    "group by 1 order by 1",
        "legal": "select issued_total, issued_nghi_quyet, issued_quyet_dinh, issued_other, reviewed, "
                 "recommended_for_handling from bi.legal_document_period where period_code = '2020-H1'",
        "feedback": "select received, answered, published from bi.feedback_period where period_code = '2020-H1'",
        "plans": "select count(*)::int, count(*) filter (where has_plan is null)::int, "
                 "count(*) filter (where has_plan = false)::int from bi.unit_plan_period where period_code = '2020-H1'",
        "documents": "select count(*)::int from bi.province_document_period",
        "inspections": "select count(*)::int from bi.inspection_plan",
    }
    conn = connect(bi_reader_url(url))
    try:
        with conn.cursor() as cur:
            result = {}
            for key, sql in queries.items():
                cur.execute(sql)
                result[key] = cur.fetchall()
            return result
    finally:
        conn.close()


@pytest.fixture(scope="module")
def bi_without_registers(no_registers_warehouse) -> dict:
    return _bi_registers(no_registers_warehouse["url"])


def test_absent_registers_are_null_and_the_text_says_no_data(report_without_registers):
    figures, text = report_without_registers
    assert figures["registers"] == {"plans": None, "documents": None, "legal_documents": None, "feedback": None,
                                    "inspections": None}
    from include.report.registers import REGISTER_SENTENCE_MARKERS

    for marker in REGISTER_SENTENCE_MARKERS:
        sentences = [line for line in text.splitlines() if marker in line]
        assert sentences, f"no sentence about {marker!r}"
        assert all("chưa có số liệu" in line for line in sentences), sentences


def test_absent_registers_are_null_in_the_bi_schema(bi_without_registers):
    bi = bi_without_registers
    assert bi["delivery"] == [(kind, 0, 0) for kind in ("documents", "feedback", "inspection_plan", "legal_reviews")]
    assert bi["legal"] == [(None,) * 6] and bi["feedback"] == [(None,) * 3]
    units, unknown, without_plan = bi["plans"][0]
    assert units > 0 and unknown == units and without_plan == 0   # null ("chưa có số liệu"), never false
    assert bi["documents"] == [(0,)] and bi["inspections"] == [(0,)]


@pytest.fixture(scope="module")
def report_with_header_only_registers(no_registers_warehouse, report_without_registers,
                                      bi_without_registers) -> tuple[dict, str]:
    """The warehouse above (after its no-register report) given the CSV registers with their header only:
    only the new files load (the others are unchanged), then the models downstream of them are rebuilt."""
    from include.ingest import load_landing_zone
    from include.nightly.dbt_runner import dbt_command

    url, landing = no_registers_warehouse["url"], no_registers_warehouse["landing"]
    for path, header in no_registers_warehouse["headers"].items():
        (landing / path).parent.mkdir(parents=True, exist_ok=True)
        (landing / path).write_text(header + "\n", encoding="utf-8")
    results = load_landing_zone(url, landing)
    # Only the three new files load, each with no row; every other file is unchanged and skipped.
    assert {r.source_kind: r.rows_loaded for r in results if r.status != "SKIPPED"} == {
        "documents": 0, "legal_reviews": 0, "inspection_plan": 0}
    dbt_command(["build", "--quiet", "--exclude", "test_type:unit", "--select", "stg_ingest__load_manifest+",
                 "stg_edoc__documents+", "stg_legal__reviews+", "stg_inspection__plan+"], url=url,
                target_path=DBT_TARGET)
    return _render(url, "test-header-only-registers")


def test_header_only_registers_give_zeros_and_empty_lists(report_with_header_only_registers, no_registers_warehouse):
    figures, text = report_with_header_only_registers
    registers = figures["registers"]
    assert registers["plans"]["units_required"] > 0 and registers["plans"]["units_with_plan"] == 0
    assert registers["documents"] == []
    assert registers["legal_documents"] == {"issued_total": 0, "issued_nghi_quyet": 0, "issued_quyet_dinh": 0,
                                            "reviewed": 0, "recommended_for_handling": 0}
    assert registers["inspections"] == {"units_planned": 0, "by_loai": {}, "names": []}
    assert registers["feedback"] is None   # still absent
    from include.report.registers import FEEDBACK_MARKER, REGISTER_SENTENCE_MARKERS

    for marker in REGISTER_SENTENCE_MARKERS:
        sentences = [line for line in text.splitlines() if marker in line]
        says_no_data = [line for line in sentences if "chưa có số liệu" in line]
        assert says_no_data == (sentences if marker == FEEDBACK_MARKER else []), marker

    bi = _bi_registers(no_registers_warehouse["url"])   # schema bi says the same, as bi_reader
    assert bi["delivery"] == [("documents", 1, 0), ("feedback", 0, 0), ("inspection_plan", 1, 0),
                              ("legal_reviews", 1, 0)]
    assert bi["legal"] == [(0, 0, 0, 0, 0, 0)] and bi["feedback"] == [(None,) * 3]
    units, unknown, without_plan = bi["plans"][0]
    assert units == registers["plans"]["units_required"] and unknown == 0 and without_plan == units
    assert bi["documents"] == [(0,)] and bi["inspections"] == [(0,)]

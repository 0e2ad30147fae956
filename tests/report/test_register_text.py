"""The register sentences of the report, and the narrative check against the registers.

Through the real pipeline (the session's sample database): the shipped 2020-H1 narrative contradicts
nothing, a narrative that states other figures or dates gets one warning each in the task log, and
every register sentence names its source's absence as "chưa có số liệu" (tests/report/test_golden_registers.py
renders a landing zone without register files).
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from include.report.narrative import parse_narrative

pytestmark = pytest.mark.pipeline
NARRATIVE_2020_H1 = Path(__file__).resolve().parents[2] / "include" / "report" / "narratives" / "2020-H1.md"

CONTRADICTING = """---
ky_bao_cao: 2020-H1
---
## ke_hoach

Đến nay đã có 29/30 sở ngành và UBND cấp huyện trên địa bàn tỉnh ban hành kế hoạch.

## chi_dao_dieu_hanh

UBND tỉnh ban hành Kế hoạch số 07/KH-UBND ngày 18/01/2020 và Kế hoạch số 99/KH-UBND ngày 03/03/2020; Kế hoạch
số 50/KH-UBND ngày 31/7/2015 (trước kỳ, không kiểm tra).

## the_che

Trong 06 tháng đầu năm 2020, tỉnh ban hành 19 văn bản QPPL, gồm: 04 nghị quyết và 15 quyết định. Các Sở ngành
rà soát thường xuyên 07 VBQPPL, kết quả rà soát đã kiến nghị xử lý 07 văn bản.

## phan_anh_kien_nghi

Tỉnh đã tiếp nhận 04 phản ánh kiến nghị.

## kiem_tra

Theo kế hoạch, tỉnh thực hiện kiểm tra 10¹⁵ sở, ngành và UBND cấp huyện.
"""


@pytest.fixture(scope="module")
def figures(pipeline_database_url) -> dict:
    from include.report.figures import collect_figures
    from include.warehouse import connect

    conn = connect(pipeline_database_url)
    try:
        return collect_figures(conn, "2020-H1", "nd09")
    finally:
        conn.close()


def test_shipped_narrative_contradicts_nothing(figures):
    from include.report.narrative import load_narrative
    from include.report.narrative_check import narrative_warnings

    assert narrative_warnings(load_narrative(NARRATIVE_2020_H1, "2020-H1"), figures) == []


def test_each_contradiction_is_one_warning(figures):
    from include.report.narrative_check import narrative_warnings

    warnings = narrative_warnings(parse_narrative(CONTRADICTING, Path("ky.md")), figures)
    assert len(warnings) == 6, warnings
    joined = "\n".join(warnings)
    assert "'29/30 sở ngành và UBND cấp huyện' states plans as 29/30, the data gives 30/30" in joined
    assert "'Kế hoạch số 07/KH-UBND ngày 18/01/2020' — the document register dates 07/KH-UBND 17/01/2020" in joined
    assert "'Kế hoạch số 99/KH-UBND ngày 03/03/2020' is not among the province's reform documents" in joined
    assert "states legal documents issued as 19, the data gives 18" in joined
    assert "states resolutions and decisions as 4/15, the data gives 4/14" in joined
    assert "states feedback received as 4, the data gives 3" in joined
    assert "50/KH-UBND" not in joined and "VBQPPL" not in joined and "kiểm tra 10" not in joined


def test_contradictions_reach_the_task_log(pipeline_database_url, tmp_path, caplog):
    from include.config import get_settings
    from include.report import render_report

    narrative = tmp_path / "2020-H1.md"
    narrative.write_text(CONTRADICTING, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="include.report.render"):
        render_report(pipeline_database_url, "2020-H1", narrative_path=narrative,
                      output_dir=get_settings().cchc_report_root / "test-narrative-check")
    logged = [r.getMessage() for r in caplog.records if "narrative contradicts the data" in r.getMessage()]
    assert len(logged) == 6 and any("29/30" in m for m in logged)


def test_register_sentences_state_the_figures(figures):
    from include.report.document import build_blocks
    from include.report.narrative import Narrative

    blocks = build_blocks(figures, Narrative())
    text = "\n".join(getattr(b, "text", "") for b in blocks)
    notes = "\n".join(note for b in blocks for run in getattr(b, "runs", []) for note in (run.footnote or []))
    assert "đã có 30/30 sở ngành và UBND cấp huyện ban hành kế hoạch CCHC năm 2020" in text
    assert "Số văn bản QPPL tỉnh ban hành trong kỳ là 18 văn bản, gồm: 04 nghị quyết và 14 quyết định." in text
    assert "kết quả rà soát đã kiến nghị xử lý 07 văn bản" in text
    assert "Hệ thống phản ánh, kiến nghị của Cổng Dịch vụ công Quốc gia là 03; đã trả lời 03" in text
    assert "tỉnh thực hiện kiểm tra 10 cơ quan, đơn vị, gồm: 05 sở ngành (" in text
    for name in figures["registers"]["inspections"]["names"]:
        assert name in text
    for document in figures["registers"]["documents"]:   # every province document of the period is cited
        day = "/".join(reversed(document["ngay_ban_hanh"].split("-")))
        cited = f"số {document['so_ky_hieu']} ngày {day}."
        assert any(note.endswith(cited) for note in notes.splitlines()), document   # as a footnote

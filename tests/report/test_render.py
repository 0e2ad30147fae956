"""Rendering from a figures dict: DOCX layout (read back with python-docx), sentences, tables, HTML, JSON.

The figures here are the contract's golden figures completed with the keys the
golden file does not state; the pipeline test renders from the real marts.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import docx
import pytest

from include.report.figures import DOSSIER_KEYS, EVENT_KINDS, QUOTA_BLOCKS, QUOTA_KINDS
from include.report.render import render_figures

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOLDEN = PROJECT_ROOT / "tests" / "data" / "golden" / "soc-trang-2020-H1.json"
NARRATIVE = PROJECT_ROOT / "include" / "report" / "narratives" / "2020-H1.md"
SEED_DOSSIER_SENTENCE = (
    "Toàn tỉnh đã tiếp nhận 178.770 hồ sơ TTHC (bao gồm cả hồ sơ giải quyết theo cơ chế một cửa, một cửa liên "
    "thông; theo dịch vụ công trực tuyến), trong đó: có 176.611 hồ sơ mới tiếp nhận; 2.159 hồ sơ từ kỳ trước "
    "chuyển qua. Có 175.256 hồ sơ đã giải quyết (trong đó: 175.191 hồ sơ giải quyết đúng hạn; 65 hồ sơ giải quyết "
    "quá hạn); 3.514 hồ sơ đang giải quyết (trong đó: 3.494 hồ sơ chưa đến hạn, 20 hồ sơ đang giải quyết quá hạn).")


def golden_figures() -> dict:
    figures = copy.deepcopy(json.loads(GOLDEN.read_text(encoding="utf-8")))
    figures["period"]["cutoff"] = "nd09"
    dossiers = figures["dossiers"]
    dossiers.update(received_online=41234, received_direct_postal=135377, resolved_early=1200,
                    resolved_on_due=173991, withdrawn=31, pending_waiting=7, on_time_rate=99.96291)
    dossiers["by_level"] = {level: {key: 0 for key in DOSSIER_KEYS} for level in ("TINH", "HUYEN", "XA")}
    dossiers["by_level"]["TINH"].update(received_total=60500, resolved_total=59000)
    dossiers["online_rate"] = 100 * 41234 / 176611
    for row in dossiers["by_level"].values():
        row["online_rate"] = None
    figures["scope"] = {"kind": "PROVINCE", "ma_don_vi": None, "ten_don_vi": None}
    figures["comparison"] = {"previous": None, "year_ago": None}
    figures["late_units"] = [
        {"ma_don_vi": "U1", "ten_don_vi": "UBND xã A", "cap": "XA", "resolved_late": 50, "pending_overdue": 10,
         "resolved_total": 900},
        {"ma_don_vi": "U9", "ten_don_vi": None, "cap": None, "resolved_late": 15, "pending_overdue": 10,
         "resolved_total": 90}]
    figures["procedures"].update(snapshot_date="2020-06-01", one_stop=1827)
    staff = figures["staff"]
    staff.update(commune_can_bo_rate=93.6073059, commune_cong_chuc_rate=99.6589940, quotas_year=2020)
    for block in QUOTA_BLOCKS:
        for kind in QUOTA_KINDS:
            staff["quotas"].setdefault(block, {}).setdefault(kind, 0)
    for kind in EVENT_KINDS:
        staff["events"].setdefault(kind, 0)
    figures["public_units"]["TINH"]["rate"] = 59.6491228
    figures["public_units"]["HUYEN"]["rate"] = 100.0
    figures["par_index"]["unranked_names"] = ["VP.HĐND tỉnh", "Cục Thống kê tỉnh"]
    figures["sipas"]["rate"] = 91.25
    row = {key: 0 for key in DOSSIER_KEYS}
    figures["appendix"] = {
        "bieu06": [
            {"cap": "TINH", "ma_linh_vuc": None, "ten_linh_vuc": None, "is_level_total": True,
             **row, "received_total": 60500, "received_online": 20000},
            {"cap": "TINH", "ma_linh_vuc": "HT", "ten_linh_vuc": "Hộ tịch", "is_level_total": False,
             **row, "received_total": 60500, "received_online": 20000},
        ],
        "monthly": [{"period_code": f"2020-0{m}", "received_new": 29000 + m, "resolved_total": 28000 + m}
                    for m in range(1, 7)],
        "bieu06_by_unit": [],
        "par_distribution": [{"par_index": 82.5, "band": "TOT"}, {"par_index": 70.0, "band": "KHA"}],
    }
    return figures


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return render_figures(golden_figures(), tmp_path_factory.mktemp("report"), NARRATIVE)


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(str(rendered["docx"]))


def body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def all_cell_texts(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_three_files_are_written(rendered):
    assert set(rendered) == {"json", "docx", "html", "xlsx"}
    for path in rendered.values():
        assert path.stat().st_size > 1000
    assert not [p for p in rendered["json"].parent.iterdir() if p.name.startswith(".rendering")]


def test_docx_page_layout_is_decree_30(document):
    first = document.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)  # A4 (stored in twips)
    def mm(length) -> float:
        return round(length.mm, 1)  # Word stores twips: 15 mm reads back as 14.99 mm

    assert 20 <= mm(first.top_margin) <= 25 and 20 <= mm(first.bottom_margin) <= 25
    assert 30 <= mm(first.left_margin) <= 35 and 15 <= mm(first.right_margin) <= 20
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    r_fonts = normal.element.rPr.rFonts
    assert r_fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Times New Roman"
    for level in range(1, 6):
        style = document.styles[f"Heading {level}"]
        assert style.font.name == "Times New Roman"
        assert "asciiTheme" not in style.element.xml  # a theme font would override Times New Roman


def test_docx_page_numbers_start_on_page_two(document):
    first = document.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml and "fldChar" in first.header._element.xml
    assert "PAGE" not in first.first_page_header._element.xml
    for later in document.sections[1:]:
        assert later.header.is_linked_to_previous and not later.different_first_page_header_footer


def test_docx_front_matter(document):
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert "ỦY BAN NHÂN DÂN" in left.text and "TỈNH SÓC TRĂNG" in left.text
    assert "Số: …/BC-UBND" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text and "Độc lập - Tự do - Hạnh phúc" in right.text
    place_date = right.paragraphs[-1]
    assert place_date.text.startswith("Sóc Trăng, ngày") and place_date.text.endswith("năm 2020")
    assert all(run.italic for run in place_date.runs)
    texts = [p.text for p in document.paragraphs]
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == "Tình hình thực hiện công tác cải cách hành chính 6 tháng đầu năm 2020"
    for paragraph in document.paragraphs[title:title + 2]:
        assert all(run.bold for run in paragraph.runs)


def test_docx_sections_follow_the_seed_order(document):
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC",
                "g) Kết quả giải quyết TTHC cho người dân, doanh nghiệp", "4.2. Về công chức xã",
                "6.1. Ứng dụng CNTT trong hoạt động của cơ quan hành chính nhà nước", "III. ĐÁNH GIÁ CHUNG",
                "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRONG QUÝ III/2020"]
    positions = [headings.index(h) for h in expected]
    assert positions == sorted(positions)


def test_docx_data_sentences_are_written_like_the_seed(document):
    text = body_text(document)
    assert SEED_DOSSIER_SENTENCE in text
    for sentence in (
        "Tính đến ngày 31/03/2020, toàn tỉnh có 2.268 cán bộ, công chức cấp xã. Trong đó, số lượng cán bộ đạt "
        "chuẩn theo quy định là 1.025/1.095 người, tỉ lệ đạt 93,61%; số lượng công chức đạt chuẩn theo quy định "
        "là 1.169/1.173 người, tỉ lệ đạt 99,66%.",
        "UBND tỉnh ban hành 32 Quyết định công bố đối với 267 TTHC, trong đó: quy định mới 131 thủ tục, sửa đổi, "
        "bổ sung 05 thủ tục, bãi bỏ 131 thủ tục.",
        "là 1.827 thủ tục, trong đó: thuộc thẩm quyền giải quyết của các sở, ban, ngành tỉnh 1.431 thủ tục; áp "
        "dụng tại cấp huyện 269 thủ tục và áp dụng tại cấp xã 127 thủ tục.",
        "Trong tỉnh có 107 TTHC được giải quyết theo cơ chế một cửa liên thông; trong đó có 67 TTHC được giải "
        "quyết theo hình thức liên thông cùng cấp, 37 TTHC",
        "tối thiểu ở mức độ 2, 571 TTHC ở mức độ 3 và 193 TTHC ở mức độ 4.",
        "Chỉ số CCHC (PAR INDEX) tỉnh Sóc Trăng năm 2019 đạt 82,03%, đứng vị trí 19/63 tỉnh, thành (tăng 05 bậc "
        "so với năm 2018). Chỉ số SIPAS năm 2019 của tỉnh do Bộ Nội vụ công bố đạt 88,78%, tăng 4,38% so với năm "
        "2018.",
        "có 38/43 đơn vị đạt tỷ lệ hài lòng từ 80% trở lên, trong đó có 04 đơn vị đạt tỷ lệ 100% gồm Văn phòng UBND "
        "tỉnh, Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh Sóc Trăng, Ban Quản lý dự án 1 và Ban Quản lý dự án 2",
        "bổ nhiệm mới 05 trường hợp, bổ nhiệm lại 01 trường hợp, kéo dài thời gian giữ chức vụ đến nghỉ hưu 01 "
        "trường hợp.",
        "thực hiện tinh giản biên chế đối với 168 trường hợp.",
        "tỉnh đã giao 1.905 biên chế công chức và 315 chỉ tiêu hợp đồng lao động",
        "phân bổ 20.990 số người làm việc và 1.437 chỉ tiêu hợp đồng 68",
        "giao 125 chỉ tiêu người làm việc và 12 hợp đồng 68",
        "cấp tỉnh có 68/114 đơn vị được giao quyền tự chủ, đạt 59,65%; cấp huyện có 513/513 đơn vị",
        "tỷ lệ giải quyết đúng hạn đạt 99,96%",
    ):
        assert sentence in text, sentence
    assert "None" not in text


def test_docx_par_index_table_as_in_the_seed(document):
    cells = all_cell_texts(document)
    header = next(row for row in cells if row[0] == "STT" and "Sở ngành" in row)
    assert header[1] == "Xếp hạng Chỉ số CCHC năm 2019"
    assert header[3:] == ["Sở ngành", "UBND cấp huyện", "Đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
                          "Cơ quan trung ương đóng trên địa bàn tỉnh", "Tổng cộng"]
    assert ["1", "Chỉ số CCHC trên 90%", "Rất tốt", "1", "0", "1", "0", "2"] in cells
    assert ["3", "Chỉ số CCHC từ 65% đến dưới 80%", "Khá", "10", "9", "0", "2", "21"] in cells
    assert ["TỔNG CỘNG"] * 3 + ["19", "11", "4", "6", "40"] in cells


def test_docx_bieu06_appendix_has_13_columns(document):
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT" and len(t.columns) == 13)
    sub_header = [cell.text for cell in table.rows[1].cells]
    assert sub_header[2:] == ["Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước",
                              "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert ["I", "Cấp tỉnh", "60.500", "20.000"] == rows[2][:4]
    assert rows[3][:3] == ["1", "Hộ tịch", "60.500"]
    assert rows[-1][1:3] == ["TỔNG CỘNG", "178.770"]
    appendix_section = document.sections[1]
    assert appendix_section.page_width > appendix_section.page_height  # landscape for 13 columns


def test_docx_charts_are_embedded(document):
    images = [rel for rel in document.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 3
    captions = [p.text for p in document.paragraphs if p.text.startswith("Biểu đồ")]
    # numbered in the order the text discusses them, each referred to in the text before it
    assert [c.split(".")[0] for c in captions] == ["Biểu đồ 1", "Biểu đồ 2", "Biểu đồ 3"]
    assert "Chỉ số CCHC năm 2019" in captions[0]
    assert "theo tháng" in captions[1] and "quá hạn" in captions[2]
    text = body_text(document)
    for number in (1, 2, 3):
        reference = text.index(f"Biểu đồ {number})") if f"Biểu đồ {number})" in text else text.index(
            f"Biểu đồ {number};") if f"Biểu đồ {number};" in text else text.index(f"Biểu đồ {number}.")
        assert reference < text.index(captions[number - 1])
    assert text.index(captions[2]) < text.index("PHỤ LỤC")  # charts sit in the text, not after the appendix


def test_docx_closing_and_signature(document):
    closing = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    left, right = closing.rows[0].cells
    assert "- Vụ Cải cách hành chính (Bộ Nội vụ);" in left.text
    assert "TM. ỦY BAN NHÂN DÂN" in right.text and "CHỦ TỊCH" in right.text and "Trần Văn Chuyện" in right.text


def test_docx_narrative_comes_from_the_file(document):
    text = body_text(document)
    assert "Căn cứ Quyết định số 225/QĐ-TTg ngày 04/02/2016" in text
    assert "Công tác CCHC của tỉnh có nhiều chuyển biến tích cực." in text
    assert "Phần nội dung do cơ quan soạn thảo bổ sung" not in text


def test_without_narrative_the_sections_show_placeholders(tmp_path):
    paths = render_figures(golden_figures(), tmp_path, None)
    document = docx.Document(str(paths["docx"]))
    placeholders = [p for p in document.paragraphs if p.text.startswith("[Phần nội dung do cơ quan soạn thảo")]
    texts = [p.text for p in placeholders]
    assert any("Kế hoạch CCHC đã ban hành" in t for t in texts)
    assert any("Đánh giá chung" in t for t in texts)
    assert any("Phương hướng, nhiệm vụ CCHC kỳ tới" in t for t in texts)
    assert all(run.italic for p in placeholders for run in p.runs)
    assert "[Họ và tên người ký]" in "\n".join(c for row in all_cell_texts(document) for c in row)
    assert SEED_DOSSIER_SENTENCE in body_text(document)
    assert "class=\"placeholder\"" in paths["html"].read_text(encoding="utf-8")


def test_null_figures_print_as_missing(tmp_path):
    figures = golden_figures()
    figures["staff"].update({key: None for key in figures["staff"] if key.startswith("commune")},
                            snapshot_date=None)
    figures["procedures"].update(snapshot_date=None, in_force_total=None)
    figures["par_index"]["province"].update(rank_change=None, sipas=None)
    figures["dossiers"]["on_time_rate"] = None
    paths = render_figures(figures, tmp_path, NARRATIVE)
    text = body_text(docx.Document(str(paths["docx"])))
    assert "(Số liệu cán bộ, công chức cấp xã: chưa có số liệu.)" in text
    assert "(Danh mục TTHC còn hiệu lực: chưa có số liệu.)" in text
    assert "chưa có số liệu so sánh với năm 2018" in text
    assert "Chỉ số SIPAS năm 2019 của tỉnh do Bộ Nội vụ công bố: chưa có số liệu" in text
    assert "None" not in text and "2.268" not in text
    saved = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert saved["staff"]["commune_total"] is None and saved["dossiers"]["on_time_rate"] is None


def test_html_is_self_contained_and_has_the_same_figures(rendered):
    html = rendered["html"].read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert html.count("<figure><svg") == 3 and "data:image/png" not in html  # vector charts
    assert "src=\"http" not in html and "<link" not in html and "<script" not in html
    for figure in ("178.770", "176.611", "2.159", "175.256", "175.191", "3.514", "3.494", "93,61%", "99,66%",
                   "82,03%", "19/63", "tăng 05 bậc", "1.827", "20.990", "Trần Văn Chuyện", "Số: …/BC-UBND",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:"):
        assert figure in html, figure
    assert "<td class=\"center\"><strong>40</strong></td>" in html  # PAR table total


def test_json_has_every_report_key(rendered):
    saved = json.loads(rendered["json"].read_text(encoding="utf-8"))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))

    def subset(expected, actual, path="") -> None:
        for key, value in expected.items():
            assert key in actual, f"{path}.{key}"
            if isinstance(value, dict):
                subset(value, actual[key], f"{path}.{key}")
            else:
                assert actual[key] == value, f"{path}.{key}"

    subset(golden, saved)


def test_docx_footnotes_are_real_word_footnotes_each_resolving(rendered, document):
    from include.report.footnotes import footnote_ids

    references, notes = footnote_ids(rendered["docx"])
    assert references and len(references) == len(set(references))
    assert set(references) == set(notes)  # every reference has its note and every note is referenced
    assert all(notes.values())
    texts = list(notes.values())
    assert any("Sở Nội vụ, Sở Xây dựng, Sở Văn hóa, Thể thao và Du lịch" in t for t in texts)  # seed's ¹⁹
    assert any("3747/QĐ-UBND" in t and "3748/QĐ-UBND" in t for t in texts)  # seed's ²⁰ on the quota sentence
    assert any("3746/QĐ-UBND" in t for t in texts)  # seed's ²¹
    assert any("3765/QĐ-UBND" in t and "522/QĐ-UBND" in t for t in texts)  # a note of several paragraphs
    quota = next(p for p in document.paragraphs if "phân bổ 20.990 số người làm việc" in p.text)
    assert quota._p.xml.count("w:footnoteReference") == 2
    text = body_text(document)
    assert not any(mark in text for mark in "¹²³⁴⁵⁶⁷⁸⁹⁰")  # no hand-made superscript markers left
    assert "[^" not in text
    html = rendered["html"].read_text(encoding="utf-8")
    assert html.count('class="fnref"') == len(references) and f'id="fn-{len(references)}"' in html


def test_a_figure_the_source_does_not_state_is_not_printed_as_zero(tmp_path):
    figures = golden_figures()
    figures["staff"]["events"].update(TUYEN_DUNG=None, NGHI_HUU=None)
    text = body_text(docx.Document(str(render_figures(figures, tmp_path / "absent", NARRATIVE)["docx"])))
    assert "0 trường hợp" not in text.replace("10 trường hợp", "")
    assert "số trường hợp tuyển dụng và nghỉ hưu: chưa có số liệu" in text

    figures["staff"]["events"].update(TUYEN_DUNG=0, NGHI_HUU=0)  # the source says: none in the period
    text = body_text(docx.Document(str(render_figures(figures, tmp_path / "zero", NARRATIVE)["docx"])))
    assert "Trong kỳ báo cáo, không có trường hợp tuyển dụng; không có trường hợp nghỉ hưu;" in text
    assert "chưa có số liệu" not in text.split("Trong kỳ báo cáo, không có")[1].split(".")[0]

    figures["staff"]["events"].update(TUYEN_DUNG=12, NGHI_HUU=3)
    text = body_text(docx.Document(str(render_figures(figures, tmp_path / "some", NARRATIVE)["docx"])))
    assert "tỉnh tuyển dụng 12 trường hợp; 03 trường hợp nghỉ hưu" in text


def test_signer_edits_are_not_needed(document):
    text = body_text(document)
    assert "và 03 nhóm TTHC liên thông" in text and "TTHC liên thông theo nhóm" not in text
    assert "513/513 đơn vị được giao quyền tự chủ, đạt 100%" in text and "100,00%" not in text
    assert len(re.findall(r"giải quyết theo cơ chế một cửa[.(]", text)) == 1  # the one-stop statement, once
    assert "(Kèm theo Báo cáo số …/BC-UBND ngày …/…/2020 của UBND tỉnh Sóc Trăng)" in text
    satisfaction = [p.text for p in document.paragraphs if "88,78%" in p.text or "91,25%" in p.text]
    assert all(("88,78%" in t) != ("91,25%" in t) for t in satisfaction)  # one satisfaction figure per sentence
    assert any("do Bộ Nội vụ công bố" in t for t in satisfaction if "88,78%" in t)
    assert any("khảo sát" in t and "do tỉnh tổ chức" in t for t in satisfaction if "91,25%" in t)
    # the unit note stands above the Biểu 06 table, never alone after it
    unit_note = next(i for i, p in enumerate(document.paragraphs) if p.text.startswith("Đơn vị tính: hồ sơ"))
    assert document.paragraphs[unit_note - 1].text.startswith("Kỳ báo cáo:")


def test_bieu06_xlsx_is_the_appendix_with_numbers_as_numbers(rendered, document):
    import openpyxl

    workbook = openpyxl.load_workbook(rendered["xlsx"])
    assert workbook.sheetnames == ["Biểu 06", "Theo đơn vị"]
    sheet = workbook["Biểu 06"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A6:A7", "B6:B7", "C6:F6", "G6:J6", "K6:M6"} <= merged  # the official merged headings
    appendix = next(t for t in document.tables if t.rows[0].cells[0].text == "STT"
                    and len(t.columns) == 13)
    docx_rows = [[c.text for c in row.cells] for row in appendix.rows][2:]
    xlsx_rows = [row for row in sheet.iter_rows(min_row=9, values_only=True)]
    assert len(xlsx_rows) == len(docx_rows)
    for docx_row, xlsx_row in zip(docx_rows, xlsx_rows):
        assert [str(v) if v is not None else "" for v in xlsx_row[:2]] == docx_row[:2]
        assert all(isinstance(v, int) for v in xlsx_row[2:])
        assert [f"{v:,}".replace(",", ".") for v in xlsx_row[2:]] == docx_row[2:]
    saved = json.loads(rendered["json"].read_text(encoding="utf-8"))["dossiers"]
    from include.report.figures import BIEU06_KEYS

    assert list(xlsx_rows[-1][2:]) == [saved[key] for key in BIEU06_KEYS]
    assert sheet.cell(row=9, column=3).number_format.endswith("#,##0")

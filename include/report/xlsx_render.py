"""bieu06.xlsx: Biểu 06/VPCP/KSTT as officials submit it (openpyxl).

Sheet 1 "Biểu 06" is the report's appendix (level × field) with the official, merged column headings;
sheet 2 "Theo đơn vị" the same columns by receiving unit. Every figure is stored as a number, shown in
Vietnamese style (format tagged with the Vietnamese locale, 178.770), and each totals row equals report.json.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter

from include.report.document import (BIEU06_COLUMN_LABELS, LEVEL_LABELS, attached_to, bieu06_rows,
                                     period_span)
from include.report.figures import BIEU06_KEYS
from include.report.model import Meta

NUMBER_FORMAT = "[$-42A]#,##0"  # 42A = Vietnamese: LibreOffice shows 178.770
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GROUPS = (("Số hồ sơ nhận giải quyết", 4), ("Kết quả giải quyết", 4), ("Số hồ sơ đang giải quyết", 3))


def _style_name(bold: bool, italic: bool, align: str, size: int, border: bool, number: bool) -> str:
    return f"cchc-{int(bold)}{int(italic)}-{align}-{size}-{int(border)}-{int(number)}"


def _cell(sheet, row: int, column: int, value, *, bold=False, italic=False, align="center", size=11,
          border=True, number=False):
    """A cell with one of a few named styles (registered once per workbook: assigning Font/Border objects
    cell by cell is openpyxl's slow path)."""
    name = _style_name(bold, italic, align, size, border, number)
    workbook = sheet.parent
    if name not in workbook.named_styles:
        style = NamedStyle(name=name)
        style.font = Font(name=FONT, bold=bold, italic=italic, size=size)
        style.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if border:
            style.border = BOX
        if number:
            style.number_format = NUMBER_FORMAT
        workbook.add_named_style(style)
    cell = sheet.cell(row=row, column=column, value=value)
    cell.style = name
    return cell


def _title(sheet, lines: list[tuple[str, bool, bool]], width: int) -> int:
    for row, (text, bold, italic) in enumerate(lines, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        _cell(sheet, row, 1, text, bold=bold, italic=italic, size=12, border=False)
    return len(lines) + 1


def _header(sheet, top: int, leading: list[str]) -> int:
    """The two official heading rows (leading columns merged over both) and the column-number row."""
    for column, label in enumerate(leading, start=1):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
        _cell(sheet, top, column, label, bold=True)
        _cell(sheet, top + 1, column, None, bold=True)
    column = len(leading) + 1
    for label, span in GROUPS:
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + span - 1)
        for offset in range(span):
            _cell(sheet, top, column + offset, label if offset == 0 else None, bold=True)
        column += span
    for offset, label in enumerate(BIEU06_COLUMN_LABELS):
        _cell(sheet, top + 1, len(leading) + 1 + offset, label, bold=True)
    width = len(leading) + len(BIEU06_COLUMN_LABELS)
    for column in range(1, width + 1):
        _cell(sheet, top + 2, column, f"({column})", italic=True, size=10)
    sheet.row_dimensions[top + 1].height = 48
    return top + 3


def _finish(sheet, first_data_row: int, widths: list[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=first_data_row, column=3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{first_data_row - 3}:{first_data_row - 1}"


def write_xlsx(path: Path, figures: dict, meta: Meta) -> Path:
    period = figures["period"]
    titles = [
        ("Biểu 06/VPCP/KSTT", True, False),
        ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", True, False),
        (attached_to(meta), False, True),
        (f"Kỳ báo cáo: {period['label']} ({period_span(period)}) — {meta.issuer_short}", False, True),
        ("Đơn vị tính: hồ sơ", False, True),
    ]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 06"
    width = 2 + len(BIEU06_KEYS)
    row = _header(sheet, _title(sheet, titles, width), ["STT", "Cấp / lĩnh vực giải quyết"])
    first = row
    for line in bieu06_rows(figures):
        bold = line["level_total"] or line["total"]
        _cell(sheet, row, 1, line["stt"], bold=bold)
        _cell(sheet, row, 2, line["label"], bold=bold, align="left")
        for offset, value in enumerate(line["values"]):
            _cell(sheet, row, 3 + offset, value, bold=bold, align="right", number=True)
        row += 1
    _finish(sheet, first, [6, 44] + [12] * len(BIEU06_KEYS))

    units = workbook.create_sheet("Theo đơn vị")
    titles[1] = ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ TIẾP NHẬN", True, False)
    leading = ["STT", "Đơn vị tiếp nhận", "Mã đơn vị", "Cấp"]
    row = _header(units, _title(units, titles, len(leading) + len(BIEU06_KEYS)), leading)
    first = row
    for number, unit in enumerate(figures["appendix"]["bieu06_by_unit"], start=1):
        _cell(units, row, 1, number)
        _cell(units, row, 2, unit["ten_don_vi"] or "(chưa có trong danh mục đơn vị)", align="left")
        _cell(units, row, 3, unit["ma_don_vi"])
        _cell(units, row, 4, LEVEL_LABELS.get(unit["cap"], "") if unit["cap"] else "")
        for offset, key in enumerate(BIEU06_KEYS):
            _cell(units, row, 5 + offset, unit[key], align="right", number=True)
        row += 1
    _cell(units, row, 1, None, bold=True)
    _cell(units, row, 2, "TỔNG CỘNG", bold=True, align="left")
    _cell(units, row, 3, None, bold=True)
    _cell(units, row, 4, None, bold=True)
    for offset, key in enumerate(BIEU06_KEYS):
        _cell(units, row, 5 + offset, figures["dossiers"][key], bold=True, align="right", number=True)
    _finish(units, first, [6, 44, 16, 10] + [12] * len(BIEU06_KEYS))
    units.freeze_panes = units.cell(row=first, column=3)

    workbook.properties.title = "Biểu 06/VPCP/KSTT"
    workbook.properties.language = "vi-VN"
    workbook.save(str(path))
    return path

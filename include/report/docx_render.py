"""report.docx: the blocks laid out per Decree 30/2020/NĐ-CP on the template's styles."""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from include.report.docx_template import TEMPLATE_PATH, apply_page_setup, build_template, set_font
from include.report.footnotes import DocxFootnotes
from include.report.model import Block, Heading, Image, Meta, Paragraph, SectionBreak, Table

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _open_template() -> Document:
    return Document(str(TEMPLATE_PATH)) if TEMPLATE_PATH.exists() else build_template()


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _add_field(paragraph, instruction: str) -> None:
    """A Word field (e.g. PAGE) that Word/LibreOffice compute when displaying."""
    run = paragraph.add_run()
    set_font(run, Pt(13))
    for tag, attrs, text in (("w:fldChar", {"w:fldCharType": "begin"}, None),
                             ("w:instrText", {"xml:space": "preserve"}, f" {instruction} "),
                             ("w:fldChar", {"w:fldCharType": "separate"}, None),
                             ("w:t", {}, "2"),
                             ("w:fldChar", {"w:fldCharType": "end"}, None)):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if text is not None:
            element.text = text
        run._r.append(element)


def _line(paragraph, text: str, size: float, bold=False, italic=False, underline=False, align="center"):
    run = paragraph.add_run(text)
    set_font(run, Pt(size))
    run.bold, run.italic, run.underline = bold, italic, underline
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph.paragraph_format.space_after = Pt(0)
    return run


JC = {"left": "left", "center": "center", "right": "right"}


def _cell_style(document: Document, size: float) -> str:
    """A paragraph style for table cells of one font size (no indent, no spacing), added once."""
    style_id = f"TableCell{str(size).replace('.', '_')}"
    if style_id not in {style.style_id for style in document.styles}:
        from docx.enum.style import WD_STYLE_TYPE

        style = document.styles.add_style(f"Table cell {size}", WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = document.styles["Normal"]
        set_font(style, Pt(size))
        fmt = style.paragraph_format
        fmt.first_line_indent, fmt.space_before, fmt.space_after, fmt.line_spacing = Mm(0), Pt(0), Pt(0), 1.0
    return style_id


def _fill_cell(cell, text: str, style_id: str, bold: bool, align: str) -> None:
    """Write a cell's one paragraph as raw XML: python-docx's property setters search the element's
    children for every attribute, which made the long Biểu 06 table the slowest part of the report."""
    paragraph = cell._tc.p_lst[0]
    p_pr = OxmlElement("w:pPr")
    p_style = OxmlElement("w:pStyle")
    p_style.set(qn("w:val"), style_id)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), JC[align])
    p_pr.append(p_style)
    p_pr.append(jc)
    paragraph.insert(0, p_pr)
    if text:
        run = OxmlElement("w:r")
        if bold:
            r_pr = OxmlElement("w:rPr")
            r_pr.append(OxmlElement("w:b"))
            run.append(r_pr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        paragraph.append(run)


def _cell_lines(cell, lines: list[tuple[str, float, bool, bool]], align="center") -> None:
    first = True
    for text, size, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _line(paragraph, text, size, bold=bold, italic=italic, align=align)


def _set_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # the grid, which LibreOffice follows
    for index, cell in enumerate(_all_cells(table)):
        cell.width = Mm(widths_mm[index % len(widths_mm)])


def _all_cells(table) -> list:
    """Every cell of an unmerged table, row by row, in one pass. python-docx's table.cell() and
    row.cells rebuild this list on every call, which is quadratic on the 13-column Biểu 06."""
    return list(table._cells)


def _page_number_header(section) -> None:
    """Page numbers from page 2, centred at the top (Decree 30/2020): page 1 has its own, empty header."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Mm(0)
    _add_field(paragraph, "PAGE")
    section.first_page_header.is_linked_to_previous = False  # an explicit, empty first-page header


def _front(document: Document, meta: Meta) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell_lines(left, [(meta.issuing_body_parent, 13, True, False), (meta.issuing_body, 13, True, False),
                       ("―――――――", 13, False, False), (meta.number, 13, False, False)])
    _cell_lines(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False),
                        ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
                        ("―――――――――――――――", 13, False, False), (meta.place_date, 14, False, True)])
    _set_widths(table, [60, 105])
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    title = document.add_paragraph()
    _line(title, meta.title, 14, bold=True)
    title.paragraph_format.space_before = Pt(12)
    subject = document.add_paragraph()
    _line(subject, meta.subject, 14, bold=True)
    subject.paragraph_format.space_after = Pt(18)


def _closing(document: Document, meta: Meta) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _cell_lines(left, [("Nơi nhận:", 12, True, True)] + [(r, 11, False, False) for r in meta.recipients],
                align="left")
    _cell_lines(right, [(meta.signing_capacity, 14, True, False), (meta.signer_title, 14, True, False),
                        ("", 14, False, False), ("", 14, False, False), ("", 14, False, False),
                        (meta.signer_name, 14, True, False)])
    _set_widths(table, [80, 85])


def _paragraph(document: Document, block: Paragraph, notes: DocxFootnotes) -> None:
    paragraph = document.add_paragraph()
    if block.kind == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Mm(0)
    elif block.kind in ("caption", "note"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.first_line_indent = Mm(0)
    elif block.kind == "unit":  # "Đơn vị tính: …" right above its table, kept on the table's page
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Mm(0)
        paragraph.paragraph_format.keep_with_next = True
    for block_run in block.runs:
        if block_run.text:
            run = paragraph.add_run(block_run.text)
            run.bold = block_run.bold or None
            run.italic = block_run.italic or block.kind in ("placeholder", "missing") or None
            run.font.superscript = block_run.superscript or None
            if block.kind in ("caption", "note", "unit"):
                run.font.size = Pt(11)
        if block_run.footnote:
            notes.add(paragraph, block_run.footnote)


def _table(document: Document, block: Table) -> None:
    columns = len(block.column_widths_mm)
    grid = block.header + block.rows
    table = document.add_table(rows=len(grid), cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(table, block.column_widths_mm)
    cells = _all_cells(table)
    style_id = _cell_style(document, block.font_size)
    occupied: set[tuple[int, int]] = set()
    spans = []
    for row_index, row in enumerate(grid):
        column = 0
        for cell_spec in row:
            while (row_index, column) in occupied:
                column += 1
            last_row, last_col = row_index + cell_spec.rowspan - 1, column + cell_spec.colspan - 1
            for r in range(row_index, last_row + 1):
                for c in range(column, last_col + 1):
                    occupied.add((r, c))
            cell = cells[row_index * columns + column]
            _fill_cell(cell, cell_spec.text, style_id, cell_spec.bold, cell_spec.align)
            if (last_row, last_col) != (row_index, column):
                spans.append((cell, cells[last_row * columns + last_col]))
            column = last_col + 1
    for first, last in spans:  # merge after filling: the covered cells are empty, so only the text stays
        first.merge(last)
    for row_index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        # A row never splits across pages: its remainder would show as an empty row under the repeated header.
        tr_pr.append(OxmlElement("w:cantSplit"))
        if row_index < len(block.header):
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header rows on every page
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _section_break(document: Document, block: SectionBreak) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    apply_page_setup(section)
    section.different_first_page_header_footer = False
    if block.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin, section.right_margin = section.top_margin, section.bottom_margin
    else:
        section.orientation = WD_ORIENT.PORTRAIT


def _image(document: Document, block: Image) -> None:
    document.add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
    picture_paragraph = document.paragraphs[-1]
    picture_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture_paragraph.paragraph_format.first_line_indent = Mm(0)
    caption = document.add_paragraph()
    _line(caption, block.caption, 12, italic=True)
    caption.paragraph_format.space_after = Pt(12)


def write_docx(path: Path, meta: Meta, body: list[Block], appendix: list[Block]) -> Path:
    document = _open_template()
    _clear_body(document)
    _page_number_header(document.sections[0])
    _front(document, meta)
    notes = DocxFootnotes(document)
    for block in [*body, "closing", *appendix]:
        if block == "closing":
            _closing(document, meta)
        elif isinstance(block, Heading):
            document.add_paragraph(block.text, style=f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            _paragraph(document, block, notes)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Image):
            _image(document, block)
        elif isinstance(block, SectionBreak):
            _section_break(document, block)
        else:
            raise TypeError(f"unknown block {block!r}")
    document.save(str(path))
    return path

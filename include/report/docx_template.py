"""The DOCX template: page setup and styles of Decree 30/2020/NĐ-CP.

`python -m include.report.docx_template` (re)writes templates/bao_cao.docx; the
renderer opens that file and only adds content, so an office can adjust the
template in Word without touching code. Without the file the same template is
built in memory.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATE_PATH = Path(__file__).parent / "templates" / "bao_cao.docx"
FONT = "Times New Roman"
BODY_SIZE = Pt(14)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
# Inside the Decree 30/2020 ranges with room for Word's twip rounding (15 mm would read back as 14.99).
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(18)
# level → (size, bold, italic); level 1 = "I. …", 2 = "1. …", 3 = "2.1. …", 4 = "a) …", 5 = narrative sub-heading
HEADING_FORMATS = {1: (14, True, False), 2: (14, True, False), 3: (14, True, False), 4: (14, False, True),
                   5: (14, True, True)}


def set_font(style_or_run, size: Pt | None = None) -> None:
    """Times New Roman for every script: Vietnamese text must not fall back to an East Asian font."""
    style_or_run.font.name = FONT
    r_pr = style_or_run.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), FONT)
    # Theme fonts (the built-in headings use them) take precedence over the named font: drop them.
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)
    if size is not None:
        style_or_run.font.size = size


def apply_page_setup(section) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def build_template() -> Document:
    document = Document()
    apply_page_setup(document.sections[0])
    normal = document.styles["Normal"]
    set_font(normal, BODY_SIZE)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.first_line_indent = Mm(10)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, (size, bold, italic) in HEADING_FORMATS.items():
        style = document.styles[f"Heading {level}"]
        set_font(style, Pt(size))
        style.font.bold, style.font.italic = bold, italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.first_line_indent = Mm(10)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    for name in ("Table Grid", "Caption", *(f"Heading {level} Char" for level in HEADING_FORMATS)):
        if name in [style.name for style in document.styles]:
            set_font(document.styles[name])  # Word shows a heading's linked character style in places
    properties = document.core_properties
    properties.author, properties.title = "", "Báo cáo tình hình thực hiện công tác cải cách hành chính"
    properties.language = "vi-VN"
    return document


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The report as renderer-neutral blocks: the DOCX and HTML renderers walk the same list,
so both say exactly the same thing."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    # A footnote referenced right after the run's text: its paragraphs. DOCX: a real Word footnote
    # (numbered by Word); HTML: a numbered note at the end of the document.
    footnote: list[str] | None = None


def footnote_run(*paragraphs: str) -> Run:
    """A footnote reference at this point of a paragraph, e.g. p("… Kế hoạch CCHC", footnote_run("Kế hoạch số …"))."""
    return Run("", footnote=list(paragraphs))


@dataclass
class Paragraph:
    runs: list[Run]
    kind: str = "body"  # body | bullet | placeholder | missing | caption | center

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Heading:
    level: int  # 1: I./II., 2: 1./2., 3: 2.1., 4: a)/b)
    text: str


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    align: str = "center"  # left | center | right


@dataclass
class Table:
    header: list[list[Cell]]
    rows: list[list[Cell]]
    column_widths_mm: list[float]
    font_size: float = 12
    caption: str | None = None


@dataclass
class Image:
    png: bytes
    caption: str
    width_mm: float = 160
    svg: str | None = None  # the same chart as SVG, for the HTML (sharp on a phone)


@dataclass
class SectionBreak:
    """New page; the appendix goes landscape for its 13-column table."""
    landscape: bool = False


@dataclass
class Meta:
    """Front matter and closing of the document (Decree 30/2020 layout)."""
    issuing_body_parent: str  # ỦY BAN NHÂN DÂN
    issuing_body: str  # TỈNH SÓC TRĂNG
    number: str  # Số: …/BC-UBND
    place_date: str  # Sóc Trăng, ngày … tháng … năm 2020
    title: str  # BÁO CÁO
    subject: str  # Tình hình thực hiện công tác cải cách hành chính 6 tháng đầu năm 2020
    recipients: list[str] = field(default_factory=list)
    signing_capacity: str = "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    issuer_short: str = ""  # "UBND tỉnh Sóc Trăng": how the appendix names the issuing body
    signing_date: str = "ngày …/…/…"  # "ngày 20/06/2020": how the appendix dates the report


Block = Paragraph | Heading | Table | Image | SectionBreak

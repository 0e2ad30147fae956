"""report.html: the same blocks as the DOCX, self-contained (charts inline), readable on a phone."""
from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from include.report.model import Block, Heading, Image, Meta, Paragraph, SectionBreak, Table

TEMPLATES = Path(__file__).parent / "templates"


class HtmlFootnotes:
    """Footnotes of the HTML: numbered in document order, listed at the end, linked both ways."""

    def __init__(self):
        self.notes: list[list[str]] = []

    def reference(self, paragraphs: list[str]) -> str:
        self.notes.append(paragraphs)
        n = len(self.notes)
        return f'<sup class="fnref"><a href="#fn-{n}" id="fnref-{n}">{n}</a></sup>'

    def section(self) -> Markup:
        if not self.notes:
            return Markup("")
        items = "".join(
            f'<li id="fn-{n}">' + "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
            + f' <a class="back" href="#fnref-{n}" aria-label="Quay lại">↩</a></li>'
            for n, paragraphs in enumerate(self.notes, start=1))
        return Markup(f'<section class="footnotes"><p><strong>Chú thích</strong></p><ol>{items}</ol></section>')


def _runs(paragraph: Paragraph, notes: HtmlFootnotes) -> str:
    html = []
    for run in paragraph.runs:
        text = str(escape(run.text))
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.superscript:
            text = f"<sup>{text}</sup>"
        html.append(text)
        if run.footnote:
            html.append(notes.reference(run.footnote))
    return "".join(html)


def _table(table: Table) -> str:
    def cell(tag: str, spec) -> str:
        spans = (f' colspan="{spec.colspan}"' if spec.colspan > 1 else "") + (
            f' rowspan="{spec.rowspan}"' if spec.rowspan > 1 else "")
        text = f"<strong>{escape(spec.text)}</strong>" if spec.bold and tag == "td" else str(escape(spec.text))
        return f'<{tag}{spans} class="{spec.align}">{text}</{tag}>'

    head = "".join("<tr>" + "".join(cell("th", c) for c in row) + "</tr>" for row in table.header)
    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in table.rows)
    hint = ('<p class="scroll-hint">Bảng rộng: vuốt ngang để xem các cột còn lại →</p>'
            if len(table.column_widths_mm) > 5 else "")
    return f'{hint}<div class="table-wrap"><table><thead>{head}</thead><tbody>{body}</tbody></table></div>'


def render_block(block: Block, notes: HtmlFootnotes) -> Markup:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)
        return Markup(f"<h{level}>{escape(block.text)}</h{level}>")
    if isinstance(block, Paragraph):
        return Markup(f'<p class="{block.kind}">{_runs(block, notes)}</p>')
    if isinstance(block, Table):
        return Markup(_table(block))
    if isinstance(block, Image):
        if block.svg:  # vector: sharp at any width, readable on a phone without zooming
            picture = block.svg[block.svg.index("<svg"):]
            picture = picture.replace("<svg", f'<svg role="img" aria-label="{escape(block.caption)}"', 1)
        else:
            data = base64.b64encode(block.png).decode("ascii")
            picture = f'<img alt="{escape(block.caption)}" src="data:image/png;base64,{data}">'
        return Markup(f"<figure>{picture}<figcaption>{escape(block.caption)}</figcaption></figure>")
    if isinstance(block, SectionBreak):
        return Markup("")
    raise TypeError(f"unknown block {block!r}")


def template(name: str):
    """A Jinja template of include/report/templates, HTML-escaped (the report's and the national ranking's)."""
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]))
    return environment.get_template(name)


def write_html(path: Path, meta: Meta, body: list[Block], appendix: list[Block]) -> Path:
    notes = HtmlFootnotes()
    body_html = [render_block(block, notes) for block in body]
    appendix_html = [render_block(block, notes) for block in appendix]
    html = template("report.html.j2").render(meta=meta, body=body_html, appendix=appendix_html,
                                                             footnotes=notes.section())
    path.write_text(html, encoding="utf-8")
    return path

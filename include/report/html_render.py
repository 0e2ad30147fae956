"""report.html: the same blocks as the DOCX, self-contained (charts inline), readable on a phone."""
from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from include.report.model import Block, Heading, Image, Meta, Paragraph, SectionBreak, Table

TEMPLATES = Path(__file__).parent / "templates"


def _runs(paragraph: Paragraph) -> str:
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
    return "".join(html)


def _table(table: Table) -> str:
    def cell(tag: str, spec) -> str:
        spans = (f' colspan="{spec.colspan}"' if spec.colspan > 1 else "") + (
            f' rowspan="{spec.rowspan}"' if spec.rowspan > 1 else "")
        text = f"<strong>{escape(spec.text)}</strong>" if spec.bold and tag == "td" else str(escape(spec.text))
        return f'<{tag}{spans} class="{spec.align}">{text}</{tag}>'

    head = "".join("<tr>" + "".join(cell("th", c) for c in row) + "</tr>" for row in table.header)
    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in table.rows)
    return f'<div class="table-wrap"><table><thead>{head}</thead><tbody>{body}</tbody></table></div>'


def render_block(block: Block) -> Markup:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)
        return Markup(f"<h{level}>{escape(block.text)}</h{level}>")
    if isinstance(block, Paragraph):
        return Markup(f'<p class="{block.kind}">{_runs(block)}</p>')
    if isinstance(block, Table):
        return Markup(_table(block))
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        return Markup(f'<figure><img alt="{escape(block.caption)}" src="data:image/png;base64,{data}">'
                      f"<figcaption>{escape(block.caption)}</figcaption></figure>")
    if isinstance(block, SectionBreak):
        return Markup("")
    raise TypeError(f"unknown block {block!r}")


def write_html(path: Path, meta: Meta, body: list[Block], appendix: list[Block]) -> Path:
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]))
    html = environment.get_template("report.html.j2").render(meta=meta, body=body, appendix=appendix,
                                                             render=render_block)
    path.write_text(html, encoding="utf-8")
    return path

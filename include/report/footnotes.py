"""Real Word footnotes (the DOCX footnotes part) for python-docx, which has no API for them.

    notes = DocxFootnotes(document)              # once per document: creates word/footnotes.xml
    paragraph.add_run("… theo Kế hoạch")
    notes.add(paragraph, ["Kế hoạch số 07/KH-UBND ngày 17/01/2020."])   # reference after the last run

Each call appends a footnote reference run to the paragraph (at the current end, i.e. right after
the run just added) and the footnote itself — one or more paragraphs — to the footnotes part.
Word and LibreOffice number the references themselves, in document order; the ids written here
are only keys linking reference and note. Report code normally does not call this directly: a
`model.Run` with `footnote=[...]` (see `footnote_run`) is rendered through it.
"""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from include.report.docx_template import set_font

FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"
FOOTNOTE_SIZE = Pt(11)

_EMPTY_PART = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _ensure_styles(document) -> None:
    """The two built-in footnote styles, added when the template lacks them."""
    styles = document.styles
    ids = {style.style_id for style in styles}
    if FOOTNOTE_TEXT_STYLE not in ids:
        style = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = FOOTNOTE_TEXT_STYLE
        style.base_style = styles["Normal"]
        set_font(style, FOOTNOTE_SIZE)
        fmt = style.paragraph_format
        fmt.first_line_indent = Mm(0)
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing = 1.0
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if FOOTNOTE_REFERENCE_STYLE not in ids:
        style = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        style.style_id = FOOTNOTE_REFERENCE_STYLE
        style.font.superscript = True


def _reference_style():
    r_pr = OxmlElement("w:rPr")
    r_style = OxmlElement("w:rStyle")
    r_style.set(qn("w:val"), FOOTNOTE_REFERENCE_STYLE)
    r_pr.append(r_style)
    return r_pr


class DocxFootnotes:
    """The footnotes part of one python-docx Document."""

    def __init__(self, document):
        self.document = document
        main = document.part
        existing = [rel for rel in main.rels.values()
                    if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not rel.is_external]
        if existing and isinstance(existing[0].target_part, XmlPart):
            self.part = existing[0].target_part
        else:
            for rel in existing:  # a template's footnotes part that python-docx loaded as raw bytes
                main.drop_rel(rel.rId)
            self.part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES,
                                parse_xml(_EMPTY_PART), main.package)
            main.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        _ensure_styles(document)
        ids = [int(note.get(qn("w:id"))) for note in self.part.element.findall(qn("w:footnote"))]
        self._next_id = max([0, *ids]) + 1

    def add(self, paragraph, texts: list[str] | str) -> int:
        """Append a footnote reference to `paragraph` and its note (one paragraph per text); returns its id."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        if not texts or not any(text.strip() for text in texts):
            raise ValueError("a footnote needs text")
        note_id = self._next_id
        self._next_id += 1

        reference = paragraph.add_run()._r
        reference.append(_reference_style())
        element = OxmlElement("w:footnoteReference")
        element.set(qn("w:id"), str(note_id))
        reference.append(element)

        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        for index, text in enumerate(texts):
            note.append(self._note_paragraph(text, with_mark=index == 0))
        self.part.element.append(note)
        return note_id

    @staticmethod
    def _note_paragraph(text: str, *, with_mark: bool):
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), FOOTNOTE_TEXT_STYLE)
        p_pr.append(style)
        p.append(p_pr)
        if with_mark:
            mark = OxmlElement("w:r")
            mark.append(_reference_style())
            mark.append(OxmlElement("w:footnoteRef"))
            p.append(mark)
            text = " " + text
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        p.append(run)
        return p


def footnote_ids(docx_path) -> tuple[list[int], dict[int, str]]:
    """(reference ids in body order, {note id: note text}) of a saved DOCX — for tests and checks."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(docx_path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        notes_xml = archive.read("word/footnotes.xml") if "word/footnotes.xml" in names else None
    references = [int(e.get(qn("w:id"))) for e in body.iter(qn("w:footnoteReference"))]
    notes: dict[int, str] = {}
    if notes_xml is not None:
        for note in etree.fromstring(notes_xml).iter(qn("w:footnote")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            notes[int(note.get(qn("w:id")))] = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
    return references, notes

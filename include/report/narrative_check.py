"""Checks the narrative file against the registers: a figure or document reference the data contradicts.

The narrative holds judgement text only, but officials copy figures and document numbers into it. Each
contradiction becomes one warning (logged by the report task): a document cited with another date than
the register's, a province document of the period missing from the register, or a register figure
(plans, legal documents, reviews, feedback, inspections) stated with another value. A register that was
not delivered checks nothing.
"""
from __future__ import annotations

import datetime as dt
import re

from include.report.model import Heading, Paragraph
from include.report.narrative import Narrative
from include.report.registers import KIND_WORDS

_KINDS = "|".join(sorted(set(KIND_WORDS.values()) - {"Văn bản"}, key=len, reverse=True))
DOCUMENT_REFERENCE = re.compile(
    rf"(?P<kind>{_KINDS})\s+(?:số\s+)?(?P<number>\d+/[^\s,;()]+?)[.,]?\s*,?\s*ngày\s+"
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# (label, pattern, register, keys): the pattern's groups are compared with those register figures.
FIGURE_PATTERNS = [
    ("plans", re.compile(rf"(\d+)/(\d+)[{_SUPERSCRIPTS}]*\s+sở ngành và UBND cấp huyện"), "plans",
     ("units_with_plan", "units_required")),
    ("legal documents issued", re.compile(r"ban hành (\d+) văn bản QPPL"), "legal_documents", ("issued_total",)),
    ("resolutions and decisions", re.compile(r"(\d+) nghị quyết và (\d+) quyết định"), "legal_documents",
     ("issued_nghi_quyet", "issued_quyet_dinh")),
    ("legal documents reviewed", re.compile(r"rà soát[^.]*? (\d+) VBQPPL"), "legal_documents", ("reviewed",)),
    ("recommended for handling", re.compile(r"kiến nghị xử lý (\d+) văn bản"), "legal_documents",
     ("recommended_for_handling",)),
    ("feedback received", re.compile(r"tiếp nhận (\d+) phản ánh"), "feedback", ("received",)),
    ("units to inspect", re.compile(rf"kiểm tra (\d+)[{_SUPERSCRIPTS}]*\s+(?:sở|cơ quan)"), "inspections",
     ("units_planned",)),
]


def _slot_texts(narrative: Narrative):
    for key, paragraphs in narrative.footnotes.items():
        for text in paragraphs:
            yield f"[^{key}]", text
    for key, blocks in narrative.slots.items():
        for block in blocks:
            if isinstance(block, Paragraph):
                yield f"## {key}", block.text
            elif isinstance(block, Heading):
                yield f"## {key}", block.text


def narrative_warnings(narrative: Narrative, figures: dict) -> list[str]:
    """Every contradiction between the narrative and the register figures, as readable sentences."""
    registers = figures.get("registers") or {}
    period = figures["period"]
    date_from, date_to = dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
    source = narrative.source or "<narrative>"
    documents = registers.get("documents")
    by_number: dict[str, set[str]] = {}
    for document in documents or []:
        by_number.setdefault(document["so_ky_hieu"], set()).add(document["ngay_ban_hanh"])
    warnings: list[str] = []
    for key, text in _slot_texts(narrative):
        if documents is not None:
            for match in DOCUMENT_REFERENCE.finditer(text):
                number = match["number"].rstrip(".")
                try:
                    day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
                except ValueError:
                    warnings.append(f"{source}, {key}: '{match[0]}' has an impossible date")
                    continue
                known = by_number.get(number)
                if known and day.isoformat() not in known:
                    warnings.append(f"{source}, {key}: '{match[0]}' — the document register dates {number} "
                                    f"{', '.join(sorted(dt.date.fromisoformat(d).strftime('%d/%m/%Y') for d in known))}")
                elif not known and number.endswith("-UBND") and date_from <= day <= date_to:
                    warnings.append(f"{source}, {key}: '{match[0]}' is not among the province's reform documents "
                                    "of the period in the document register")
        for label, pattern, register, keys in FIGURE_PATTERNS:
            values = registers.get(register)
            if values is None:
                continue
            for match in pattern.finditer(text):
                stated = [int(group) for group in match.groups()]
                actual = [values.get(k) for k in keys]
                if None not in actual and stated != actual:
                    warnings.append(f"{source}, {key}: '{match[0].strip()}' states {label} as "
                                    f"{'/'.join(map(str, stated))}, the data gives {'/'.join(map(str, actual))}")
    return warnings

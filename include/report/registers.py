"""Sentences of the report that come from the registers (documents, legal documents, feedback, inspections).

Each register is optional: when its file was not delivered its figures are None and every sentence that
would state them says "chưa có số liệu" instead (never a zero). The province's documents of the period
are cited in the section of their reform area (COUNTING_RULES "Registers").
"""
from __future__ import annotations

import datetime as dt

from include.report import formatting as fmt
from include.report.model import Block, Paragraph, Run, footnote_run

# Kind word of a citation ("Kế hoạch số 07/KH-UBND ngày 17/01/2020"), from the document's `loai`.
KIND_WORDS = {
    "KE_HOACH": "Kế hoạch", "QUYET_DINH": "Quyết định", "NGHI_QUYET": "Nghị quyết", "CHI_THI": "Chỉ thị",
    "CONG_VAN": "Công văn", "THONG_BAO": "Thông báo", "BAO_CAO": "Báo cáo", "KHAC": "Văn bản",
}
# Reform area → how the sentence of its section names it.
AREA_LABELS = {
    "KE_HOACH_CCHC": "kế hoạch CCHC",
    "CHI_DAO": "chỉ đạo, điều hành CCHC",
    "KIEM_TRA": "kiểm tra CCHC",
    "TUYEN_TRUYEN": "tuyên truyền CCHC",
    "THE_CHE": "cải cách thể chế",
    "TTHC": "cải cách thủ tục hành chính",
    "BO_MAY": "tổ chức bộ máy, biên chế",
    "CONG_CHUC": "quản lý cán bộ, công chức, viên chức",
    "TAI_CHINH_CONG": "cải cách tài chính công",
    "HIEN_DAI_HOA": "hiện đại hóa nền hành chính",
}
UNIT_KIND_LABELS = {"SO_NGANH": "sở ngành", "UBND_HUYEN": "UBND cấp huyện"}

# A phrase that every register sentence (stated or "chưa có số liệu") contains, and nothing else does:
# tests find each affected sentence by it.
PLANS_MARKER = "ban hành kế hoạch CCHC năm"
DOCUMENTS_MARKER = "Văn bản UBND tỉnh ban hành trong kỳ về"
LEGAL_ISSUED_MARKER = "văn bản QPPL tỉnh ban hành trong kỳ"
LEGAL_REVIEWED_MARKER = "VBQPPL được rà soát trong kỳ"
FEEDBACK_MARKER = "phản ánh, kiến nghị tiếp nhận trong kỳ"
INSPECTIONS_MARKER = "kế hoạch kiểm tra CCHC năm"
REGISTER_SENTENCE_MARKERS = (PLANS_MARKER, DOCUMENTS_MARKER, LEGAL_ISSUED_MARKER, LEGAL_REVIEWED_MARKER,
                             FEEDBACK_MARKER, INSPECTIONS_MARKER)


def citation(document: dict) -> str:
    """'Kế hoạch số 07/KH-UBND ngày 17/01/2020' (COUNTING_RULES "Registers")."""
    kind = KIND_WORDS.get(document["loai"], "Văn bản")
    return f"{kind} số {document['so_ky_hieu']} ngày {fmt.date(document['ngay_ban_hanh'])}"


def cite(document: dict) -> list[Run]:
    """The reference to a document after the words that name it: a real Word footnote (HTML: a numbered
    note), as the seed report cites its documents."""
    return [footnote_run(f"{citation(document)}.")]


def _register(figures: dict, key: str):
    """One register of report.json; None when its file is absent (or the figures predate the registers)."""
    return (figures.get("registers") or {}).get(key)


def _missing(what: str) -> Paragraph:
    return Paragraph([Run(f"({what}: {fmt.MISSING}.)", italic=True)], kind="missing")


def _to_year(figures: dict) -> int:
    return dt.date.fromisoformat(figures["period"]["to"]).year


def _subject(figures: dict, document: dict) -> str:
    subjects = figures.get("appendix", {}).get("registers", {}).get("document_subjects") or {}
    subject = subjects.get(f"{document['so_ky_hieu']}|{document['ngay_ban_hanh']}")
    kind = KIND_WORDS.get(document["loai"], "Văn bản")
    if not subject:
        return kind
    return f"{kind} {subject[0].lower()}{subject[1:]}"


def plan_blocks(figures: dict) -> list[Block]:
    """I.1: units that issued their reform plan for the year of the period's end."""
    plans = _register(figures, "plans")
    year = _to_year(figures)
    if plans is None:
        return [_missing(f"Số sở ngành và UBND cấp huyện đã {PLANS_MARKER} {year}")]
    by_kind = (figures.get("appendix", {}).get("registers", {}).get("plans_by_loai") or {})
    parts = [f"{fmt.number(row['units_with_plan'], pad2=True)}/{fmt.number(row['units_required'], pad2=True)} "
             f"{UNIT_KIND_LABELS.get(kind, kind)}" for kind, row in by_kind.items()]
    detail = f" (gồm {' và '.join(parts)})" if parts else ""
    return [Paragraph([Run(
        f"Trên cơ sở chỉ đạo của UBND tỉnh, đến nay đã có {fmt.number(plans['units_with_plan'], pad2=True)}/"
        f"{fmt.number(plans['units_required'], pad2=True)} sở ngành và UBND cấp huyện {PLANS_MARKER} {year}"
        f"{detail}.")])]


def document_blocks(figures: dict, area: str) -> list[Block]:
    """The province's documents of the period in one reform area, each cited."""
    documents = _register(figures, "documents")
    label = AREA_LABELS[area]
    if documents is None:
        return [_missing(f"{DOCUMENTS_MARKER} {label}")]
    of_area = [d for d in documents if d["linh_vuc_cchc"] == area]
    if not of_area:
        return []
    runs = [Run(f"{DOCUMENTS_MARKER} {label}: ")]
    for index, document in enumerate(of_area):
        runs.append(Run(_subject(figures, document)))
        runs.extend(cite(document))
        runs.append(Run("; " if index < len(of_area) - 1 else "."))
    return [Paragraph(runs)]


def legal_document_blocks(figures: dict) -> list[Block]:
    """II.1.2: legal documents issued and reviewed in the period."""
    legal = _register(figures, "legal_documents") or {}
    blocks: list[Block] = []
    if legal.get("issued_total") is None:
        blocks.append(_missing(f"Số {LEGAL_ISSUED_MARKER}"))
    else:
        other = legal["issued_total"] - legal["issued_nghi_quyet"] - legal["issued_quyet_dinh"]
        parts = [f"{fmt.number(legal['issued_nghi_quyet'], pad2=True)} nghị quyết",
                 f"{fmt.number(legal['issued_quyet_dinh'], pad2=True)} quyết định"]
        if other:
            parts.append(f"{fmt.number(other, pad2=True)} văn bản khác")
        blocks.append(Paragraph([Run(
            f"Số {LEGAL_ISSUED_MARKER} là {fmt.number(legal['issued_total'], pad2=True)} văn bản, gồm: "
            + ", ".join(parts[:-1]) + " và " + parts[-1] + ".")]))
    if legal.get("reviewed") is None:
        blocks.append(_missing(f"Số {LEGAL_REVIEWED_MARKER}"))
    else:
        blocks.append(Paragraph([Run(
            f"Số {LEGAL_REVIEWED_MARKER} là {fmt.number(legal['reviewed'], pad2=True)} văn bản; kết quả rà soát "
            f"đã kiến nghị xử lý {fmt.number(legal['recommended_for_handling'], pad2=True)} văn bản.")]))
    return blocks


def feedback_blocks(figures: dict) -> list[Block]:
    """II.2.d: citizens' feedback received, answered and published."""
    feedback = _register(figures, "feedback")
    if feedback is None:
        return [_missing(f"Số {FEEDBACK_MARKER}")]
    return [Paragraph([Run(
        f"Số {FEEDBACK_MARKER} trên Hệ thống phản ánh, kiến nghị của Cổng Dịch vụ công Quốc gia là "
        f"{fmt.number(feedback['received'], pad2=True)}; đã trả lời {fmt.number(feedback['answered'], pad2=True)} "
        f"phản ánh, kiến nghị, trong đó {fmt.number(feedback['published'], pad2=True)} nội dung trả lời đã được "
        "đăng tải công khai trên Cổng Dịch vụ công Quốc gia.")])]


def inspection_blocks(figures: dict) -> list[Block]:
    """I.3: the units of the year's inspection plan, named."""
    inspections = _register(figures, "inspections")
    year = _to_year(figures)
    if inspections is None:
        return [_missing(f"Cơ quan, đơn vị được kiểm tra theo {INSPECTIONS_MARKER} {year}")]
    units = figures.get("appendix", {}).get("registers", {}).get("inspection_units") or []
    groups = []
    for kind, label in UNIT_KIND_LABELS.items():
        names = [u["ten_don_vi"] for u in units if u["loai"] == kind]
        if names:
            groups.append(f"{fmt.number(len(names), pad2=True)} {label} ({', '.join(names)})")
    others = [u["ten_don_vi"] for u in units if u["loai"] not in UNIT_KIND_LABELS]
    if others:
        groups.append(f"{fmt.number(len(others), pad2=True)} cơ quan, đơn vị khác ({', '.join(others)})")
    if not inspections["units_planned"]:
        return [Paragraph([Run(f"Theo {INSPECTIONS_MARKER} {year}, chưa có cơ quan, đơn vị nào được đưa vào "
                               "kế hoạch kiểm tra.")])]
    return [Paragraph([Run(
        f"Theo {INSPECTIONS_MARKER} {year}, tỉnh thực hiện kiểm tra "
        f"{fmt.number(inspections['units_planned'], pad2=True)} cơ quan, đơn vị, gồm: " + "; ".join(groups) + ".")])]

"""The editable narrative file of a period (Markdown with YAML front matter).

Format (see narratives/2020-H1.md):

    ---
    ky_bao_cao: 2020-H1                  # must match the rendered period (optional)
    so_hieu: "…/BC-UBND"                 # document number (optional)
    ngay_ky: 2020-06-20                  # signing date (optional; else "ngày … tháng … năm …")
    noi_nhan: ["TT. Tỉnh ủy, TT. HĐND tỉnh;", ...]
    ky_thay_mat: "TM. ỦY BAN NHÂN DÂN"
    chuc_vu_nguoi_ky: "CHỦ TỊCH"
    nguoi_ky: "Trần Văn Chuyện"
    ---
    ## ke_hoach
    Paragraphs separated by a blank line. "- " starts a bullet paragraph,
    "### Heading" a sub-heading inside the section; **bold** and *italic*.
    A footnote: "…Kế hoạch CCHC[^2] …" in the text and, anywhere in the file,
    "[^2]: Kế hoạch số 07/KH-UBND ngày 17/01/2020." (further paragraphs of the
    note indented by four spaces). They become real Word footnotes, numbered by
    Word. Notes whose key is in DATA_FOOTNOTES attach to a sentence the report
    writes from data (e.g. the staffing-quota decisions).

Each "## key" opens one narrative slot (NARRATIVE_SLOTS); a slot that the file
does not fill is rendered as a visible placeholder, never invented text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from include.report.model import Heading, Paragraph, Run, footnote_run

# key → what the official writes there (shown in the placeholder).
NARRATIVE_SLOTS: dict[str, str] = {
    "ke_hoach": "Kế hoạch CCHC đã ban hành trong kỳ",
    "chi_dao_dieu_hanh": "Các văn bản chỉ đạo, điều hành CCHC đã ban hành",
    "kiem_tra": "Công tác kiểm tra CCHC",
    "tuyen_truyen": "Công tác tuyên truyền CCHC",
    "the_che": "Cải cách thể chế (theo dõi thi hành pháp luật, xây dựng và ban hành VBQPPL)",
    "cai_cach_tthc": "Thực hiện cải cách TTHC trên các lĩnh vực quản lý nhà nước",
    "kiem_soat_ban_hanh": "Kiểm soát việc ban hành mới các TTHC",
    "ra_soat_don_gian_hoa": "Rà soát, đơn giản hóa TTHC",
    "cong_bo_cong_khai": "Công bố, công khai TTHC (nội dung bổ sung)",
    "phan_anh_kien_nghi": "Tiếp nhận và xử lý phản ánh, kiến nghị về quy định hành chính",
    "mot_cua": "Triển khai cơ chế một cửa, một cửa liên thông (nội dung bổ sung)",
    "ket_qua_giai_quyet": "Kết quả giải quyết TTHC (nhận xét bổ sung)",
    "chi_thi_13": "Kết quả thực hiện Chỉ thị số 13/CT-TTg",
    "to_chuc_bo_may": "Rà soát vị trí, chức năng, nhiệm vụ, cơ cấu tổ chức",
    "kiem_tra_to_chuc": "Kiểm tra, đánh giá tình hình tổ chức và hoạt động của các cơ quan chuyên môn",
    "phan_cap": "Thực hiện phân cấp quản lý",
    "vi_tri_viec_lam": "Xác định vị trí việc làm và cơ cấu công chức, viên chức",
    "quan_ly_cbccvc": "Thực hiện các quy định về quản lý CBCCVC (tuyển dụng, nâng ngạch, …)",
    "dao_tao": "Công tác đào tạo, bồi dưỡng cán bộ, công chức",
    "doi_moi_quan_ly": "Đổi mới công tác quản lý cán bộ, công chức",
    "doanh_nghiep": "Đổi mới cơ chế, chính sách tài chính đối với doanh nghiệp nhà nước",
    "co_quan_nha_nuoc": "Cơ chế tự chủ đối với các cơ quan nhà nước",
    "don_vi_su_nghiep": "Đơn vị sự nghiệp công lập (nội dung bổ sung)",
    "khoa_hoc_cong_nghe": "Tổ chức khoa học và công nghệ công lập",
    "xa_hoi_hoa": "Đẩy mạnh xã hội hóa",
    "ung_dung_cntt": "Ứng dụng CNTT trong hoạt động của cơ quan hành chính nhà nước",
    "iso": "Áp dụng ISO trong hoạt động của cơ quan hành chính",
    "danh_gia_chung": "Đánh giá chung: ưu điểm, khó khăn, hạn chế",
    "nhiem_vu": "Phương hướng, nhiệm vụ CCHC kỳ tới",
}
FRONT_MATTER_KEYS = {"ky_bao_cao", "so_hieu", "ngay_ky", "noi_nhan", "ky_thay_mat", "chuc_vu_nguoi_ky",
                     "nguoi_ky", "tieu_de_nhiem_vu"}
# Footnotes the report's data sentences reference when the narrative defines them.
DATA_FOOTNOTES = {
    "bien_che_dvsn": "quyết định giao số người làm việc trong đơn vị sự nghiệp công lập",
    "bien_che_hoi": "quyết định giao chỉ tiêu cho các Hội có tính chất đặc thù",
}
FOOTNOTE_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:\s*(?P<text>.*)$")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<key>[^\]\s]+)\]")
_SLOT_HEADING = re.compile(r"^##\s+(?P<key>\S+)\s*$")
_INLINE = re.compile(r"(\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*]+?)\*)")


class NarrativeError(ValueError):
    """The narrative file is malformed; the message names file and line."""


@dataclass
class Narrative:
    source: Path | None = None
    front: dict = field(default_factory=dict)
    slots: dict[str, list[Paragraph | Heading]] = field(default_factory=dict)
    footnotes: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str) -> list[Run]:
        """The footnote reference a data sentence carries, if the narrative defines that note."""
        if key not in DATA_FOOTNOTES:
            raise KeyError(key)
        return [footnote_run(*self.footnotes[key])] if key in self.footnotes else []

    def blocks(self, key: str) -> list[Paragraph | Heading]:
        """The slot's blocks, or a visible placeholder when the file does not fill it."""
        if key not in NARRATIVE_SLOTS:
            raise KeyError(key)
        content = self.slots.get(key)
        if content:
            return content
        return [placeholder(NARRATIVE_SLOTS[key])]


def placeholder(what: str) -> Paragraph:
    return Paragraph([Run(f"[Phần nội dung do cơ quan soạn thảo bổ sung: {what}.]", italic=True)],
                     kind="placeholder")


def _styled_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position:match.start()]))
        if match["bold"] is not None:
            runs.append(Run(match["bold"], bold=True))
        else:
            runs.append(Run(match["italic"], italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs


def inline_runs(text: str, footnotes: dict[str, list[str]] | None = None, where: str = "") -> list[Run]:
    """Runs of one paragraph: **bold**, *italic*, and [^key] footnote references (resolved in `footnotes`)."""
    runs: list[Run] = []
    position = 0
    for match in _FOOTNOTE_REFERENCE.finditer(text):
        runs.extend(_styled_runs(text[position:match.start()]))
        key = match["key"]
        if footnotes is None or key not in footnotes:
            raise NarrativeError(f"{where}: footnote [^{key}] is referenced but never defined "
                                 f"(add a line '[^{key}]: …')")
        runs.append(footnote_run(*footnotes[key]))
        position = match.end()
    runs.extend(_styled_runs(text[position:]))
    return runs


def _extract_footnotes(lines: list[tuple[int, str]], name: str) -> tuple[dict[str, list[str]], set[int]]:
    """Footnote definitions ('[^key]: text', continuation paragraphs indented) and the line numbers they use."""
    notes: dict[str, list[str]] = {}
    used: set[int] = set()
    current: str | None = None
    blank_before = False
    for line_no, line in lines:
        definition = _FOOTNOTE_DEFINITION.match(line)
        if definition:
            current = definition["key"]
            if current in notes:
                raise NarrativeError(f"{name}, line {line_no}: footnote [^{current}] is defined twice")
            notes[current] = [definition["text"].strip()]
            used.add(line_no)
            blank_before = False
        elif current is not None and not line.strip():
            blank_before = True
        elif current is not None and (line.startswith("    ") or line.startswith("\t")):
            if blank_before:
                notes[current].append(line.strip())
            else:
                notes[current][-1] += " " + line.strip()
            used.add(line_no)
            blank_before = False
        elif current is not None and not blank_before and not _SLOT_HEADING.match(line):
            notes[current][-1] += " " + line.strip()  # a lazy continuation line of the note
            used.add(line_no)
        else:
            current = None
    for key, paragraphs in notes.items():
        if not any(paragraphs):
            raise NarrativeError(f"{name}: footnote [^{key}] has no text")
    return notes, used


def _blocks_of(lines: list[tuple[int, str]], footnotes: dict[str, list[str]], name: str
               ) -> list[Paragraph | Heading]:
    blocks: list[Paragraph | Heading] = []
    buffer: list[str] = []
    first_line = 0
    kind = "body"

    def flush() -> None:
        nonlocal buffer, kind
        if buffer:
            text = " ".join(buffer)
            if text[0] in FOOTNOTE_MARKS:
                raise NarrativeError(f"{name}, line {first_line}: a footnote is written '[^n]: text' "
                                     f"(and referenced as '[^n]'), not with a superscript mark")
            blocks.append(Paragraph(inline_runs(text, footnotes, f"{name}, line {first_line}"), kind=kind))
        buffer, kind = [], "body"

    for line_no, line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("### "):
            flush()
            blocks.append(Heading(5, stripped[4:].strip()))
        elif stripped.startswith("- "):
            flush()
            buffer, kind, first_line = [stripped], "bullet", line_no
        else:
            if not buffer:
                first_line = line_no
            buffer.append(stripped)
    flush()
    return blocks


def parse_narrative(text: str, source: Path | None = None) -> Narrative:
    name = str(source) if source else "<narrative>"
    lines = text.lstrip("\ufeff").splitlines()
    front: dict = {}
    start = 0
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            raise NarrativeError(f"{name}, line 1: front matter opened with '---' is never closed") from None
        try:
            front = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as exc:
            raise NarrativeError(f"{name}: front matter is not valid YAML: {exc}") from exc
        if not isinstance(front, dict):
            raise NarrativeError(f"{name}, line 2: front matter must be 'key: value' lines")
        unknown = sorted(set(front) - FRONT_MATTER_KEYS)
        if unknown:
            raise NarrativeError(f"{name}: unknown front-matter key(s) {unknown}; known: {sorted(FRONT_MATTER_KEYS)}")
        start = end + 1

    numbered = [(index + 1, lines[index]) for index in range(start, len(lines))]
    footnotes, footnote_lines = _extract_footnotes(numbered, name)
    slots: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    for line_no, line in numbered:
        if line_no in footnote_lines:
            continue
        heading = _SLOT_HEADING.match(line)
        if heading:
            key = heading["key"]
            if key not in NARRATIVE_SLOTS:
                raise NarrativeError(f"{name}, line {line_no}: unknown section '## {key}'; "
                                     f"known sections: {', '.join(NARRATIVE_SLOTS)}")
            if key in slots:
                raise NarrativeError(f"{name}, line {line_no}: section '## {key}' appears twice")
            current = key
            slots[key] = []
        elif line.startswith("# ") or line.startswith("## "):
            raise NarrativeError(f"{name}, line {line_no}: only '## <section key>' and '### sub-heading' "
                                 f"headings are allowed, found {line.strip()!r}")
        elif current is None:
            if line.strip():
                raise NarrativeError(f"{name}, line {line_no}: text before the first '## <section key>'")
        else:
            slots[current].append((line_no, line))
    blocks = {key: _blocks_of(body, footnotes, name) for key, body in slots.items()}
    return Narrative(source=source, front=front, slots={key: value for key, value in blocks.items() if value},
                     footnotes=footnotes)


def load_narrative(path: Path | None, period_code: str) -> Narrative:
    if path is None:
        return Narrative()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise NarrativeError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    narrative = parse_narrative(text, path)
    declared = narrative.front.get("ky_bao_cao")
    if declared is not None and str(declared) != period_code:
        raise NarrativeError(f"{path}: written for period {declared!r} (ky_bao_cao), not for {period_code!r}")
    signing = narrative.front.get("ngay_ky")
    if signing is not None and not isinstance(signing, dt.date):
        raise NarrativeError(f"{path}: ngay_ky={signing!r} must be a date YYYY-MM-DD")
    return narrative

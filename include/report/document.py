"""The report's content, in the seed report's order, as renderer-neutral blocks.

Data sentences are written like the seed's; narrative slots come from the
period's narrative file or show a placeholder. A sentence whose source is
missing for the period says so ("chưa có số liệu") instead of printing numbers.
"""
from __future__ import annotations

import datetime as dt

from include.report import formatting as fmt
from include.report.charts import Chart, late_units_chart, monthly_chart, par_distribution_chart
from include.report.figures import BIEU06_KEYS, PAR_BANDS, PAR_GROUPS
from include.report.model import Block, Cell, Heading, Image, Meta, Paragraph, Run, SectionBreak, Table
from include.report.narrative import Narrative
from include.report.periods import QUARTER_ROMAN, parse_period_code
from include.report.registers import (
    document_blocks, feedback_blocks, inspection_blocks, legal_document_blocks, plan_blocks,
)

LEVEL_LABELS = {"TINH": "Cấp tỉnh", "HUYEN": "Cấp huyện", "XA": "Cấp xã", None: "Đơn vị chưa xác định cấp"}
BAND_ROWS = {
    "RAT_TOT": ("Chỉ số CCHC trên 90%", "Rất tốt"),
    "TOT": ("Chỉ số CCHC từ 80% đến 90%", "Tốt"),
    "KHA": ("Chỉ số CCHC từ 65% đến dưới 80%", "Khá"),
    "TRUNG_BINH": ("Chỉ số CCHC từ 50% đến dưới 65%", "Trung bình"),
    "KEM": ("Chỉ số CCHC dưới 50%", "Kém"),
}
GROUP_LABELS = {
    "SO_NGANH": "Sở ngành",
    "UBND_HUYEN": "UBND cấp huyện",
    "DVSN": "Đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
    "CQ_TRUNG_UONG": "Cơ quan trung ương đóng trên địa bàn tỉnh",
}
DEFAULT_RECIPIENTS = [
    "- TT. Tỉnh ủy, TT. HĐND tỉnh;",
    "- CT, các PCT UBND tỉnh;",
    "- Vụ Cải cách hành chính (Bộ Nội vụ);",
    "- Sở Nội vụ;",
    "- Lưu: VT, TH.",
]


LATE_UNITS_IN_TEXT = 10
BIEU06_COLUMN_LABELS = ("Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước",
                        "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
                        "Tổng số", "Trong hạn", "Quá hạn")
ROMAN_LEVELS = ["I", "II", "III", "IV", "V"]
# Headline dossier figures compared with earlier periods: (key, label, is_rate).
COMPARED = (
    ("received_total", "Tổng số hồ sơ nhận giải quyết", False),
    ("received_new", "Hồ sơ mới tiếp nhận", False),
    ("received_online", "Hồ sơ nộp trực tuyến", False),
    ("resolved_total", "Hồ sơ đã giải quyết", False),
    ("resolved_on_time", "Giải quyết đúng hạn", False),
    ("resolved_late", "Giải quyết quá hạn", False),
    ("pending_total", "Hồ sơ đang giải quyết", False),
    ("pending_overdue", "Đang giải quyết quá hạn", False),
    ("on_time_rate", "Tỷ lệ giải quyết đúng hạn (%)", True),
    ("online_rate", "Tỷ lệ hồ sơ trực tuyến (%)", True),
)


def p(*parts: str | Run | list[Run], kind: str = "body") -> Paragraph:
    runs: list[Run] = []
    for part in parts:
        if isinstance(part, list):
            runs.extend(part)
        else:
            runs.append(part if isinstance(part, Run) else Run(part))
    return Paragraph(runs, kind=kind)


class ChartNumbers:
    """Charts are numbered in the order the text refers to them ("Biểu đồ 1", …)."""

    def __init__(self):
        self.count = 0

    def image(self, chart: Chart, title: str) -> tuple[str, Image]:
        self.count += 1
        label = f"Biểu đồ {self.count}"
        return label, Image(chart.png, f"{label}. {title}", svg=chart.svg)


def missing(what: str) -> Paragraph:
    return Paragraph([Run(f"({what}: {fmt.MISSING}.)", italic=True)], kind="missing")


# --------------------------------------------------------------------------- front matter
UNIT_RECIPIENTS = ["- UBND tỉnh (để báo cáo);", "- Sở Nội vụ (để tổng hợp);", "- Lưu: VT."]


def build_meta(figures: dict, narrative: Narrative) -> Meta:
    """Header and closing: the province's People's Committee, or for a unit report the unit itself."""
    front = narrative.front
    province = figures["province"]["ten_tinh"] or ""
    period = figures["period"]
    year = dt.date.fromisoformat(period["to"]).year
    signing: dt.date | None = front.get("ngay_ky")
    place = province
    if figures["scope"]["kind"] == "UNIT" and figures["scope"].get("loai") == "UBND_HUYEN":
        name = figures["scope"]["ten_don_vi"] or ""  # a district signs at its own seat: "Kế Sách, ngày …"
        for prefix in ("UBND ", "huyện ", "thị xã ", "thành phố "):
            name = name.removeprefix(prefix)
        place = name or province
    if signing:
        place_date = f"{place}, ngày {signing.day:02d} tháng {signing.month:02d} năm {signing.year}"
        signing_date = f"ngày {signing:%d/%m/%Y}"
    else:
        place_date = f"{place}, ngày      tháng      năm {year}"
        signing_date = f"ngày …/…/{year}"
    subject = f"Tình hình thực hiện công tác cải cách hành chính {period['label']}"
    if figures["scope"]["kind"] == "UNIT":
        parent, body, short, capacity, title = _unit_issuer(figures)
        subject += f" của {short}"
        number, recipients = "…/BC-UBND" if capacity else "…/BC-…", UNIT_RECIPIENTS
    else:
        parent, body, short = "ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}", f"UBND tỉnh {province}"
        capacity, title, number, recipients = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "…/BC-UBND", DEFAULT_RECIPIENTS
    recipients = front.get("noi_nhan") or recipients
    return Meta(
        issuing_body_parent=parent,
        issuing_body=body,
        number=f"Số: {front.get('so_hieu') or number}",
        place_date=place_date,
        title="BÁO CÁO",
        subject=subject,
        recipients=[str(r) if str(r).startswith("-") else f"- {r}" for r in recipients],
        signing_capacity=front.get("ky_thay_mat", capacity),
        signer_title=front.get("chuc_vu_nguoi_ky") or title,
        signer_name=front.get("nguoi_ky") or "[Họ và tên người ký]",
        issuer_short=short,
        signing_date=signing_date,
    )


# --------------------------------------------------------------------------- data paragraphs
def par_index_blocks(figures: dict, charts: ChartNumbers) -> list[Block]:
    par = figures["par_index"]
    year = par["year"]
    if year is None or par["ranked"] is None:
        return [missing("Kết quả Chỉ số CCHC của các cơ quan, đơn vị")]
    chart_label, chart = charts.image(
        par_distribution_chart(figures["appendix"]["par_distribution"]),
        f"Phân bố Chỉ số CCHC năm {year} của các cơ quan, đơn vị được xếp hạng")
    blocks: list[Block] = [p(
        f"Kết quả xếp hạng Chỉ số CCHC năm {year} của các sở ngành, UBND cấp huyện, đơn vị sự nghiệp công lập "
        "trực thuộc UBND tỉnh, cơ quan Trung ương đóng trên địa bàn tỉnh như sau (phân bố chỉ số tại "
        f"{chart_label}):")]
    header = [[Cell("STT", bold=True), Cell(f"Xếp hạng Chỉ số CCHC năm {year}", colspan=2, bold=True),
               *[Cell(GROUP_LABELS[group], bold=True) for group in PAR_GROUPS], Cell("Tổng cộng", bold=True)]]
    rows = []
    for number, band in enumerate(PAR_BANDS, start=1):
        description, label = BAND_ROWS[band]
        rows.append([Cell(str(number)), Cell(description, align="left"), Cell(label, align="left"),
                     *[Cell(fmt.number(par["table"][band][group])) for group in PAR_GROUPS],
                     Cell(fmt.number(par["table"][band]["TOTAL"]), bold=True)])
    rows.append([Cell("TỔNG CỘNG", colspan=3, bold=True),
                 *[Cell(fmt.number(par["table"]["TOTAL"][group]), bold=True) for group in PAR_GROUPS],
                 Cell(fmt.number(par["table"]["TOTAL"]["TOTAL"]), bold=True)])
    blocks.append(Table(header, rows, [12, 42, 20, 17, 17, 20, 22, 15], font_size=11))
    if par["unranked"]:
        names = par.get("unranked_names") or []
        listed = f" ({'; '.join(names)})" if names else ""
        blocks.append(p(
            f"Có {fmt.number(par['unranked'], pad2=True)} cơ quan, đơn vị{listed} được đánh giá nhưng không xếp "
            f"hạng Chỉ số CCHC năm {year}, kết quả chỉ phục vụ việc theo dõi, đánh giá kết quả thực hiện nhiệm vụ "
            "được giao."))
    blocks.append(chart)
    return blocks


def sipas_blocks(figures: dict) -> list[Block]:
    """The province's own survey (SIPAS of its units): one satisfaction figure, named by its source."""
    sipas = figures["sipas"]
    year = sipas["year"]
    if year is None or sipas["units_surveyed"] is None:
        return [missing("Kết quả khảo sát sự hài lòng (SIPAS) tại các cơ quan, đơn vị của tỉnh")]
    text = (f"Theo kết quả khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của các cơ quan, đơn vị "
            f"do tỉnh tổ chức năm {year}: trong tổng số {fmt.number(sipas['units_surveyed'])} đơn vị được khảo sát, "
            f"có {fmt.number(sipas['units_ge_80'])}/{fmt.number(sipas['units_surveyed'])} đơn vị đạt tỷ lệ "
            "hài lòng từ 80% trở lên")
    if sipas["units_100"]:
        names = sipas["units_100_names"]
        listed = (", ".join(names[:-1]) + " và " + names[-1]) if len(names) > 1 else "".join(names)
        text += (f", trong đó có {fmt.number(sipas['units_100'], pad2=True)} đơn vị đạt tỷ lệ 100%"
                 + (f" gồm {listed}" if listed else ""))
    text += "."
    if sipas["rate"] is not None:
        text += (f" Tính chung trên tất cả phiếu khảo sát của tỉnh, tỷ lệ người được khảo sát hài lòng đạt "
                 f"{fmt.percent(sipas['rate'])}.")
    return [p(text)]


def province_rank_blocks(figures: dict) -> list[Block]:
    """The Ministry of Home Affairs' published indices of the province (a different source from the survey)."""
    par = figures["par_index"]
    province = par["province"]
    year = par["year"]
    name = figures["province"]["ten_tinh"]
    if year is None or province["par_index"] is None:
        return [missing("Chỉ số CCHC cấp tỉnh do Bộ Nội vụ công bố")]
    text = (f"Đối với Chỉ số CCHC cấp tỉnh năm {year}, theo công bố của Bộ Nội vụ, Chỉ số CCHC (PAR INDEX) tỉnh "
            f"{name} năm {year} đạt {fmt.percent(province['par_index'])}, đứng vị trí "
            f"{fmt.number(province['xep_hang'])}/{fmt.number(province['so_tinh'])} tỉnh, thành "
            f"({fmt.rank_change(province['rank_change'], year - 1)}).")
    if province["sipas"] is not None:
        text += (f" Chỉ số SIPAS năm {year} của tỉnh do Bộ Nội vụ công bố đạt "
                 f"{fmt.percent(province['sipas'])}, {fmt.percent_change(province['sipas_change'], year - 1)}.")
    else:
        text += f" Chỉ số SIPAS năm {year} của tỉnh do Bộ Nội vụ công bố: {fmt.MISSING}."
    return [p(text)]


def publication_blocks(figures: dict) -> list[Block]:
    proc = figures["procedures"]
    if proc["decisions_published"] is None:
        return [missing("Quyết định công bố TTHC trong kỳ")]
    return [p(
        "Trên cơ sở các Quyết định công bố TTHC được chuẩn hóa của các bộ, ngành trung ương, UBND tỉnh ban hành "
        f"{fmt.number(proc['decisions_published'], pad2=True)} Quyết định công bố đối với "
        f"{fmt.number(proc['procedures_published'])} TTHC, trong đó: quy định mới "
        f"{fmt.number(proc['published_new'], pad2=True)} thủ tục, sửa đổi, bổ sung "
        f"{fmt.number(proc['published_amended'], pad2=True)} thủ tục, bãi bỏ "
        f"{fmt.number(proc['published_abolished'], pad2=True)} thủ tục.")]


def catalogue_blocks(figures: dict) -> list[Block]:
    proc = figures["procedures"]
    province = figures["province"]["ten_tinh"]
    if proc["snapshot_date"] is None or proc["in_force_total"] is None:
        return [missing("Danh mục TTHC còn hiệu lực")]
    levels = proc["in_force_by_level"]
    return [p(
        f"Tổng số TTHC trên địa bàn tỉnh {province} đã được công bố, công khai còn hiệu lực thi hành tính đến ngày "
        f"{fmt.date(proc['snapshot_date'])} là {fmt.number(proc['in_force_total'])} thủ tục, trong đó: thuộc "
        f"thẩm quyền giải quyết của các sở, ban, ngành tỉnh {fmt.number(levels['TINH'])} thủ tục; áp dụng tại "
        f"cấp huyện {fmt.number(levels['HUYEN'])} thủ tục và áp dụng tại cấp xã {fmt.number(levels['XA'])} thủ tục.")]


def one_stop_blocks(figures: dict) -> list[Block]:
    proc = figures["procedures"]
    if proc["snapshot_date"] is None or proc["one_stop"] is None:
        return [missing("Số TTHC giải quyết theo cơ chế một cửa, một cửa liên thông")]
    lien = proc["lien_thong"]
    return [p(
        f"Có {fmt.number(proc['one_stop'])}/{fmt.number(proc['in_force_total'])} TTHC thuộc thẩm quyền giải quyết "
        "của các đơn vị được giải quyết theo cơ chế một cửa. Trong tỉnh có "
        f"{fmt.number(proc['lien_thong_total'], pad2=True)} TTHC được giải quyết theo cơ chế một cửa liên thông; "
        f"trong đó có {fmt.number(lien['CUNG_CAP'], pad2=True)} TTHC được giải quyết theo hình thức liên thông "
        f"cùng cấp, {fmt.number(lien['GIUA_CAC_CAP'], pad2=True)} TTHC được giải quyết theo hình thức liên thông "
        f"giữa các cấp chính quyền và {fmt.number(lien['NHOM'], pad2=True)} nhóm TTHC liên thông.")]


def dossier_blocks(figures: dict, charts: ChartNumbers) -> list[Block]:
    d = figures["dossiers"]
    whose = _whose(figures)
    monthly_label, monthly = charts.image(
        monthly_chart(figures["appendix"]["monthly"]),
        f"Số hồ sơ mới tiếp nhận và đã giải quyết theo tháng ({period_span(figures['period'])})")
    blocks: list[Block] = [p(
        f"{whose} đã tiếp nhận {fmt.number(d['received_total'])} hồ sơ TTHC (bao gồm cả hồ sơ giải quyết theo "
        "cơ chế một cửa, một cửa liên thông; theo dịch vụ công trực tuyến), trong đó: có "
        f"{fmt.number(d['received_new'])} hồ sơ mới tiếp nhận; {fmt.number(d['carried_over'])} hồ sơ từ kỳ trước "
        f"chuyển qua. Có {fmt.number(d['resolved_total'])} hồ sơ đã giải quyết (trong đó: "
        f"{fmt.number(d['resolved_on_time'])} hồ sơ giải quyết đúng hạn; {fmt.number(d['resolved_late'])} hồ sơ "
        f"giải quyết quá hạn); {fmt.number(d['pending_total'])} hồ sơ đang giải quyết (trong đó: "
        f"{fmt.number(d['pending_in_time'])} hồ sơ chưa đến hạn, {fmt.number(d['pending_overdue'])} hồ sơ đang "
        "giải quyết quá hạn).")]
    rate = (f"tỷ lệ giải quyết đúng hạn đạt {fmt.percent(d['on_time_rate'])}" if d["on_time_rate"] is not None
            else "chưa có hồ sơ đã giải quyết để tính tỷ lệ đúng hạn")
    online = (f" (tỷ lệ hồ sơ trực tuyến đạt {fmt.percent(d['online_rate'])})" if d.get("online_rate") is not None
              else "")
    blocks.append(p(
        f"Trong số hồ sơ mới tiếp nhận có {fmt.number(d['received_online'])} hồ sơ nộp trực tuyến{online} và "
        f"{fmt.number(d['received_direct_postal'])} hồ sơ nộp trực tiếp hoặc qua dịch vụ bưu chính công ích; "
        f"{rate}. Số hồ sơ đã giải quyết gồm {fmt.number(d['resolved_early'])} hồ sơ giải quyết trước hạn, "
        f"{fmt.number(d['resolved_on_due'])} hồ sơ đúng hạn (kể cả {fmt.number(d['withdrawn'])} hồ sơ rút hoặc "
        f"dừng xử lý); trong số hồ sơ đang giải quyết có {fmt.number(d['pending_waiting'])} hồ sơ chờ bổ sung "
        f"giấy tờ. Diễn biến theo tháng tại {monthly_label}."))
    parts = []
    for level in ("TINH", "HUYEN", "XA"):
        row = d["by_level"][level]
        if figures["scope"]["kind"] == "UNIT" and not row["received_total"] and not row["resolved_total"]:
            continue
        level_online = (f", tỷ lệ hồ sơ trực tuyến {fmt.percent(row['online_rate'])}"
                        if row.get("online_rate") is not None else "")
        parts.append(f"{LEVEL_LABELS[level].lower()} tiếp nhận {fmt.number(row['received_total'])} hồ sơ, đã giải "
                     f"quyết {fmt.number(row['resolved_total'])} hồ sơ{level_online}")
    if parts:
        blocks.append(p("Theo cấp: " + "; ".join(parts) + " (chi tiết tại Phụ lục kèm theo)."))
    blocks.append(monthly)
    blocks += comparison_blocks(figures)
    blocks += late_unit_blocks(figures, charts)
    return blocks


def quota_blocks(figures: dict, narrative: Narrative) -> list[Block]:
    q = figures["staff"]["quotas"]
    year = figures["staff"]["quotas_year"]
    if q["HCNN"]["BIEN_CHE_CONG_CHUC"] is None:
        return [missing(f"Chỉ tiêu biên chế năm {year}")]
    return [p(
        f"Năm {year}, tỉnh đã giao {fmt.number(q['HCNN']['BIEN_CHE_CONG_CHUC'])} biên chế công chức và "
        f"{fmt.number(q['HCNN']['HOP_DONG_68'])} chỉ tiêu hợp đồng lao động theo Nghị định số 68/2000/NĐ-CP của "
        "Chính phủ (hợp đồng 68) cho các cơ quan hành chính nhà nước (HCNN) thuộc HĐND, UBND cấp tỉnh, cấp huyện; "
        f"phân bổ {fmt.number(q['DVSN']['SO_NGUOI_LAM_VIEC'])} số người làm việc và "
        f"{fmt.number(q['DVSN']['HOP_DONG_68'])} chỉ tiêu hợp đồng 68 trong các đơn vị sự nghiệp công lập thuộc "
        "UBND cấp tỉnh, sở ngành tỉnh, UBND cấp huyện", narrative.note("bien_che_dvsn"),
        f"; giao {fmt.number(q['HOI']['SO_NGUOI_LAM_VIEC'])} chỉ tiêu người làm việc và "
        f"{fmt.number(q['HOI']['HOP_DONG_68'])} hợp đồng 68 đối với các Hội có tính chất đặc thù trên địa bàn tỉnh",
        narrative.note("bien_che_hoi"), ".")]


def commune_staff_blocks(figures: dict) -> list[Block]:
    s = figures["staff"]
    if s["snapshot_date"] is None or s["commune_total"] is None:
        return [missing("Số liệu cán bộ, công chức cấp xã")]
    return [p(
        f"Tính đến ngày {fmt.date(s['snapshot_date'])}, toàn tỉnh có {fmt.number(s['commune_total'])} cán bộ, "
        "công chức cấp xã. Trong đó, số lượng cán bộ đạt chuẩn theo quy định là "
        f"{fmt.number(s['commune_can_bo_dat_chuan'])}/{fmt.number(s['commune_can_bo'])} người, tỉ lệ đạt "
        f"{fmt.percent(s['commune_can_bo_rate'])}; số lượng công chức đạt chuẩn theo quy định là "
        f"{fmt.number(s['commune_cong_chuc_dat_chuan'])}/{fmt.number(s['commune_cong_chuc'])} người, tỉ lệ đạt "
        f"{fmt.percent(s['commune_cong_chuc_rate'])}.")]


def appointment_blocks(figures: dict) -> list[Block]:
    """Each count is printed only when the personnel source states it; else 'chưa có số liệu' (never 0)."""
    e = figures["staff"]["events"]
    blocks: list[Block] = []
    appointed = [(e["BO_NHIEM_MOI"], "bổ nhiệm mới"), (e["BO_NHIEM_LAI"], "bổ nhiệm lại"),
                 (e["KEO_DAI_CHUC_VU"], "kéo dài thời gian giữ chức vụ đến nghỉ hưu")]
    stated = [_counted(value, what) for value, what in appointed if value is not None]
    unknown = [what for value, what in appointed if value is None]
    text = "Về công tác bổ nhiệm, bổ nhiệm lại đối với lãnh đạo Sở ngành và tương đương: "
    if stated:
        text += "Chủ tịch UBND tỉnh đã ra Quyết định " + ", ".join(stated)
    if unknown:
        text += ("; " if stated else "") + f"số trường hợp {', '.join(unknown)}: {fmt.MISSING}"
    blocks.append(p(text + "."))

    clauses = []
    for value, stated, none in ((e["TUYEN_DUNG"], "tỉnh tuyển dụng {} trường hợp", "không có trường hợp tuyển dụng"),
                                (e["NGHI_HUU"], "{} trường hợp nghỉ hưu", "không có trường hợp nghỉ hưu")):
        if value is not None:  # 0 only when the personnel source records this kind: it says "none"
            clauses.append(stated.format(fmt.number(value, pad2=True)) if value else none)
    unknown = [what for value, what in ((e["TUYEN_DUNG"], "tuyển dụng"), (e["NGHI_HUU"], "nghỉ hưu"))
               if value is None]
    if unknown:
        clauses.append(f"số trường hợp {' và '.join(unknown)}: {fmt.MISSING}")
    streamlining = ("tiếp tục triển khai thực hiện Đề án tinh giản biên chế trên toàn tỉnh, thực hiện tinh giản "
                    f"biên chế đối với {fmt.number(e['TINH_GIAN'], pad2=True)} trường hợp"
                    if e["TINH_GIAN"] is not None else
                    f"tiếp tục triển khai thực hiện Đề án tinh giản biên chế trên toàn tỉnh (số trường hợp tinh "
                    f"giản biên chế: {fmt.MISSING})")
    blocks.append(p("Trong kỳ báo cáo, " + "; ".join([*clauses, streamlining]) + "."))
    return blocks


def public_unit_blocks(figures: dict) -> list[Block]:
    units = figures["public_units"]
    sentences = []
    for level, label in (("TINH", "cấp tỉnh"), ("HUYEN", "cấp huyện"), ("XA", "cấp xã")):
        row = units.get(level)
        if row is None or (level == "XA" and not row["total"]):
            continue
        if not row["total"]:
            sentences.append(f"{label} không có đơn vị sự nghiệp công lập")
            continue
        sentences.append(f"{label} có {fmt.number(row['tu_chu'])}/{fmt.number(row['total'])} đơn vị được giao "
                         f"quyền tự chủ, đạt {fmt.percent(row['rate'])}")
    text = "; ".join(sentences)
    return [p(f"Đến nay, {text}.")] if text else [missing("Đơn vị sự nghiệp công lập được giao quyền tự chủ")]


def online_level_blocks(figures: dict) -> list[Block]:
    proc = figures["procedures"]
    if proc["snapshot_date"] is None or proc["online_level_3"] is None:
        return [missing("Mức độ dịch vụ công trực tuyến")]
    return [p(
        f"{fmt.number(proc['online_level_2_or_more'])}/{fmt.number(proc['in_force_total'])} TTHC của tỉnh được "
        "cung cấp dịch vụ công trực tuyến tối thiểu ở mức độ 2, "
        f"{fmt.number(proc['online_level_3'])} TTHC ở mức độ 3 và {fmt.number(proc['online_level_4'])} TTHC ở mức "
        "độ 4.")]


# --------------------------------------------------------------------------- appendix
def bieu06_table(figures: dict) -> Table:
    rows = []
    for row in bieu06_rows(figures):
        bold = row["level_total"] or row["total"]
        rows.append([Cell(row["stt"], bold=bold), Cell(row["label"], align="left", bold=bold),
                     *[Cell(fmt.number(value), align="right", bold=bold) for value in row["values"]]])
    return Table(bieu06_header(), rows, [10, 60] + [17] * 11, font_size=9)


def appendix_blocks(figures: dict, meta: Meta) -> list[Block]:
    period = figures["period"]
    unknown_level = any(row["cap"] is None for row in figures["appendix"]["bieu06"])
    unit_note = (" Hồ sơ của đơn vị chưa có trong danh mục đơn vị được tính vào tổng cộng nhưng không thuộc cấp "
                 "nào." if unknown_level else "")
    blocks: list[Block] = [
        SectionBreak(landscape=True),
        p(Run("PHỤ LỤC", bold=True), kind="center"),
        p(Run(attached_to(meta), italic=True), kind="center"),
        p(Run("Biểu 06/VPCP/KSTT — TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", bold=True), kind="center"),
        p(Run(f"Kỳ báo cáo: {period['label']} ({period_span(period)})", italic=True), kind="center"),
        # Above the table, as on the official form: a note after it could end up alone on a page.
        p(Run(f"Đơn vị tính: hồ sơ.{unit_note}", italic=True), kind="unit"),
        bieu06_table(figures),
    ]
    units = figures.get("late_units") or []
    if len(units) > LATE_UNITS_IN_TEXT:
        blocks += [
            p(Run("ĐƠN VỊ CÓ HỒ SƠ GIẢI QUYẾT QUÁ HẠN, ĐANG GIẢI QUYẾT QUÁ HẠN", bold=True), kind="center"),
            p(Run("Đơn vị tính: hồ sơ.", italic=True), kind="unit"),
            late_units_table(units, font_size=9),
        ]
    return blocks


def _whose(figures: dict) -> str:
    scope = figures["scope"]
    return "Toàn tỉnh" if scope["kind"] == "PROVINCE" else (scope["ten_don_vi"] or scope["ma_don_vi"])


def _change(current, earlier, is_rate: bool) -> str:
    if current is None or earlier is None:
        return fmt.MISSING
    if is_rate:
        return fmt.points_change(float(current) - float(earlier))
    return fmt.count_change(current - earlier, "hồ sơ")


def _value(value, is_rate: bool) -> str:
    return fmt.percent(value) if is_rate else fmt.number(value)


def comparison_blocks(figures: dict) -> list[Block]:
    """This period against the previous one and the same period a year earlier (COUNTING_RULES 'Comparisons')."""
    d = figures["dossiers"]
    comparison = figures.get("comparison") or {}
    compared = [(name, comparison.get(name)) for name in ("previous", "year_ago")]
    if compared[0][1] and compared[1][1] and compared[0][1]["period"]["code"] == compared[1][1]["period"]["code"]:
        compared = compared[:1]  # a year's previous period is also the same period a year earlier
    blocks: list[Block] = []
    sentences = []
    columns = []
    for name, other in compared:
        if other is None:
            code = _comparison_code(figures, name)
            sentences.append(f"không có số liệu của {_period_label(code)} để so sánh (dữ liệu hồ sơ chưa bao "
                             "phủ kỳ này)")
            continue
        label = other["period"].get("label") or _period_label(other["period"]["code"])
        o = other["dossiers"]
        sentences.append(
            f"so với {label}, số hồ sơ mới tiếp nhận {_change(d['received_new'], o['received_new'], False)}, "
            f"số hồ sơ đã giải quyết {_change(d['resolved_total'], o['resolved_total'], False)}, tỷ lệ giải quyết "
            f"đúng hạn {_change(d['on_time_rate'], o['on_time_rate'], True)}, tỷ lệ hồ sơ trực tuyến "
            f"{_change(d.get('online_rate'), o['online_rate'], True)}")
        columns.append((label, o))
    if not sentences:
        return blocks
    text = "; ".join(sentences)
    blocks.append(p(text[0].upper() + text[1:] + "."))
    if columns:
        header = [[Cell("Chỉ tiêu", rowspan=2, bold=True), Cell("Kỳ này", rowspan=2, bold=True),
                   *[Cell(label[0].upper() + label[1:], colspan=2, bold=True) for label, _ in columns]],
                  [cell for _ in columns for cell in (Cell("Số liệu", bold=True),
                                                      Cell("Tăng/giảm (tỷ lệ: điểm %)", bold=True))]]
        rows = []
        for key, label, is_rate in COMPARED:
            rows.append([Cell(label, align="left"), Cell(_value(d.get(key), is_rate), align="right"),
                         *[cell for _, o in columns for cell in (
                             Cell(_value(o[key], is_rate), align="right"),
                             Cell(_change(d.get(key), o[key], is_rate).replace(" hồ sơ", "")
                                  .replace(" điểm phần trăm", " điểm"), align="right"))]])
        widths = [44, 22] + [22, 28] * len(columns)
        scale = 160 / sum(widths)
        blocks.append(Table(header, rows, [w * scale for w in widths], font_size=10,
                            caption="So sánh với các kỳ trước"))
    return blocks


def _comparison_code(figures: dict, name: str) -> str:
    from include.report.periods import comparison_period_codes

    return comparison_period_codes(figures["period"]["code"])[name]


def _period_label(code: str) -> str:
    period = parse_period_code(code)
    if period is None:
        return code
    if period.kind == "HALF":
        return f"{'6 tháng đầu năm' if period.number == 1 else '6 tháng cuối năm'} {period.year}"
    if period.kind == "QUARTER":
        return f"quý {QUARTER_ROMAN[period.number]} năm {period.year}"
    if period.kind == "MONTH":
        return f"tháng {period.number} năm {period.year}"
    return f"năm {period.year}"


def late_units_table(units: list[dict], *, font_size: float = 10) -> Table:
    header = [[Cell("STT", bold=True), Cell("Đơn vị tiếp nhận", bold=True), Cell("Cấp", bold=True),
               Cell("Đã giải quyết quá hạn", bold=True), Cell("Đang giải quyết quá hạn", bold=True),
               Cell("Cộng", bold=True), Cell("Tổng số đã giải quyết", bold=True)]]
    rows = []
    for number, unit in enumerate(units, start=1):
        name = unit["ten_don_vi"] or f"{unit['ma_don_vi']} (chưa có trong danh mục đơn vị)"
        rows.append([Cell(str(number)), Cell(name, align="left"),
                     Cell(LEVEL_LABELS.get(unit["cap"], "") if unit["cap"] else ""),
                     Cell(fmt.number(unit["resolved_late"]), align="right"),
                     Cell(fmt.number(unit["pending_overdue"]), align="right"),
                     Cell(fmt.number(unit["resolved_late"] + unit["pending_overdue"]), align="right", bold=True),
                     Cell(fmt.number(unit["resolved_total"]), align="right")])
    return Table(header, rows, [12, 54, 21, 19, 19, 14, 21], font_size=font_size)


def late_unit_blocks(figures: dict, charts: ChartNumbers) -> list[Block]:
    """The units holding the late and overdue dossiers: the top ones here, all of them in the appendix."""
    units = figures.get("late_units") or []
    d = figures["dossiers"]
    if not units:
        return [p("Trong kỳ không có hồ sơ giải quyết quá hạn và không có hồ sơ đang giải quyết quá hạn.")]
    chart_label, chart = charts.image(
        late_units_chart(units),
        "Hồ sơ giải quyết quá hạn và đang giải quyết quá hạn theo đơn vị tiếp nhận"
        + (f" ({min(len(units), LATE_UNITS_IN_TEXT)} đơn vị nhiều nhất)" if len(units) > LATE_UNITS_IN_TEXT else ""))
    shown = units[:LATE_UNITS_IN_TEXT]
    total = d["resolved_late"] + d["pending_overdue"]
    shown_sum = sum(u["resolved_late"] + u["pending_overdue"] for u in shown)
    intro = (f"Có {fmt.number(len(units), pad2=True)} đơn vị có hồ sơ giải quyết quá hạn hoặc đang giải quyết quá "
             f"hạn (tổng cộng {fmt.number(total)} hồ sơ: {fmt.number(d['resolved_late'])} hồ sơ đã giải quyết quá "
             f"hạn, {fmt.number(d['pending_overdue'])} hồ sơ đang giải quyết quá hạn)")
    if len(units) > LATE_UNITS_IN_TEXT:
        intro += (f"; {fmt.number(len(shown), pad2=True)} đơn vị nhiều nhất dưới đây chiếm {fmt.number(shown_sum)} "
                  f"hồ sơ ({chart_label}; danh sách đầy đủ tại Phụ lục):")
    else:
        intro += f", cụ thể như sau ({chart_label}):"
    return [p(intro), late_units_table(shown), chart]


def _counted(value: int | None, what: str) -> str | None:
    return None if value is None else f"{what} {fmt.number(value, pad2=True)} trường hợp"


def period_span(period: dict) -> str:
    return f"từ ngày {fmt.date(period['from'])} đến ngày {fmt.date(period['to'])}"


def bieu06_header() -> list[list[Cell]]:
    """The official column headings of Biểu 06/VPCP/KSTT (two header rows, merged cells)."""
    return [
        [Cell("STT", rowspan=2, bold=True), Cell("Cấp / lĩnh vực giải quyết", rowspan=2, bold=True),
         Cell("Số hồ sơ nhận giải quyết", colspan=4, bold=True), Cell("Kết quả giải quyết", colspan=4, bold=True),
         Cell("Số hồ sơ đang giải quyết", colspan=3, bold=True)],
        [Cell(label, bold=True) for label in BIEU06_COLUMN_LABELS],
    ]


def bieu06_rows(figures: dict) -> list[dict]:
    """The appendix rows in order, shared by the DOCX/HTML table and bieu06.xlsx:
    {"stt", "label", "level_total": bool, "total": bool, "values": [int × 11]}."""
    rows = []
    level_number = field_number = 0
    for row in figures["appendix"]["bieu06"]:
        values = [row[key] for key in BIEU06_KEYS]
        if row["is_level_total"]:
            rows.append({"stt": ROMAN_LEVELS[level_number], "label": LEVEL_LABELS.get(row["cap"], LEVEL_LABELS[None]),
                         "level_total": True, "total": False, "values": values})
            level_number += 1
            field_number = 0
        else:
            field_number += 1
            rows.append({"stt": str(field_number),
                         "label": row["ten_linh_vuc"] or row["ma_linh_vuc"] or "Lĩnh vực chưa xác định",
                         "level_total": False, "total": False, "values": values})
    d = figures["dossiers"]
    rows.append({"stt": "", "label": "TỔNG CỘNG", "level_total": False, "total": True,
                 "values": [d[key] for key in BIEU06_KEYS]})
    return rows


def attached_to(meta: Meta) -> str:
    """'(Kèm theo Báo cáo số …/BC-UBND ngày … của UBND tỉnh …)' — the appendix names the report it belongs to."""
    number = meta.number.removeprefix("Số: ").strip()
    return f"(Kèm theo Báo cáo số {number} {meta.signing_date} của {meta.issuer_short})"


def _unit_issuer(figures: dict) -> tuple[str, str, str, str, str]:
    """(superior line, issuing body, short name for 'của …', signing capacity, signer title) of a unit report."""
    scope = figures["scope"]
    province = (figures["province"]["ten_tinh"] or "").upper()
    name = scope["ten_don_vi"] or scope["ma_don_vi"]
    loai = scope.get("loai")
    if loai == "UBND_HUYEN":
        body = name.removeprefix("UBND ").removeprefix("Ủy ban nhân dân ").strip()
        return "ỦY BAN NHÂN DÂN", body.upper(), f"UBND {body}", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    if loai == "SO_NGANH":
        return f"UBND TỈNH {province}", name.upper(), name, "", "GIÁM ĐỐC"
    return f"UBND TỈNH {province}", name.upper(), name, "", "THỦ TRƯỞNG ĐƠN VỊ"


# --------------------------------------------------------------------------- whole document
def next_period_heading(figures: dict, narrative: Narrative) -> str:
    custom = narrative.front.get("tieu_de_nhiem_vu")
    if custom:
        return str(custom)
    quarter, year = parse_period_code(figures["period"]["code"]).next_quarter()
    return f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRONG QUÝ {QUARTER_ROMAN[quarter]}/{year}"


def build_blocks(figures: dict, narrative: Narrative) -> list[Block]:
    period = figures["period"]
    province = figures["province"]["ten_tinh"]
    if figures["scope"]["kind"] == "UNIT":
        return build_unit_blocks(figures, narrative)
    n = narrative.blocks
    charts = ChartNumbers()
    quarter, year = parse_period_code(period["code"]).next_quarter()
    blocks: list[Block] = [
        p(f"Ủy ban nhân dân tỉnh {province} báo cáo kết quả thực hiện công tác cải cách hành chính "
          f"{period['label']} (số liệu từ ngày {fmt.date(period['from'])} đến ngày {fmt.date(period['to'])}) "
          "với những nội dung chủ yếu như sau:"),
        Heading(1, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
        Heading(2, "1. Về kế hoạch cải cách hành chính"), *n("ke_hoach"),
        *document_blocks(figures, "KE_HOACH_CCHC"), *plan_blocks(figures),
        Heading(2, "2. Về tổ chức chỉ đạo, điều hành CCHC"), *document_blocks(figures, "CHI_DAO"),
        *n("chi_dao_dieu_hanh"),
        *par_index_blocks(figures, charts), *sipas_blocks(figures), *province_rank_blocks(figures),
        Heading(2, "3. Về kiểm tra cải cách hành chính"), *document_blocks(figures, "KIEM_TRA"),
        *inspection_blocks(figures), *n("kiem_tra"),
        Heading(2, "4. Về công tác tuyên truyền cải cách hành chính"), *document_blocks(figures, "TUYEN_TRUYEN"),
        *n("tuyen_truyen"),
        Heading(1, "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC"),
        Heading(2, "1. Về cải cách thể chế"), *document_blocks(figures, "THE_CHE"), *n("the_che"),
        *legal_document_blocks(figures),
        Heading(2, "2. Cải cách thủ tục hành chính"), *document_blocks(figures, "TTHC"),
        Heading(3, "2.1. Thực hiện cải cách TTHC trên các lĩnh vực QLNN theo quy định"), *n("cai_cach_tthc"),
        Heading(3, "2.2. Kiểm soát TTHC"),
        Heading(4, "a) Kiểm soát việc ban hành mới các TTHC"), *n("kiem_soat_ban_hanh"),
        Heading(4, "b) Về rà soát, đơn giản hóa TTHC"), *n("ra_soat_don_gian_hoa"),
        Heading(4, "c) Về công bố, công khai TTHC"), *publication_blocks(figures), *catalogue_blocks(figures),
        *n("cong_bo_cong_khai"),
        Heading(4, "d) Công tác tiếp nhận và xử lý phản ánh kiến nghị của cá nhân, tổ chức về quy định hành chính "
                   "tại tỉnh"), *n("phan_anh_kien_nghi"), *feedback_blocks(figures),
        Heading(4, "e) Tổ chức triển khai thực hiện cơ chế một cửa, một cửa liên thông"), *one_stop_blocks(figures),
        *n("mot_cua"),
        Heading(4, "g) Kết quả giải quyết TTHC cho người dân, doanh nghiệp"), *dossier_blocks(figures, charts),
        *narrative.slots.get("ket_qua_giai_quyet", []),
        Heading(4, "h) Kết quả thực hiện Chỉ thị số 13/CT-TTg ngày 10/6/2015 của Thủ tướng Chính phủ"),
        *n("chi_thi_13"),
        Heading(2, "3. Cải cách tổ chức bộ máy hành chính nhà nước"), *document_blocks(figures, "BO_MAY"),
        Heading(3, "3.1. Rà soát về vị trí, chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, biên chế của UBND và "
                   "cơ quan chuyên môn cấp tỉnh, cấp huyện"), *n("to_chuc_bo_may"), *quota_blocks(figures, narrative),
        Heading(3, "3.2. Về kiểm tra, đánh giá tình hình tổ chức và hoạt động của các cơ quan chuyên môn cấp tỉnh, "
                   "huyện"), *n("kiem_tra_to_chuc"),
        Heading(3, "3.3. Về thực hiện phân cấp quản lý"), *n("phan_cap"),
        Heading(2, "4. Xây dựng và nâng cao chất lượng đội ngũ CBCCVC"), *document_blocks(figures, "CONG_CHUC"),
        Heading(3, "4.1. Về xác định vị trí việc làm và cơ cấu công chức, viên chức (CCVC)"), *n("vi_tri_viec_lam"),
        Heading(3, "4.2. Về công chức xã"), *commune_staff_blocks(figures),
        Heading(3, "4.3. Thực hiện các quy định về quản lý CBCCVC"), *appointment_blocks(figures),
        *n("quan_ly_cbccvc"),
        Heading(3, "4.4. Về công tác đào tạo, bồi dưỡng cán bộ, công chức"), *n("dao_tao"),
        Heading(3, "4.5. Về đổi mới công tác quản lý cán bộ, công chức"), *n("doi_moi_quan_ly"),
        Heading(2, "5. Cải cách tài chính công"), *document_blocks(figures, "TAI_CHINH_CONG"),
        Heading(3, "5.1. Về thực hiện đổi mới cơ chế, chính sách tài chính đối với doanh nghiệp nhà nước của tỉnh"),
        *n("doanh_nghiep"),
        Heading(3, "5.2. Về thực hiện đổi mới cơ chế quản lý đối với cơ quan hành chính và đơn vị sự nghiệp công "
                   "lập"),
        Heading(4, "a) Đối với các cơ quan nhà nước"), *n("co_quan_nha_nuoc"),
        Heading(4, "b) Đối với các đơn vị sự nghiệp công lập"), *n("don_vi_su_nghiep"), *public_unit_blocks(figures),
        Heading(4, "c) Đối với các tổ chức khoa học và công nghệ công lập"), *n("khoa_hoc_cong_nghe"),
        Heading(4, "d) Về đẩy mạnh xã hội hóa"), *n("xa_hoi_hoa"),
        Heading(2, "6. Hiện đại hóa nền hành chính"), *document_blocks(figures, "HIEN_DAI_HOA"),
        Heading(3, "6.1. Ứng dụng CNTT trong hoạt động của cơ quan hành chính nhà nước"),
        *n("ung_dung_cntt"), *online_level_blocks(figures),
        Heading(3, "6.2. Về áp dụng ISO trong hoạt động của cơ quan hành chính"), *n("iso"),
        Heading(1, "III. ĐÁNH GIÁ CHUNG"), *n("danh_gia_chung"),
        Heading(1, next_period_heading(figures, narrative)), *n("nhiem_vu"),
        p(f"Trên đây là báo cáo tình hình thực hiện công tác CCHC {period['label']} và một số công tác trọng tâm "
          f"quý {QUARTER_ROMAN[quarter]} năm {year} của tỉnh {province}, báo cáo Bộ Nội vụ./."),
    ]
    return blocks


def unit_index_blocks(figures: dict) -> list[Block]:
    """A unit's own PAR Index row and SIPAS rate (COUNTING_RULES 'Unit scope')."""
    par, sipas = figures["par_index"], figures["sipas"]
    blocks: list[Block] = []
    row = par.get("unit")
    if par["year"] is None or row is None or row.get("par_index") is None:
        blocks.append(missing("Kết quả Chỉ số CCHC của đơn vị"))
    elif row.get("xep_hang") and row.get("band"):
        band = BAND_ROWS[row["band"]][1]
        rank = (f", xếp thứ {fmt.number(row['rank_in_group'])}/{fmt.number(row['group_size'])} trong nhóm "
                f"{GROUP_LABELS.get(row['nhom'], row['nhom']).lower()}" if row.get("rank_in_group") else "")
        blocks.append(p(f"Chỉ số CCHC năm {par['year']} của đơn vị do UBND tỉnh công bố đạt "
                        f"{fmt.percent(row['par_index'])}, xếp loại {band}{rank}."))
    else:
        blocks.append(p(f"Chỉ số CCHC năm {par['year']} của đơn vị đạt {fmt.percent(row['par_index'])}; đơn vị "
                        "được đánh giá nhưng không xếp hạng."))
    unit = sipas.get("unit")
    if sipas["year"] is None or unit is None or unit.get("satisfaction") is None:
        blocks.append(missing("Kết quả khảo sát sự hài lòng (SIPAS) tại đơn vị"))
    else:
        blocks.append(p(f"Theo kết quả khảo sát sự hài lòng do tỉnh tổ chức năm {sipas['year']}, tỷ lệ người được "
                        f"khảo sát hài lòng với sự phục vụ của đơn vị đạt {fmt.percent(unit['satisfaction'])}."))
    return blocks


def build_unit_blocks(figures: dict, narrative: Narrative) -> list[Block]:
    """A unit's report: the sections a unit reports on; the province's catalogue, staffing, public-unit and
    provincial-index sections do not apply and are left out."""
    period = figures["period"]
    name = figures["scope"]["ten_don_vi"] or figures["scope"]["ma_don_vi"]
    n = narrative.blocks
    charts = ChartNumbers()
    return [
        p(f"{name} báo cáo kết quả thực hiện công tác cải cách hành chính {period['label']} (số liệu từ ngày "
          f"{fmt.date(period['from'])} đến ngày {fmt.date(period['to'])}) với những nội dung chủ yếu như sau:"),
        Heading(1, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
        Heading(2, "1. Về kế hoạch cải cách hành chính"), *n("ke_hoach"),
        Heading(2, "2. Về tổ chức chỉ đạo, điều hành CCHC"), *n("chi_dao_dieu_hanh"), *unit_index_blocks(figures),
        Heading(2, "3. Về kiểm tra cải cách hành chính"), *n("kiem_tra"),
        Heading(2, "4. Về công tác tuyên truyền cải cách hành chính"), *n("tuyen_truyen"),
        Heading(1, "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC"),
        Heading(2, "1. Về cải cách thể chế"), *n("the_che"),
        Heading(2, "2. Cải cách thủ tục hành chính"),
        Heading(3, "2.1. Kiểm soát, rà soát, đơn giản hóa TTHC"), *n("cai_cach_tthc"),
        Heading(3, "2.2. Tổ chức thực hiện cơ chế một cửa, một cửa liên thông"), *n("mot_cua"),
        Heading(3, "2.3. Kết quả giải quyết TTHC cho người dân, doanh nghiệp"), *dossier_blocks(figures, charts),
        *narrative.slots.get("ket_qua_giai_quyet", []),
        Heading(2, "3. Cải cách tổ chức bộ máy hành chính nhà nước"), *n("to_chuc_bo_may"),
        Heading(2, "4. Xây dựng và nâng cao chất lượng đội ngũ CBCCVC"), *n("quan_ly_cbccvc"),
        Heading(2, "5. Cải cách tài chính công"), *n("co_quan_nha_nuoc"),
        Heading(2, "6. Hiện đại hóa nền hành chính"), *n("ung_dung_cntt"), *n("iso"),
        Heading(1, "III. ĐÁNH GIÁ CHUNG"), *n("danh_gia_chung"),
        Heading(1, next_period_heading(figures, narrative)), *n("nhiem_vu"),
        p(f"Trên đây là báo cáo tình hình thực hiện công tác CCHC {period['label']} của {name}./."),
    ]


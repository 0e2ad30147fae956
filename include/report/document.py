"""The report's content, in the seed report's order, as renderer-neutral blocks.

Data sentences are written like the seed's; narrative slots come from the
period's narrative file or show a placeholder. A sentence whose source is
missing for the period says so ("chưa có số liệu") instead of printing numbers.
"""
from __future__ import annotations

import datetime as dt

from include.report import formatting as fmt
from include.report.charts import least_punctual_chart, monthly_chart, par_distribution_chart
from include.report.figures import BIEU06_KEYS, PAR_BANDS, PAR_GROUPS
from include.report.model import Block, Cell, Heading, Image, Meta, Paragraph, Run, SectionBreak, Table
from include.report.narrative import Narrative
from include.report.periods import QUARTER_ROMAN, parse_period_code

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


def p(*parts: str | Run, kind: str = "body") -> Paragraph:
    return Paragraph([part if isinstance(part, Run) else Run(part) for part in parts], kind=kind)


def missing(what: str) -> Paragraph:
    return Paragraph([Run(f"({what}: {fmt.MISSING}.)", italic=True)], kind="missing")


def _all_present(*values) -> bool:
    return all(value is not None for value in values)


# --------------------------------------------------------------------------- front matter
def build_meta(figures: dict, narrative: Narrative) -> Meta:
    front = narrative.front
    province = figures["province"]["ten_tinh"] or ""
    period = figures["period"]
    signing: dt.date | None = front.get("ngay_ky")
    if signing:
        place_date = f"{province}, ngày {signing.day:02d} tháng {signing.month:02d} năm {signing.year}"
    else:
        year = dt.date.fromisoformat(period["to"]).year
        place_date = f"{province}, ngày      tháng      năm {year}"
    recipients = front.get("noi_nhan") or DEFAULT_RECIPIENTS
    return Meta(
        issuing_body_parent="ỦY BAN NHÂN DÂN",
        issuing_body=f"TỈNH {province.upper()}",
        number=f"Số: {front.get('so_hieu') or '…/BC-UBND'}",
        place_date=place_date,
        title="BÁO CÁO",
        subject=f"Tình hình thực hiện công tác cải cách hành chính {period['label']}",
        recipients=[str(r) if str(r).startswith("-") else f"- {r}" for r in recipients],
        signing_capacity=front.get("ky_thay_mat") or "TM. ỦY BAN NHÂN DÂN",
        signer_title=front.get("chuc_vu_nguoi_ky") or "CHỦ TỊCH",
        signer_name=front.get("nguoi_ky") or "[Họ và tên người ký]",
    )


# --------------------------------------------------------------------------- data paragraphs
def par_index_blocks(figures: dict) -> list[Block]:
    par = figures["par_index"]
    year = par["year"]
    if year is None or par["ranked"] is None:
        return [missing("Kết quả Chỉ số CCHC của các cơ quan, đơn vị")]
    blocks: list[Block] = [p(
        f"Kết quả xếp hạng Chỉ số CCHC năm {year} của các sở ngành, UBND cấp huyện, đơn vị sự nghiệp công lập "
        "trực thuộc UBND tỉnh, cơ quan Trung ương đóng trên địa bàn tỉnh như sau:")]
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
    return blocks


def sipas_blocks(figures: dict) -> list[Block]:
    sipas = figures["sipas"]
    year = sipas["year"]
    province = figures["province"]["ten_tinh"]
    if year is None or sipas["units_surveyed"] is None:
        return [missing("Kết quả Chỉ số SIPAS của các cơ quan, đơn vị")]
    text = (f"Chỉ số đo lường sự hài lòng của người dân đối với sự phục vụ của các cơ quan, đơn vị trên địa bàn "
            f"tỉnh {province} năm {year}: trong tổng số {fmt.number(sipas['units_surveyed'])} đơn vị được khảo sát, "
            f"đánh giá có {fmt.number(sipas['units_ge_80'])}/{fmt.number(sipas['units_surveyed'])} đơn vị đạt tỷ lệ "
            "hài lòng từ 80% trở lên")
    if sipas["units_100"]:
        names = sipas["units_100_names"]
        listed = (", ".join(names[:-1]) + " và " + names[-1]) if len(names) > 1 else "".join(names)
        text += (f", trong đó có {fmt.number(sipas['units_100'], pad2=True)} đơn vị đạt tỷ lệ 100%"
                 + (f" gồm {listed}" if listed else ""))
    text += f"; tỷ lệ hài lòng chung trên toàn tỉnh đạt {fmt.percent(sipas['rate'])}."
    return [p(text)]


def province_rank_blocks(figures: dict) -> list[Block]:
    par = figures["par_index"]
    province = par["province"]
    year = par["year"]
    name = figures["province"]["ten_tinh"]
    if year is None or province["par_index"] is None:
        return [missing("Chỉ số CCHC cấp tỉnh do Bộ Nội vụ công bố")]
    text = (f"Đối với Chỉ số CCHC cấp tỉnh năm {year}, theo công bố của Bộ Nội vụ, Chỉ số CCHC (PAR INDEX) tỉnh "
            f"{name} năm {year} đạt {fmt.percent(province['par_index'])}, đứng vị trí "
            f"{fmt.number(province['xep_hang'])}/{fmt.number(province['so_tinh'])} tỉnh, thành "
            f"({fmt.rank_change(province['rank_change'], year - 1)})")
    if province["sipas"] is not None:
        text += (f"; Chỉ số SIPAS năm {year} đạt {fmt.percent(province['sipas'])}, "
                 f"{fmt.percent_change(province['sipas_change'], year - 1)}.")
    else:
        text += f"; Chỉ số SIPAS năm {year}: {fmt.MISSING}."
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
        f"giữa các cấp chính quyền và {fmt.number(lien['NHOM'], pad2=True)} TTHC liên thông theo nhóm.")]


def dossier_blocks(figures: dict) -> list[Block]:
    d = figures["dossiers"]
    blocks: list[Block] = [p(
        f"Toàn tỉnh đã tiếp nhận {fmt.number(d['received_total'])} hồ sơ TTHC (bao gồm cả hồ sơ giải quyết theo "
        "cơ chế một cửa, một cửa liên thông; theo dịch vụ công trực tuyến), trong đó: có "
        f"{fmt.number(d['received_new'])} hồ sơ mới tiếp nhận; {fmt.number(d['carried_over'])} hồ sơ từ kỳ trước "
        f"chuyển qua. Có {fmt.number(d['resolved_total'])} hồ sơ đã giải quyết (trong đó: "
        f"{fmt.number(d['resolved_on_time'])} hồ sơ giải quyết đúng hạn; {fmt.number(d['resolved_late'])} hồ sơ "
        f"giải quyết quá hạn); {fmt.number(d['pending_total'])} hồ sơ đang giải quyết (trong đó: "
        f"{fmt.number(d['pending_in_time'])} hồ sơ chưa đến hạn, {fmt.number(d['pending_overdue'])} hồ sơ đang "
        "giải quyết quá hạn).")]
    rate = (f"tỷ lệ giải quyết đúng hạn đạt {fmt.percent(d['on_time_rate'])}" if d["on_time_rate"] is not None
            else "chưa có hồ sơ đã giải quyết để tính tỷ lệ đúng hạn")
    blocks.append(p(
        f"Trong số hồ sơ mới tiếp nhận có {fmt.number(d['received_online'])} hồ sơ nộp trực tuyến và "
        f"{fmt.number(d['received_direct_postal'])} hồ sơ nộp trực tiếp hoặc qua dịch vụ bưu chính công ích; "
        f"{rate}. Số hồ sơ đã giải quyết gồm {fmt.number(d['resolved_early'])} hồ sơ giải quyết trước hạn, "
        f"{fmt.number(d['resolved_on_due'])} hồ sơ đúng hạn (kể cả {fmt.number(d['withdrawn'])} hồ sơ rút hoặc "
        f"dừng xử lý); trong số hồ sơ đang giải quyết có {fmt.number(d['pending_waiting'])} hồ sơ chờ bổ sung "
        "giấy tờ."))
    parts = []
    for level in ("TINH", "HUYEN", "XA"):
        row = d["by_level"][level]
        parts.append(f"{LEVEL_LABELS[level].lower()} tiếp nhận {fmt.number(row['received_total'])} hồ sơ, đã giải "
                     f"quyết {fmt.number(row['resolved_total'])} hồ sơ")
    blocks.append(p("Theo cấp: " + "; ".join(parts) + " (chi tiết tại Phụ lục kèm theo)."))
    return blocks


def quota_blocks(figures: dict) -> list[Block]:
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
        f"UBND cấp tỉnh, sở ngành tỉnh, UBND cấp huyện; giao {fmt.number(q['HOI']['SO_NGUOI_LAM_VIEC'])} chỉ tiêu "
        f"người làm việc và {fmt.number(q['HOI']['HOP_DONG_68'])} hợp đồng 68 đối với các Hội có tính chất đặc "
        "thù trên địa bàn tỉnh.")]


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
    e = figures["staff"]["events"]
    if e["BO_NHIEM_MOI"] is None:
        return [missing("Số liệu bổ nhiệm, tuyển dụng, tinh giản biên chế trong kỳ")]
    return [
        p("Về công tác bổ nhiệm, bổ nhiệm lại đối với lãnh đạo Sở ngành và tương đương: Chủ tịch UBND tỉnh đã ra "
          f"Quyết định bổ nhiệm mới {fmt.number(e['BO_NHIEM_MOI'], pad2=True)} trường hợp, bổ nhiệm lại "
          f"{fmt.number(e['BO_NHIEM_LAI'], pad2=True)} trường hợp, kéo dài thời gian giữ chức vụ đến nghỉ hưu "
          f"{fmt.number(e['KEO_DAI_CHUC_VU'], pad2=True)} trường hợp."),
        p(f"Trong kỳ báo cáo, tỉnh tuyển dụng {fmt.number(e['TUYEN_DUNG'], pad2=True)} trường hợp; "
          f"{fmt.number(e['NGHI_HUU'], pad2=True)} trường hợp nghỉ hưu; tiếp tục triển khai thực hiện Đề án tinh "
          f"giản biên chế trên toàn tỉnh, thực hiện tinh giản biên chế đối với "
          f"{fmt.number(e['TINH_GIAN'], pad2=True)} trường hợp."),
    ]


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
    header = [
        [Cell("STT", rowspan=2, bold=True), Cell("Cấp / lĩnh vực giải quyết", rowspan=2, bold=True),
         Cell("Số hồ sơ nhận giải quyết", colspan=4, bold=True), Cell("Kết quả giải quyết", colspan=4, bold=True),
         Cell("Số hồ sơ đang giải quyết", colspan=3, bold=True)],
        [Cell(label, bold=True) for label in (
            "Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước",
            "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
            "Tổng số", "Trong hạn", "Quá hạn")],
    ]
    rows: list[list[Cell]] = []
    level_number = 0
    field_number = 0
    roman = ["I", "II", "III", "IV", "V"]
    for row in figures["appendix"]["bieu06"]:
        values = [Cell(fmt.number(row[key]), align="right", bold=row["is_level_total"]) for key in BIEU06_KEYS]
        if row["is_level_total"]:
            label = LEVEL_LABELS.get(row["cap"], LEVEL_LABELS[None])
            rows.append([Cell(roman[level_number], bold=True), Cell(label, align="left", bold=True), *values])
            level_number += 1
            field_number = 0
        else:
            field_number += 1
            name = row["ten_linh_vuc"] or row["ma_linh_vuc"] or "Lĩnh vực chưa xác định"
            rows.append([Cell(str(field_number)), Cell(name, align="left"), *values])
    d = figures["dossiers"]
    rows.append([Cell("", bold=True), Cell("TỔNG CỘNG", align="left", bold=True),
                 *[Cell(fmt.number(d[key]), align="right", bold=True) for key in BIEU06_KEYS]])
    return Table(header, rows, [10, 60] + [17] * 11, font_size=9)


def appendix_blocks(figures: dict) -> list[Block]:
    period = figures["period"]
    par_year = figures["par_index"]["year"]
    span = f"từ ngày {fmt.date(period['from'])} đến ngày {fmt.date(period['to'])}"
    blocks: list[Block] = [
        SectionBreak(landscape=True),
        p(Run("PHỤ LỤC", bold=True), kind="center"),
        p(Run("Biểu 06/VPCP/KSTT — TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", bold=True), kind="center"),
        p(Run(f"Kỳ báo cáo: {period['label']} ({span})", italic=True), kind="center"),
        bieu06_table(figures),
        p(Run("Đơn vị tính: hồ sơ. Hồ sơ của đơn vị chưa có trong danh mục đơn vị được tính vào tổng cộng "
              "nhưng không thuộc cấp nào.", italic=True), kind="caption"),
        SectionBreak(landscape=False),
        p(Run("BIỂU ĐỒ", bold=True), kind="center"),
        Image(monthly_chart(figures["appendix"]["monthly"]),
              f"Biểu đồ 1. Số hồ sơ mới tiếp nhận và đã giải quyết theo tháng ({span})"),
        Image(least_punctual_chart(figures["appendix"]["least_punctual_units"]),
              "Biểu đồ 2. Tỷ lệ giải quyết hồ sơ đúng hạn của các đơn vị có tỷ lệ thấp nhất"),
        Image(par_distribution_chart(figures["appendix"]["par_distribution"]),
              f"Biểu đồ 3. Phân bố Chỉ số CCHC năm {par_year if par_year is not None else fmt.MISSING} "
              "của các cơ quan, đơn vị được xếp hạng"),
    ]
    return blocks


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
    n = narrative.blocks
    quarter, year = parse_period_code(period["code"]).next_quarter()
    blocks: list[Block] = [
        p(f"Ủy ban nhân dân tỉnh {province} báo cáo kết quả thực hiện công tác cải cách hành chính "
          f"{period['label']} (số liệu từ ngày {fmt.date(period['from'])} đến ngày {fmt.date(period['to'])}) "
          "với những nội dung chủ yếu như sau:"),
        Heading(1, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
        Heading(2, "1. Về kế hoạch cải cách hành chính"), *n("ke_hoach"),
        Heading(2, "2. Về tổ chức chỉ đạo, điều hành CCHC"), *n("chi_dao_dieu_hanh"),
        *par_index_blocks(figures), *sipas_blocks(figures), *province_rank_blocks(figures),
        Heading(2, "3. Về kiểm tra cải cách hành chính"), *n("kiem_tra"),
        Heading(2, "4. Về công tác tuyên truyền cải cách hành chính"), *n("tuyen_truyen"),
        Heading(1, "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC"),
        Heading(2, "1. Về cải cách thể chế"), *n("the_che"),
        Heading(2, "2. Cải cách thủ tục hành chính"),
        Heading(3, "2.1. Thực hiện cải cách TTHC trên các lĩnh vực QLNN theo quy định"), *n("cai_cach_tthc"),
        Heading(3, "2.2. Kiểm soát TTHC"),
        Heading(4, "a) Kiểm soát việc ban hành mới các TTHC"), *n("kiem_soat_ban_hanh"),
        Heading(4, "b) Về rà soát, đơn giản hóa TTHC"), *n("ra_soat_don_gian_hoa"),
        Heading(4, "c) Về công bố, công khai TTHC"), *publication_blocks(figures), *catalogue_blocks(figures),
        *n("cong_bo_cong_khai"),
        Heading(4, "d) Công tác tiếp nhận và xử lý phản ánh kiến nghị của cá nhân, tổ chức về quy định hành chính "
                   "tại tỉnh"), *n("phan_anh_kien_nghi"),
        Heading(4, "e) Tổ chức triển khai thực hiện cơ chế một cửa, một cửa liên thông"), *one_stop_blocks(figures),
        *n("mot_cua"),
        Heading(4, "g) Kết quả giải quyết TTHC cho người dân, doanh nghiệp"), *dossier_blocks(figures),
        *narrative.slots.get("ket_qua_giai_quyet", []),
        Heading(4, "h) Kết quả thực hiện Chỉ thị số 13/CT-TTg ngày 10/6/2015 của Thủ tướng Chính phủ"),
        *n("chi_thi_13"),
        Heading(2, "3. Cải cách tổ chức bộ máy hành chính nhà nước"),
        Heading(3, "3.1. Rà soát về vị trí, chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, biên chế của UBND và "
                   "cơ quan chuyên môn cấp tỉnh, cấp huyện"), *n("to_chuc_bo_may"), *quota_blocks(figures),
        Heading(3, "3.2. Về kiểm tra, đánh giá tình hình tổ chức và hoạt động của các cơ quan chuyên môn cấp tỉnh, "
                   "huyện"), *n("kiem_tra_to_chuc"),
        Heading(3, "3.3. Về thực hiện phân cấp quản lý"), *n("phan_cap"),
        Heading(2, "4. Xây dựng và nâng cao chất lượng đội ngũ CBCCVC"),
        Heading(3, "4.1. Về xác định vị trí việc làm và cơ cấu công chức, viên chức (CCVC)"), *n("vi_tri_viec_lam"),
        Heading(3, "4.2. Về công chức xã"), *commune_staff_blocks(figures),
        Heading(3, "4.3. Thực hiện các quy định về quản lý CBCCVC"), *appointment_blocks(figures),
        *n("quan_ly_cbccvc"),
        Heading(3, "4.4. Về công tác đào tạo, bồi dưỡng cán bộ, công chức"), *n("dao_tao"),
        Heading(3, "4.5. Về đổi mới công tác quản lý cán bộ, công chức"), *n("doi_moi_quan_ly"),
        Heading(2, "5. Cải cách tài chính công"),
        Heading(3, "5.1. Về thực hiện đổi mới cơ chế, chính sách tài chính đối với doanh nghiệp nhà nước của tỉnh"),
        *n("doanh_nghiep"),
        Heading(3, "5.2. Về thực hiện đổi mới cơ chế quản lý đối với cơ quan hành chính và đơn vị sự nghiệp công "
                   "lập"),
        Heading(4, "a) Đối với các cơ quan nhà nước"), *n("co_quan_nha_nuoc"),
        Heading(4, "b) Đối với các đơn vị sự nghiệp công lập"), *n("don_vi_su_nghiep"), *public_unit_blocks(figures),
        Heading(4, "c) Đối với các tổ chức khoa học và công nghệ công lập"), *n("khoa_hoc_cong_nghe"),
        Heading(4, "d) Về đẩy mạnh xã hội hóa"), *n("xa_hoi_hoa"),
        Heading(2, "6. Hiện đại hóa nền hành chính"),
        Heading(3, "6.1. Ứng dụng CNTT trong hoạt động của cơ quan hành chính nhà nước"),
        *n("ung_dung_cntt"), *online_level_blocks(figures),
        Heading(3, "6.2. Về áp dụng ISO trong hoạt động của cơ quan hành chính"), *n("iso"),
        Heading(1, "III. ĐÁNH GIÁ CHUNG"), *n("danh_gia_chung"),
        Heading(1, next_period_heading(figures, narrative)), *n("nhiem_vu"),
        p(f"Trên đây là báo cáo tình hình thực hiện công tác CCHC {period['label']} và một số công tác trọng tâm "
          f"quý {QUARTER_ROMAN[quarter]} năm {year} của tỉnh {province}, báo cáo Bộ Nội vụ./."),
    ]
    return blocks

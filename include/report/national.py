"""The national ranking (ma_tinh=all): "Bảng tổng hợp các tỉnh" from marts.fct_province_period.

One row per province of the warehouse for one period and cut-off, ordered by its PAR Index rank, written as
report.json and report.html (docs/report.md "National ranking").
"""
from __future__ import annotations

import json
from pathlib import Path

from include.report import formatting as fmt
from include.report.html_render import template
from include.report.output import write_report_files
from include.report.provinces import query

TITLE = "Bảng tổng hợp các tỉnh"
OUTPUT_FILES = ("report.json", "report.html")
PROVINCE_KEYS = ("ma_tinh", "ten_tinh", "received", "resolved", "resolved_on_time", "on_time_rate", "online_rate",
                 "overdue", "par_index", "par_rank")
# Columns of the HTML table: (key, heading, formatter).
COLUMNS = (
    ("ma_tinh", "Mã tỉnh", str),
    ("ten_tinh", "Tỉnh", str),
    ("received", "Hồ sơ tiếp nhận", fmt.number),
    ("resolved", "Hồ sơ đã giải quyết", fmt.number),
    ("on_time_rate", "Tỷ lệ giải quyết đúng hạn", fmt.percent),
    ("online_rate", "Tỷ lệ hồ sơ trực tuyến", fmt.percent),
    ("overdue", "Hồ sơ quá hạn", fmt.number),
    ("par_index", "Chỉ số CCHC (PAR Index)", fmt.percent),
    ("par_rank", "Xếp hạng", fmt.number),
)


def collect_ranking(conn, period_code: str, cutoff: str) -> dict:
    """The ranking's report.json: the period, one row per province (PAR Index rank first, unranked last),
    and the totals of the counts over the provinces (the on-time rate of the summed counts)."""
    period = query(conn, """
        select period_code as code, date_from as "from", date_to as "to", label_vi as label
        from marts.dim_period where period_code = %(period)s and cutoff = %(cutoff)s limit 1""",
                   {"period": period_code, "cutoff": cutoff})
    columns = ", ".join(PROVINCE_KEYS)
    provinces = query(conn, f"""
        select {columns} from marts.fct_province_period
        where period_code = %(period)s and cutoff = %(cutoff)s
        order by par_rank nulls last, ma_tinh""", {"period": period_code, "cutoff": cutoff})
    totals = query(conn, """
        select count(*)::int as provinces, sum(received)::bigint as received, sum(resolved)::bigint as resolved,
               sum(resolved_on_time)::bigint as resolved_on_time, sum(overdue)::bigint as overdue,
               round(sum(resolved_on_time) * 100.0 / nullif(sum(resolved), 0), 10) as on_time_rate
        from marts.fct_province_period where period_code = %(period)s and cutoff = %(cutoff)s""",
                   {"period": period_code, "cutoff": cutoff})[0]
    return {
        "scope": {"kind": "NATIONAL"},
        "title": TITLE,
        "period": {**(period[0] if period else {"code": period_code, "from": None, "to": None, "label": None}),
                   "cutoff": cutoff},
        "provinces": provinces,
        "totals": totals,
    }


def ranking_rows(ranking: dict) -> list[list[str]]:
    """The HTML table's rows as text in Vietnamese style: STT, then COLUMNS; a missing figure says so."""
    rows = []
    for number, province in enumerate(ranking["provinces"], start=1):
        rows.append([str(number), *(fmt.MISSING if province.get(key) is None else show(province[key])
                                    for key, _, show in COLUMNS)])
    return rows


def subject(period: dict) -> str:
    """'Kết quả giải quyết hồ sơ TTHC và Chỉ số CCHC 6 tháng đầu năm 2020 (từ 15/12/2019 đến 14/06/2020)'."""
    text = f"Kết quả giải quyết hồ sơ thủ tục hành chính và Chỉ số CCHC {period.get('label') or period['code']}"
    if period.get("from"):
        text += f" (từ {fmt.date(period['from'])} đến {fmt.date(period['to'])})"
    return text


def write_ranking_html(path: Path, ranking: dict) -> Path:
    totals = ranking["totals"]
    html = template("national.html.j2").render(
        title=TITLE, subject=subject(ranking["period"]), headings=["STT", *(heading for _, heading, _ in COLUMNS)],
        rows=ranking_rows(ranking),
        totals={"provinces": fmt.number(totals["provinces"]), "received": fmt.number(totals["received"]),
                "resolved": fmt.number(totals["resolved"]), "on_time_rate": fmt.percent(totals["on_time_rate"]),
                "overdue": fmt.number(totals["overdue"])})
    path.write_text(html, encoding="utf-8")
    return path


def render_ranking(ranking: dict, output_dir: Path) -> dict[str, Path]:
    """Write report.json and report.html (to temporary names first: never a half-written pair)."""
    return write_report_files(Path(output_dir), {
        "report.json": lambda path: path.write_text(json.dumps(ranking, ensure_ascii=False, indent=2),
                                                    encoding="utf-8"),
        "report.html": lambda path: write_ranking_html(path, ranking),
    })


def render_national_ranking(url: str, period_code: str, cutoff: str = "nd09", *, output_dir: Path
                            ) -> dict[str, Path]:
    """ma_tinh=all: the ranking of every province of the warehouse for one period, into output_dir."""
    from include.report.params import ALL_PROVINCES, check_in_warehouse
    from include.warehouse import connect

    conn = connect(url)
    try:
        conn.set_session(readonly=True)
        check_in_warehouse(conn, period_code, cutoff, None, ALL_PROVINCES)   # the national mart must exist
        ranking = collect_ranking(conn, period_code, cutoff)
    finally:
        conn.close()
    return render_ranking(ranking, output_dir)

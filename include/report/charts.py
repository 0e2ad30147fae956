"""The report's charts (matplotlib, Agg): PNG for the DOCX, SVG for the HTML (sharp on a phone).

Axis numbers are in Vietnamese style (12.000; 99,0), as in the text.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from include.report import formatting as fmt

BAND_COLOURS = {"RAT_TOT": "#1b7837", "TOT": "#7fbf7b", "KHA": "#f1b6da", "TRUNG_BINH": "#f4a582", "KEM": "#b2182b"}
BAND_LABELS = {"RAT_TOT": "Rất tốt", "TOT": "Tốt", "KHA": "Khá", "TRUNG_BINH": "Trung bình", "KEM": "Kém"}
LATE_UNITS_CHARTED = 10


@dataclass(frozen=True)
class Chart:
    png: bytes
    svg: str


def _figure(width_in: float = 7.0, height_in: float = 3.6):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none",
                         "svg.hashsalt": "cchc-report"})
    return plt, plt.subplots(figsize=(width_in, height_in), dpi=150)


def _render(plt, fig) -> Chart:
    fig.tight_layout()
    png, svg = io.BytesIO(), io.StringIO()
    fig.savefig(png, format="png")
    fig.savefig(svg, format="svg", metadata={"Date": None})
    plt.close(fig)
    return Chart(png.getvalue(), svg.getvalue())


def _vietnamese_axis(axis, digits: int) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt.axis_number(value, digits)))


def _no_data(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=11, style="italic")
    ax.set_axis_off()


def monthly_chart(monthly: list[dict]) -> Chart:
    plt, (fig, ax) = _figure()
    if not monthly:
        _no_data(ax, f"Số liệu theo tháng: {fmt.MISSING}")
        return _render(plt, fig)
    labels = [f"{row['period_code'][5:7]}/{row['period_code'][:4]}" for row in monthly]
    positions = range(len(monthly))
    width = 0.4
    ax.bar([x - width / 2 for x in positions], [r["received_new"] for r in monthly], width,
           label="Mới tiếp nhận", color="#2166ac")
    ax.bar([x + width / 2 for x in positions], [r["resolved_total"] for r in monthly], width,
           label="Đã giải quyết", color="#92c5de")
    ax.set_xticks(list(positions), labels)
    _vietnamese_axis(ax.yaxis, 0)
    ax.set_ylabel("Số hồ sơ")
    ax.set_xlabel("Tháng (kỳ số liệu)")
    peak = max(max(r["received_new"], r["resolved_total"]) for r in monthly)
    ax.set_ylim(0, max(peak, 1) * 1.2)  # headroom for the legend
    ax.legend(loc="upper left", ncol=2)
    ax.grid(axis="y", alpha=0.3)
    return _render(plt, fig)


def late_units_chart(units: list[dict]) -> Chart:
    """Late (resolved after the due date) and overdue (pending past it) dossiers of the units holding most."""
    shown = units[:LATE_UNITS_CHARTED]
    plt, (fig, ax) = _figure(height_in=0.38 * max(len(shown), 4) + 1.1)
    if not shown:
        _no_data(ax, "Không có hồ sơ giải quyết quá hạn hoặc đang quá hạn")
        return _render(plt, fig)
    names = [(u["ten_don_vi"] or u["ma_don_vi"])[:50] for u in shown][::-1]
    late = [u["resolved_late"] for u in shown][::-1]
    overdue = [u["pending_overdue"] for u in shown][::-1]
    ax.barh(names, late, color="#d6604d", label="Đã giải quyết quá hạn")
    ax.barh(names, overdue, left=late, color="#f4a582", label="Đang giải quyết quá hạn")
    peak = max(a + b for a, b in zip(late, overdue))
    for y, (a, b) in enumerate(zip(late, overdue)):
        ax.text(a + b, y, " " + fmt.number(a + b), va="center", fontsize=8)
    ax.set_xlim(0, peak * 1.15 + 1)
    _vietnamese_axis(ax.xaxis, 0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Số hồ sơ")
    ax.legend(loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    return _render(plt, fig)


def par_distribution_chart(units: list[dict]) -> Chart:
    plt, (fig, ax) = _figure()
    if not units:
        _no_data(ax, f"Chỉ số CCHC của các đơn vị: {fmt.MISSING}")
        return _render(plt, fig)
    edges = list(range(0, 101, 5))
    present = [band for band in BAND_COLOURS if any(u["band"] == band for u in units)]
    ax.hist([[u["par_index"] for u in units if u["band"] == band] for band in present], bins=edges, stacked=True,
            color=[BAND_COLOURS[band] for band in present], edgecolor="white",
            label=[f"{BAND_LABELS[band]} ({sum(u['band'] == band for u in units)})" for band in present])
    for threshold in (50, 65, 80, 90):
        ax.axvline(threshold, color="grey", linestyle="--", linewidth=0.8)
    low = min(u["par_index"] for u in units)
    ax.set_xlim(max(0, (int(low) // 10) * 10 - 5), 100)
    _vietnamese_axis(ax.xaxis, 0)
    _vietnamese_axis(ax.yaxis, 0)
    ax.set_xlabel("Chỉ số CCHC (%)")
    ax.set_ylabel("Số cơ quan, đơn vị")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left")
    return _render(plt, fig)

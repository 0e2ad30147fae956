"""The appendix charts (matplotlib, Agg), as PNG bytes embedded in DOCX and HTML."""
from __future__ import annotations

import io

from include.report import formatting as fmt

BAND_COLOURS = {"RAT_TOT": "#1b7837", "TOT": "#7fbf7b", "KHA": "#f1b6da", "TRUNG_BINH": "#f4a582", "KEM": "#b2182b"}
BAND_LABELS = {"RAT_TOT": "Rất tốt", "TOT": "Tốt", "KHA": "Khá", "TRUNG_BINH": "Trung bình", "KEM": "Kém"}


def _figure(width_in: float = 7.0, height_in: float = 3.6):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9})
    return plt, plt.subplots(figsize=(width_in, height_in), dpi=150)


def _png(plt, fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _thousands(value, _position=None) -> str:
    return fmt.number(int(round(value)))


def _no_data(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=11, style="italic")
    ax.set_axis_off()


def monthly_chart(monthly: list[dict]) -> bytes:
    from matplotlib.ticker import FuncFormatter

    plt, (fig, ax) = _figure()
    if not monthly:
        _no_data(ax, f"Số liệu theo tháng: {fmt.MISSING}")
        return _png(plt, fig)
    labels = [f"{row['period_code'][5:7]}/{row['period_code'][:4]}" for row in monthly]
    positions = range(len(monthly))
    width = 0.4
    ax.bar([x - width / 2 for x in positions], [r["received_new"] for r in monthly], width,
           label="Mới tiếp nhận", color="#2166ac")
    ax.bar([x + width / 2 for x in positions], [r["resolved_total"] for r in monthly], width,
           label="Đã giải quyết", color="#92c5de")
    ax.set_xticks(list(positions), labels)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_ylabel("Số hồ sơ")
    ax.set_xlabel("Tháng (kỳ số liệu)")
    peak = max(max(r["received_new"], r["resolved_total"]) for r in monthly)
    ax.set_ylim(0, max(peak, 1) * 1.2)  # headroom for the legend
    ax.legend(loc="upper left", ncol=2)
    ax.grid(axis="y", alpha=0.3)
    return _png(plt, fig)


def least_punctual_chart(units: list[dict]) -> bytes:
    plt, (fig, ax) = _figure(height_in=0.35 * max(len(units), 4) + 1.0)
    if not units:
        _no_data(ax, f"Tỷ lệ giải quyết đúng hạn theo đơn vị: {fmt.MISSING}")
        return _png(plt, fig)
    names = [(u["ten_don_vi"] or u["ma_don_vi"])[:55] for u in units][::-1]
    rates = [u["on_time_rate"] for u in units][::-1]
    bars = ax.barh(names, rates, color="#d6604d")
    low = min(rates)
    left = max(0.0, low - (100 - low) * 0.5 - 1)
    ax.set_xlim(left, 100 + (100 - left) * 0.12)  # room for the labels of units at 100%
    for bar, rate in zip(bars, rates):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + fmt.percent(rate),
                va="center", fontsize=8)
    ax.set_xlabel("Tỷ lệ giải quyết đúng hạn (%)")
    ax.grid(axis="x", alpha=0.3)
    return _png(plt, fig)


def par_distribution_chart(units: list[dict]) -> bytes:
    plt, (fig, ax) = _figure()
    if not units:
        _no_data(ax, f"Chỉ số CCHC của các đơn vị: {fmt.MISSING}")
        return _png(plt, fig)
    edges = list(range(0, 101, 5))
    present = [band for band in BAND_COLOURS if any(u["band"] == band for u in units)]
    ax.hist([[u["par_index"] for u in units if u["band"] == band] for band in present], bins=edges, stacked=True,
            color=[BAND_COLOURS[band] for band in present], edgecolor="white",
            label=[f"{BAND_LABELS[band]} ({sum(u['band'] == band for u in units)})" for band in present])
    for threshold in (50, 65, 80, 90):
        ax.axvline(threshold, color="grey", linestyle="--", linewidth=0.8)
    low = min(u["par_index"] for u in units)
    ax.set_xlim(max(0, (int(low) // 10) * 10 - 5), 100)
    ax.set_xlabel("Chỉ số CCHC (%)")
    ax.set_ylabel("Số cơ quan, đơn vị")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left")
    return _png(plt, fig)

"""Vietnamese number and date style for the report (COUNTING_RULES: 178.770; 93,61%; 14/06/2020).

Every formatter takes None and returns MISSING, so a null figure can never
print as 0 or 'None'.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from numbers import Number

from babel.numbers import format_decimal

MISSING = "chưa có số liệu"
LOCALE = "vi_VN"


def _is_missing(value) -> bool:
    return value is None


def number(value: int | None, *, pad2: bool = False) -> str:
    """An integer with '.' as thousands separator; pad2 writes 1–9 as '01'–'09' (the seed's style for counts)."""
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool) or not isinstance(value, Number):
        raise TypeError(f"not a number: {value!r}")
    text = format_decimal(int(value), format="#,##0", locale=LOCALE)
    if pad2 and 0 < int(value) < 10:
        text = f"0{text}"
    return text


def decimal(value: float | Decimal | None, digits: int = 2) -> str:
    """A decimal with ',' as decimal mark and exactly `digits` decimals: 82,03."""
    if _is_missing(value):
        return MISSING
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    # Babel rounds half-even on Decimal; reports round half-up as people do by hand.
    quantized = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding="ROUND_HALF_UP")
    return format_decimal(quantized, format=pattern, locale=LOCALE, decimal_quantization=True)


def percent(value: float | Decimal | None, digits: int = 2) -> str:
    """A percentage already on the 0–100 scale: 93,61%; a whole rate without decimals: 100%."""
    if _is_missing(value):
        return MISSING
    if Decimal(str(value)) == Decimal(str(value)).to_integral_value():
        return f"{decimal(value, 0)}%"
    return f"{decimal(value, digits)}%"


def axis_number(value, digits: int = 1) -> str:
    """A chart axis label in Vietnamese style: 99,0 (decimals) or 12.000 (whole numbers)."""
    if float(value).is_integer() and digits == 0:
        return number(int(value))
    return decimal(value, digits)


def count_change(change: int | None, unit: str = "hồ sơ") -> str:
    """'tăng 1.234 hồ sơ' / 'giảm 12 hồ sơ' / 'không thay đổi' (this period − the earlier one)."""
    if _is_missing(change):
        return MISSING
    if change > 0:
        return f"tăng {number(change)} {unit}"
    if change < 0:
        return f"giảm {number(-change)} {unit}"
    return "không thay đổi"


def points_change(change: float | Decimal | None) -> str:
    """A rate's change in percentage points: 'tăng 0,52 điểm phần trăm' / 'giảm …' / 'không thay đổi'."""
    if _is_missing(change):
        return MISSING
    rounded = Decimal(str(change)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    if rounded > 0:
        return f"tăng {decimal(rounded)} điểm phần trăm"
    if rounded < 0:
        return f"giảm {decimal(-rounded)} điểm phần trăm"
    return "không thay đổi"


def date(value: dt.date | str | None) -> str:
    """dd/mm/yyyy."""
    if _is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def rank_change(change: int | None, previous_year: int) -> str:
    """'tăng 05 bậc so với năm 2018' / 'giảm 02 bậc …' / 'giữ nguyên thứ hạng …'."""
    if _is_missing(change):
        return f"{MISSING} so sánh với năm {previous_year}"
    if change > 0:
        return f"tăng {number(change, pad2=True)} bậc so với năm {previous_year}"
    if change < 0:
        return f"giảm {number(-change, pad2=True)} bậc so với năm {previous_year}"
    return f"giữ nguyên thứ hạng so với năm {previous_year}"


def percent_change(change: float | Decimal | None, previous_year: int) -> str:
    """'tăng 4,38% so với năm 2018' / 'giảm 1,20% …' / 'không thay đổi …'."""
    if _is_missing(change):
        return f"{MISSING} so sánh với năm {previous_year}"
    rounded = Decimal(str(change)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    if rounded > 0:
        return f"tăng {percent(rounded)} so với năm {previous_year}"
    if rounded < 0:
        return f"giảm {percent(-rounded)} so với năm {previous_year}"
    return f"không thay đổi so với năm {previous_year}"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

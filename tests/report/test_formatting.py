"""Vietnamese number and date style (COUNTING_RULES 'Vietnamese number style')."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from include.report import formatting as fmt


@pytest.mark.parametrize(("value", "expected"), [
    (178770, "178.770"), (1827, "1.827"), (20990, "20.990"), (999, "999"), (1234567, "1.234.567"),
    (0, "0"), (-2159, "-2.159"),
])
def test_thousands_use_a_dot(value, expected):
    assert fmt.number(value) == expected


def test_small_counts_are_padded_like_the_seed_only_when_asked():
    assert fmt.number(5, pad2=True) == "05"
    assert fmt.number(5) == "5"
    assert fmt.number(0, pad2=True) == "0"
    assert fmt.number(12, pad2=True) == "12"


@pytest.mark.parametrize(("value", "expected"), [
    (93.6073059360730, "93,61%"), (99.658994032395, "99,66%"), (82.03, "82,03%"), (100, "100%"),
    (0, "0%"), (Decimal("59.649122807"), "59,65%"), (1234.5, "1.234,50%"), (0.005, "0,01%"),
])
def test_percentages_use_a_decimal_comma_and_two_decimals(value, expected):
    assert fmt.percent(value) == expected


def test_decimal_rounds_half_up():
    assert fmt.decimal(2.675) == "2,68"  # float 2.675 is 2.67499…; the report rounds the written value
    assert fmt.decimal(Decimal("4.385")) == "4,39"


@pytest.mark.parametrize("formatter", [fmt.number, fmt.percent, fmt.decimal, fmt.date])
def test_null_prints_as_missing_never_zero_or_none(formatter):
    text = formatter(None)
    assert text == "chưa có số liệu"
    assert "None" not in text and "0" not in text


def test_dates_are_dd_mm_yyyy():
    assert fmt.date(dt.date(2020, 6, 14)) == "14/06/2020"
    assert fmt.date("2020-03-31") == "31/03/2020"


def test_rank_change_up_down_same_and_null():
    assert fmt.rank_change(5, 2018) == "tăng 05 bậc so với năm 2018"
    assert fmt.rank_change(-3, 2018) == "giảm 03 bậc so với năm 2018"
    assert fmt.rank_change(-12, 2018) == "giảm 12 bậc so với năm 2018"
    assert fmt.rank_change(0, 2018) == "giữ nguyên thứ hạng so với năm 2018"
    assert fmt.rank_change(None, 2018).startswith("chưa có số liệu")


def test_percent_change_negative_and_positive():
    assert fmt.percent_change(4.38, 2018) == "tăng 4,38% so với năm 2018"
    assert fmt.percent_change(-1.2, 2018) == "giảm 1,20% so với năm 2018"
    assert fmt.percent_change(0.001, 2018) == "không thay đổi so với năm 2018"
    assert fmt.percent_change(None, 2018).startswith("chưa có số liệu")


def test_booleans_are_not_numbers():
    with pytest.raises(TypeError):
        fmt.number(True)

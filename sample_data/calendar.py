"""Vietnamese public holidays 2019–2020 and working-day arithmetic.

Days off for public servants (Labour Code 2012, Decree 45/2013) and the
make-up Saturdays of the Prime Minister's yearly swap notices.
"""
from __future__ import annotations

import bisect
import datetime as dt

D = dt.date

# (day, loai, ten): NGHI = day off, LAM_BU = Saturday worked as a make-up day.
HOLIDAYS: list[tuple[dt.date, str, str]] = [
    (D(2018, 12, 31), "NGHI", "Nghỉ bù Tết Dương lịch (hoán đổi ngày làm việc)"),
    (D(2019, 1, 1), "NGHI", "Tết Dương lịch"),
    (D(2019, 1, 5), "LAM_BU", "Làm bù cho ngày 31/12/2018"),
    *[(D(2019, 2, d), "NGHI", "Tết Nguyên đán Kỷ Hợi") for d in range(2, 11)],
    (D(2019, 4, 14), "NGHI", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2019, 4, 15), "NGHI", "Nghỉ bù Giỗ Tổ Hùng Vương"),
    (D(2019, 4, 29), "NGHI", "Nghỉ hoán đổi dịp 30/4 - 1/5"),
    (D(2019, 4, 30), "NGHI", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (D(2019, 5, 1), "NGHI", "Ngày Quốc tế Lao động"),
    (D(2019, 5, 4), "LAM_BU", "Làm bù cho ngày 29/4/2019"),
    (D(2019, 9, 2), "NGHI", "Quốc khánh"),
    (D(2020, 1, 1), "NGHI", "Tết Dương lịch"),
    *[(D(2020, 1, d), "NGHI", "Tết Nguyên đán Canh Tý") for d in range(23, 30)],
    (D(2020, 4, 2), "NGHI", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2020, 4, 30), "NGHI", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (D(2020, 5, 1), "NGHI", "Ngày Quốc tế Lao động"),
    (D(2020, 9, 2), "NGHI", "Quốc khánh"),
]

_OFF = {d for d, kind, _ in HOLIDAYS if kind == "NGHI"}
_MAKE_UP = {d for d, kind, _ in HOLIDAYS if kind == "LAM_BU"}


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday, minus NGHI days, plus LAM_BU days (SOURCES.md, holidays.csv)."""
    if day in _MAKE_UP:
        return True
    return day.weekday() < 5 and day not in _OFF


class WorkCalendar:
    """Working days between two dates as a list; days are handled as ordinals."""

    def __init__(self, first: dt.date, last: dt.date):
        self.days: list[int] = [o for o in range(first.toordinal(), last.toordinal() + 1)
                                if is_working_day(dt.date.fromordinal(o))]
        self.index = {o: i for i, o in enumerate(self.days)}

    def first_on_or_after(self, day: dt.date) -> int:
        """Index of the first working day ≥ day."""
        return bisect.bisect_left(self.days, day.toordinal())

    def last_on_or_before(self, day: dt.date) -> int:
        """Index of the last working day ≤ day."""
        return bisect.bisect_right(self.days, day.toordinal()) - 1

    def date(self, i: int) -> dt.date:
        return dt.date.fromordinal(self.days[i])

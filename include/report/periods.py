"""Period codes (docs/design.md 'Periods'): parsing, and which H1/year cut-off a scheduled run renders."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# The one definition of a period code; also the Airflow form's JSON-schema `pattern` (dags/cchc_report.py),
# so it is written without Python-only syntax.
PERIOD_PATTERN = r"^([0-9]{4})(-(H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$"
PERIOD_CODE_RE = re.compile(PERIOD_PATTERN)
CUTOFFS = ("nd09", "calendar")
QUARTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class PeriodCode:
    code: str
    year: int
    kind: str  # YEAR, HALF, QUARTER, MONTH
    number: int | None  # half, quarter or month number

    def next_quarter(self) -> tuple[int, int]:
        """(quarter, year) following the period: the heading of the 'next tasks' section."""
        last_month = {"YEAR": 12, "HALF": 6 * (self.number or 0), "QUARTER": 3 * (self.number or 0),
                      "MONTH": self.number or 0}[self.kind]
        quarter = (last_month - 1) // 3 + 2
        return (1, self.year + 1) if quarter > 4 else (quarter, self.year)


def parse_period_code(code: str) -> PeriodCode | None:
    match = PERIOD_CODE_RE.match(code)
    if match is None:
        return None
    year, _, _, half, quarter, month = match.groups()
    if half:
        return PeriodCode(code, int(year), "HALF", int(half))
    if quarter:
        return PeriodCode(code, int(year), "QUARTER", int(quarter))
    if month:
        return PeriodCode(code, int(year), "MONTH", int(month))
    return PeriodCode(code, int(year), "YEAR", None)


def cutoff_end(period_code: str, cutoff: str) -> dt.date:
    """Last day of an H1 or year period (only those are rendered on schedule)."""
    period = parse_period_code(period_code)
    if period is None or period.kind not in ("HALF", "YEAR"):
        raise ValueError(f"not a half-year or year period: {period_code!r}")
    month = 6 if period.kind == "HALF" and period.number == 1 else 12
    if cutoff == "nd09":
        return dt.date(period.year, month, 14)
    return dt.date(period.year, month, 30 if month == 6 else 31)


def latest_cutoff_period(reference: dt.date, cutoff: str) -> str:
    """The H1 or year period whose cut-off is the latest one on or before `reference`.

    Under nd09 the cut-offs are 14/06 (H1) and 14/12 (year); under calendar 30/06 and 31/12.
    The run on the cut-off day itself does not count it yet: its data is still arriving.
    """
    year = reference.year
    candidates = [f"{year}", f"{year}-H1", f"{year - 1}", f"{year - 1}-H1"]
    passed = [code for code in candidates if cutoff_end(code, cutoff) < reference]
    return max(passed, key=lambda code: cutoff_end(code, cutoff))


def _shift(period: PeriodCode, years: int, steps: int) -> str:
    """The code of the period of the same kind `years` years and `steps` periods earlier."""
    year = period.year - years
    if period.kind == "YEAR":
        return str(year - steps)
    per_year = {"HALF": 2, "QUARTER": 4, "MONTH": 12}[period.kind]
    index = year * per_year + (period.number - 1) - steps
    year, number = divmod(index, per_year)
    number += 1
    return {"HALF": f"{year}-H{number}", "QUARTER": f"{year}-Q{number}", "MONTH": f"{year}-{number:02d}"}[period.kind]


def comparison_period_codes(period_code: str) -> dict[str, str]:
    """COUNTING_RULES 'Comparisons': previous = the period of the same kind just before; year_ago = one year
    before (for a year, the same as previous). 2020-H1 → {previous: 2019-H2, year_ago: 2019-H1}."""
    period = parse_period_code(period_code)
    if period is None:
        raise ValueError(f"not a period code: {period_code!r}")
    return {"previous": _shift(period, 0, 1), "year_ago": _shift(period, 1, 0)}

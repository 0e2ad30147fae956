"""Earlier dossier history (03/12/2018 … 30/09/2019), so that the 2020-H1 report can be compared with
2019-H2 (previous half-year) and 2019-H1 (the same half-year a year earlier).

Why it cannot move a 2020-H1 figure: every history dossier is a background dossier that closes before
15/12/2019 (the start of 2020-H1 under the nd09 cut-off), so it is neither carried over into nor counted
in 2020-H1; and it is drawn from its own random streams ("history-…"), so the dossiers of the main
generator — and with them all 95 golden figures — are exactly as without it. Its records go to the same
daily files (onestop/dossier_log_YYYYMMDD.jsonl), appended after the main generator's lines.

How plausible the earlier figures are: the receipts per working day follow the same weekday, Tết and
holiday shape as the main generator, at HISTORY_VOLUME of its 2020-H1 rate (volumes a few per cent lower
the further back); late closes are HISTORY_LATE_SHARE of the dossiers (on-time rates a few tenths to a
couple of points lower than in 2020-H1, improving towards 2020). The half-years before 2019-H1 are not
covered (the log starts on 03/12/2018, after 2018-H2's start) and compare as "no data".
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from .calendar import WorkCalendar
from .dossiers import BG_BEFORE, DossierGenerator, LogWriter, day_weights
from .names import ApplicantPool
from .targets import DOSSIER_FIRST_RECEIPT, LOG_LAST_SYNC_DAY, PERIOD_FROM, PERIOD_TO, dossier_quotas

HISTORY_FIRST_RECEIPT = dt.date(2018, 12, 3)   # on or before 15/12/2018, the start of 2019-H1 (nd09)
# Receipts per working day, relative to the main generator's 2020-H1 rate, by the day's nd09 half-year.
HISTORY_VOLUME = ((dt.date(2019, 6, 15), 0.94), (dt.date(2019, 12, 15), 0.97))
# Share of history dossiers closed after their due date (2020-H1 itself: 65 of 175.256).
HISTORY_LATE_SHARE = ((dt.date(2019, 6, 15), 0.012), (dt.date(2019, 12, 15), 0.006))


def _by_date(table, day: dt.date) -> float:
    return next(value for until, value in table if day < until)


class HistoryGenerator(DossierGenerator):
    """The main generator's day and dossier machinery on its own calendar, streams and files."""

    def __init__(self, seed: int, scale: float, agencies, catalogue, hr, outdir: Path, spill_dir: Path,
                 spill_limit: int = 100_000):
        super().__init__(seed, scale, agencies, catalogue, hr, outdir, spill_dir, spill_limit)
        self.seed = seed
        self.rng = random.Random(f"history-dossiers:{seed}:{scale!r}")
        self.shape_rng = random.Random(f"history-shape:{seed}")
        self.salt = random.Random(f"history-ids:{seed}").getrandbits(64)
        self.applicants = ApplicantPool(random.Random(f"history-applicants:{seed}"), 50_000)
        self.cal = cal = WorkCalendar(HISTORY_FIRST_RECEIPT, dt.date(2020, 12, 31))
        self.F = cal.first_on_or_after(PERIOD_FROM)   # every history dossier closes before this day
        self.T = cal.last_on_or_before(PERIOD_TO)
        self.first = cal.first_on_or_after(HISTORY_FIRST_RECEIPT)
        self.last = cal.last_on_or_before(DOSSIER_FIRST_RECEIPT - dt.timedelta(days=1))
        self.writer = LogWriter(outdir, spill_dir, LOG_LAST_SYNC_DAY.toordinal(), spill_limit)
        self.days = cal.days
        self.dstr = {o: dt.date.fromordinal(o).strftime("%Y%m%d") for o in range(self.days[0] - 10, self.days[-1] + 1)}

    def _main_rate(self) -> float:
        """The main generator's receipts per unit of day weight in 2020-H1 (recomputed on a fresh stream)."""
        main = WorkCalendar(dt.date(2019, 9, 1), dt.date(2020, 12, 31))
        first = main.first_on_or_after(DOSSIER_FIRST_RECEIPT)
        weights = day_weights(random.Random(f"dossier-shape:{self.seed}"), main, first,
                              main.last_on_or_before(dt.date(2020, 7, 31)))
        period = range(main.first_on_or_after(PERIOD_FROM) - first, main.last_on_or_before(PERIOD_TO) - first + 1)
        return sum(dossier_quotas(1.0)["new"].values()) / sum(weights[i] for i in period)

    def daily_plan(self) -> dict[int, list[tuple[int, int]]]:
        rate = self._main_rate()
        weights = day_weights(self.shape_rng, self.cal, self.first, self.last)
        plan = {}
        for i in range(self.first, self.last + 1):
            volume = _by_date(HISTORY_VOLUME, self.cal.date(i))
            plan[i] = [(BG_BEFORE, int(round(self.scale * rate * volume * weights[i - self.first])))]
        return plan

    def make_plan(self, leaf, r, proc):
        """A background dossier closing before 15/12/2019: withdrawn, late, on the due day or early."""
        T, hi = proc.days, self.F - 1
        late = _by_date(HISTORY_LATE_SHARE, self.cal.date(r))
        roll = self.rng.random()
        plan = None
        if roll < 0.015:
            plan = self.plan_withdrawn(r, T, r, hi)
        elif roll < 0.015 + late:
            plan = self.plan_late(r, T, r, hi)
        elif roll < 0.19 + late:
            plan = self.plan_on_due(r, T, r, hi)
        if plan is None:
            plan = self.plan_early(r, T, r, hi, 0.05)
        if plan is None:  # no due date: any close is on time
            plan = (None, None, None, None, self._ri(r, min(hi, r + 5)), self._close_kind())
        return plan


def add_history(seed: int, scale: float, agencies, catalogue, hr, onestop: Path, work: Path,
                spill_limit: int = 100_000) -> dict:
    """Generate the history into its own files, then append them to the main log's files of the same day."""
    staging = work / "history"
    staging.mkdir(parents=True)
    stats = HistoryGenerator(seed, scale, agencies, catalogue, hr, staging, work / "history-spill",
                             spill_limit).run()
    for path in sorted(staging.iterdir()):
        target = onestop / path.name
        if target.exists():
            with open(target, "a", encoding="utf-8", newline="") as out, open(path, encoding="utf-8") as src:
                shutil.copyfileobj(src, out)
        else:
            path.rename(target)
    shutil.rmtree(work, ignore_errors=True)
    return stats

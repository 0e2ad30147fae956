"""Sample landing zone for Sóc Trăng province (issue 5).

    python -m sample_data OUTDIR [--seed N] [--scale S]

or from Python: `generate(outdir, seed=1, scale=1.0) -> summary dict`.

It writes every file kind of `shared/contracts/SOURCES.md` (reference/,
onestop/, catalogue/, hr/, indices/ and the registers edoc/, legal/, feedback/, inspection/) for dossiers
received 03/12/2018 … 31/07/2020 (log files up to 14/08/2020): the main generator (`dossiers.py`)
from 01/10/2019, the earlier history (`history.py`, own random streams, all
closed before 2020-H1) before it, so that 2020-H1 compares with 2019-H2 and
2019-H1. Same seed and scale → byte-identical
files. The output is built in a sibling temporary directory and then swapped
in, so OUTDIR never holds a half-written or stale mix; an existing OUTDIR is
only replaced if it looks like a landing zone (nothing but the source
folders and dot-files), anything else is refused.

Guaranteed figures (period 2020-H1, nd09 cut-off 15/12/2019 … 14/06/2020,
computed per COUNTING_RULES.md): every figure of
`shared/contracts/golden/soc-trang-2020-H1.json`. The design parameters are
constants in `targets.py` (copied from the seed report, never read from
shared/ at run time) and each part checks its own output against them while
generating (an AssertionError means the design is broken):
- dossiers (`dossiers.py`): constructive leaf quotas — how is explained in that
  module's docstring; `targets.expected_dossier_figures(scale)` gives all
  Biểu 06 totals, including the ones the seed does not state (early / on due /
  withdrawn / waiting). At scale S each leaf quota is round(S × leaf).
- catalogue (`catalogue.py`): the 10/06/2020 snapshot is the one that counts.
- staff, quotas, events (`hr.py`): the 31/03/2020 roster is the one that counts.
- PAR Index and SIPAS 2019 (`indices.py`), provincial rankings, public units.
- the registers (`registers.py`): every figure of
  `shared/contracts/golden/soc-trang-2020-H1-registers.json`.
- history (`history.py`): 2019-H1 and 2019-H2 with volumes 3–6 % below
  2020-H1's rate and on-time rates a little lower (about 98,5 % and 99,4 % at
  scale 0.05, against 99,96 %); none of its dossiers reaches 2020-H1.
Only the onestop/ files depend on the scale; every other file is identical
for a given seed whatever the scale.
"""
from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

from . import calendar as _calendar
from .catalogue import DECISION_COLUMNS, PROCEDURE_COLUMNS, build_catalogue
from .dossiers import DossierGenerator
from .history import add_history
from .hr import EVENT_COLUMNS, QUOTA_COLUMNS, STAFF_COLUMNS, build_hr
from .indices import (PAR_COLUMNS, RANKING_COLUMNS, SIPAS_COLUMNS, build_par, build_sipas, ranking_rows)
from .registers import write_registers
from .reference import AGENCY_COLUMNS, HOLIDAY_COLUMNS, PROVINCE_COLUMNS, build_agencies, province_rows
from .targets import CATALOGUE_SNAPSHOTS, PAR_2019_TABLE, STAFF_SNAPSHOTS, expected_dossier_figures
from .util import write_csv

__all__ = ["generate", "expected_dossier_figures", "SOURCE_FOLDERS"]

SOURCE_FOLDERS = ("reference", "onestop", "catalogue", "hr", "indices", "edoc", "legal", "feedback", "inspection")


class OutdirError(RuntimeError):
    pass


def _check_replaceable(outdir: Path) -> None:
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise OutdirError(f"{outdir} exists and is not a directory")
    foreign = [p.name for p in outdir.iterdir() if p.name not in SOURCE_FOLDERS and not p.name.startswith(".")]
    if foreign:
        raise OutdirError(f"{outdir} does not look like a landing zone (it holds {sorted(foreign)[:5]}); "
                          "refusing to replace it")


def generate(outdir, seed: int = 1, scale: float = 1.0, *, spill_limit: int = 100_000) -> dict:
    """Write the sample landing zone into `outdir` (replacing an earlier one) and return a summary."""
    if scale <= 0:
        raise ValueError("scale must be > 0")
    started = time.monotonic()
    outdir = Path(outdir).resolve()
    _check_replaceable(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = outdir.parent / f".{outdir.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        summary = _write_all(staging, seed, scale, spill_limit)
        # swap: the old zone (with its stale files) is moved aside, then removed
        old = outdir.parent / f".{outdir.name}.old-{os.getpid()}"
        if outdir.exists():
            # dot-files of callers (e.g. freshness stamps) go with the old content they describe
            outdir.rename(old)
        staging.rename(outdir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary["outdir"] = str(outdir)
    summary["seconds"] = round(time.monotonic() - started, 2)
    return summary


def _write_all(root: Path, seed: int, scale: float, spill_limit: int) -> dict:
    files: dict[str, int] = {}

    def csv_file(relative: str, columns, rows) -> None:
        files[relative] = write_csv(root / relative, columns, rows)

    agencies = build_agencies()
    csv_file("reference/province.csv", PROVINCE_COLUMNS, province_rows())
    csv_file("reference/agencies.csv", AGENCY_COLUMNS, agencies.rows)
    csv_file("reference/holidays.csv", HOLIDAY_COLUMNS,
             ({"ngay": d.isoformat(), "loai": kind, "ten": name} for d, kind, name in _calendar.HOLIDAYS))

    catalogue = build_catalogue(random.Random(f"catalogue:{seed}"))
    for day in CATALOGUE_SNAPSHOTS:
        csv_file(f"catalogue/procedures_{day:%Y%m%d}.csv", PROCEDURE_COLUMNS,
                 catalogue.snapshot_rows(day, agencies.departments))
    csv_file("catalogue/decisions.csv", DECISION_COLUMNS,
             ({"so_quyet_dinh": d.number, "ngay_ban_hanh": d.day.isoformat(), "ma_tthc": code, "loai": loai}
              for d in catalogue.decisions for code, loai in d.rows))

    hr = build_hr(random.Random(f"hr:{seed}"), agencies)
    for day in STAFF_SNAPSHOTS:
        csv_file(f"hr/staff_{day:%Y%m%d}.csv", STAFF_COLUMNS, hr.snapshot_rows(day))
    for year, rows in hr.quotas.items():
        csv_file(f"hr/quotas_{year}.csv", QUOTA_COLUMNS, rows)
    csv_file("hr/personnel_events.csv", EVENT_COLUMNS, hr.events)

    csv_file("indices/par_index_2018.csv", PAR_COLUMNS, build_par(random.Random(f"par2018:{seed}"), agencies, None))
    csv_file("indices/par_index_2019.csv", PAR_COLUMNS,
             build_par(random.Random(f"par2019:{seed}"), agencies, PAR_2019_TABLE))
    csv_file("indices/sipas_2018.csv", SIPAS_COLUMNS, build_sipas(random.Random(f"sipas2018:{seed}"), agencies,
                                                                  2018, exact=False))
    csv_file("indices/sipas_2019.csv", SIPAS_COLUMNS, build_sipas(random.Random(f"sipas2019:{seed}"), agencies,
                                                                  2019, exact=True))
    csv_file("indices/provincial_rankings.csv", RANKING_COLUMNS, ranking_rows())
    write_registers(root, agencies, csv_file)

    onestop = root / "onestop"
    onestop.mkdir()
    dossiers = DossierGenerator(seed, scale, agencies, catalogue, hr, onestop, root / ".spill", spill_limit).run()
    shutil.rmtree(root / ".spill", ignore_errors=True)
    # 03/12/2018 … 30/09/2019, own random streams, all closed before 2020-H1: comparisons have data (history.py)
    dossiers["history"] = add_history(seed, scale, agencies, catalogue, hr, onestop, root / ".history",
                                      spill_limit)
    return {"seed": seed, "scale": scale, "csv_rows": files, "dossier_log": dossiers,
            "expected_2020_H1_nd09": expected_dossier_figures(scale)}

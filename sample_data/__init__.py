"""Sample landing zone for Sóc Trăng province (issue 5).

    python -m sample_data OUTDIR [--seed N] [--scale S] [--province CODE:NAME]

or from Python: `generate(outdir, seed=1, scale=1.0, province=None) -> summary dict`.

`--province 95:Bạc Liêu` makes the same landing zone for another province (to
build a landing root of several, `<root>/<ma_tinh>/`): province.csv and the
province's published rankings carry CODE, unit codes end in `.T<CODE>` instead
of `.H55` (so dossier codes, which start with the unit code, follow), and every
"Sóc Trăng" in a name becomes NAME. Everything else (log record Ids, figures)
is what the same seed gives Sóc Trăng: two provinces send the same `Id`s, as
SOURCES.md allows. Without it the output is Sóc Trăng's, byte for byte.

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

import csv
import io
import os
import random
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from . import calendar as _calendar
from .catalogue import DECISION_COLUMNS, PROCEDURE_COLUMNS, build_catalogue
from .dossiers import DossierGenerator
from .history import add_history
from .hr import EVENT_COLUMNS, QUOTA_COLUMNS, STAFF_COLUMNS, build_hr
from .indices import (PAR_COLUMNS, RANKING_COLUMNS, SIPAS_COLUMNS, build_par, build_sipas, ranking_rows)
from .registers import write_registers
from .reference import AGENCY_COLUMNS, HOLIDAY_COLUMNS, PROVINCE_COLUMNS, build_agencies, province_rows
from .targets import (CATALOGUE_SNAPSHOTS, PAR_2019_TABLE, PROVINCE_CODE, PROVINCE_NAME, STAFF_SNAPSHOTS,
                      UNIT_SUFFIX, expected_dossier_figures)
from .util import write_csv

__all__ = ["generate", "expected_dossier_figures", "parse_province", "Province", "SOURCE_FOLDERS"]

SOURCE_FOLDERS = ("reference", "onestop", "catalogue", "hr", "indices", "edoc", "legal", "feedback", "inspection")


class OutdirError(RuntimeError):
    pass


@dataclass(frozen=True)
class Province:
    """Which province the sample zone is for: its code, name and unit-code suffix."""

    code: str
    name: str
    unit_suffix: str


SOC_TRANG = Province(PROVINCE_CODE, PROVINCE_NAME, UNIT_SUFFIX)
_CODE_RE = re.compile(r"[0-9A-Za-z]{1,8}")
_NAME_RE = re.compile(r"[^\W\d_][\w .'-]*", re.UNICODE)   # no comma, quote or backslash: safe in CSV and JSON


def parse_province(text: str | None) -> Province:
    """'CODE:NAME' (e.g. '95:Bạc Liêu') → Province; None → Sóc Trăng."""
    if text is None:
        return SOC_TRANG
    code, sep, name = text.partition(":")
    code, name = code.strip(), name.strip()
    if not sep or not _CODE_RE.fullmatch(code) or not _NAME_RE.fullmatch(name):
        raise ValueError(f"--province expects CODE:NAME (e.g. '95:Bạc Liêu': CODE letters/digits, NAME letters, "
                         f"spaces, hyphens), got {text!r}")
    if code == SOC_TRANG.code:
        if name != SOC_TRANG.name:
            raise ValueError(f"province code {code} is {SOC_TRANG.name}'s")
        return SOC_TRANG
    return Province(code, name, f"T{code}")


def _check_replaceable(outdir: Path) -> None:
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise OutdirError(f"{outdir} exists and is not a directory")
    foreign = [p.name for p in outdir.iterdir() if p.name not in SOURCE_FOLDERS and not p.name.startswith(".")]
    if foreign:
        raise OutdirError(f"{outdir} does not look like a landing zone (it holds {sorted(foreign)[:5]}); "
                          "refusing to replace it")


def generate(outdir, seed: int = 1, scale: float = 1.0, *, spill_limit: int = 100_000,
             province: str | Province | None = None) -> dict:
    """Write the sample landing zone into `outdir` (replacing an earlier one) and return a summary."""
    if scale <= 0:
        raise ValueError("scale must be > 0")
    province = province if isinstance(province, Province) else parse_province(province)
    started = time.monotonic()
    outdir = Path(outdir).resolve()
    _check_replaceable(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = outdir.parent / f".{outdir.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        summary = _write_all(staging, seed, scale, spill_limit)
        if province != SOC_TRANG:
            _rename_province(staging, province)
        summary["province"] = {"ma_tinh": province.code, "ten_tinh": province.name}
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


def _rename_province(root: Path, province: Province) -> None:
    """Turn the generated Sóc Trăng zone into `province`'s: codes and names follow it, file by file."""
    replacements = [(f".{SOC_TRANG.unit_suffix}".encode(), f".{province.unit_suffix}".encode()),
                    (SOC_TRANG.name.encode(), province.name.encode())]
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        data = path.read_bytes()
        for old, new in replacements:
            data = data.replace(old, new)
        path.write_bytes(data)
    # The province's own rows: province.csv and its published ranking (other provinces' rows, if any, stay).
    csv_rows = {"reference/province.csv": PROVINCE_COLUMNS, "indices/provincial_rankings.csv": RANKING_COLUMNS}
    for relative, columns in csv_rows.items():
        path = root / relative
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for row in rows:
            if row["ma_tinh"] == SOC_TRANG.code:
                row["ma_tinh"] = province.code
        write_csv(path, columns, rows)

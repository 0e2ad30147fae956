"""Landing zones: one province's zone, or a root holding one zone per province (`<root>/<ma_tinh>/`).

A directory holding `reference/province.csv` is a zone; a directory whose subdirectories
hold it is a root. Codes are unique only within a province, so the zone's `ma_tinh`
(read from its province.csv) goes with every file and row loaded from it. In a root,
a zone's folder must be named after the `ma_tinh` its province.csv names.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from include.ingest.decoding import FileFault, decode_landing_file
from include.ingest.records import IngestError

PROVINCE_FILE = "reference/province.csv"


@dataclass(frozen=True)
class Zone:
    """One province's landing zone."""

    path: Path
    folder: str | None       # the zone's folder name inside a root; None for a single zone
    ma_tinh: str | None      # from its province.csv; None while unread (see `read_province`)

    @property
    def label(self) -> str:
        """Prefix of file paths in messages: '<folder>/' inside a root, '' for a single zone."""
        return f"{self.folder}/" if self.folder is not None else ""


def is_zone(directory: Path) -> bool:
    return (directory / PROVINCE_FILE).is_file()


def find_zones(landing_dir: Path) -> tuple[list[Zone], bool]:
    """(zones in folder order, whether `landing_dir` is a root). Province codes are not read yet."""
    landing_dir = Path(landing_dir)
    if not landing_dir.is_dir():
        raise IngestError(f"landing directory {landing_dir} does not exist or is not a directory")
    if is_zone(landing_dir):
        return [Zone(landing_dir, None, None)], False
    subdirectories = sorted(p for p in landing_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not any(is_zone(p) for p in subdirectories):
        # Neither a zone nor a root: treated as a zone, which then fails on its missing reference files.
        return [Zone(landing_dir, None, None)], False
    return [Zone(p, p.name, None) for p in subdirectories], True


def read_province(zone: Zone) -> Zone:
    """The zone with its `ma_tinh`; IngestError (naming file, line, column) when the zone cannot say which
    province it is, or when a zone of a root is not named after its province."""
    shown = f"{zone.label}{PROVINCE_FILE}"
    path = zone.path / PROVINCE_FILE
    if not path.is_file():
        raise IngestError(f"required reference file(s) missing from the landing zone {zone.path}: {PROVINCE_FILE}")
    try:
        codes = _province_codes(path.read_bytes(), shown)
    except FileFault as fault:
        raise IngestError(f"cannot tell which province the landing zone {zone.path} is: {fault}") from None
    if not codes:
        raise IngestError(f"{shown}: no row with a ma_tinh: the landing zone {zone.path} must name its province")
    if len(codes) > 1:
        listed = ", ".join(f"'{code}' (line {line})" for code, line in codes.items())
        raise IngestError(f"{shown}, column ma_tinh: a landing zone holds one province, this one names "
                          f"{len(codes)}: {listed}")
    ma_tinh, line = next(iter(codes.items()))
    if zone.folder is not None and zone.folder != ma_tinh:
        raise IngestError(f"{shown}, line {line}, column ma_tinh: the zone's folder is '{zone.folder}' but its "
                          f"province.csv names ma_tinh '{ma_tinh}'; in a landing root every zone's folder is named "
                          "after its province code (<root>/<ma_tinh>/)")
    return Zone(zone.path, zone.folder, ma_tinh)


def _province_codes(data: bytes, shown: str) -> dict[str, int]:
    """Distinct non-empty ma_tinh values of a province.csv, each with the first line naming it."""
    text, _ = decode_landing_file(data, shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if "ma_tinh" not in header:
            raise FileFault(shown, "missing column(s) in the header: ma_tinh", line=1, column="ma_tinh")
        position = header.index("ma_tinh")
        codes: dict[str, int] = {}
        line = reader.line_num
        for record in reader:
            value = record[position] if position < len(record) else ""
            if value:
                codes.setdefault(value, line + 1)
            line = reader.line_num
    except csv.Error as exc:
        raise FileFault(shown, f"malformed CSV: {exc}", line=reader.line_num) from None
    return codes

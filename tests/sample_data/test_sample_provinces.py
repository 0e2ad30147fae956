"""The generator's --province: the same zone for another province, codes and names following it."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sample_data import generate, parse_province

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCALE, SEED = 0.002, 5


def _files(zone: Path) -> dict[str, bytes]:
    return {p.relative_to(zone).as_posix(): p.read_bytes() for p in sorted(zone.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def zones(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("provinces")
    generate(base / "default", seed=SEED, scale=SCALE)
    generate(base / "94", seed=SEED, scale=SCALE, province="94:Sóc Trăng")
    generate(base / "95", seed=SEED, scale=SCALE, province="95:Bạc Liêu")
    return {name: base / name for name in ("default", "94", "95")}


def test_soc_trang_by_name_is_the_default_byte_for_byte(zones):
    assert _files(zones["94"]) == _files(zones["default"])


def test_other_province_follows_code_and_name(zones):
    soc_trang, bac_lieu = zones["default"], zones["95"]
    assert _files(bac_lieu).keys() == _files(soc_trang).keys()
    assert _rows(bac_lieu / "reference" / "province.csv") == [{"ma_tinh": "95", "ten_tinh": "Bạc Liêu"}]
    assert {r["ma_tinh"] for r in _rows(bac_lieu / "indices" / "provincial_rankings.csv")} == {"95"}
    agencies = _rows(bac_lieu / "reference" / "agencies.csv")
    assert agencies and all(r["ma_don_vi"].endswith(".T95") for r in agencies)
    assert "UBND tỉnh Bạc Liêu" in {r["ten_don_vi"] for r in agencies}
    for name, data in _files(bac_lieu).items():
        assert b".H55" not in data and "Sóc Trăng".encode() not in data, name
    # Same seed, same records: the log Ids are the same in both provinces; unit and dossier codes follow.
    day = sorted((soc_trang / "onestop").glob("*.jsonl"))[0].name
    theirs = [json.loads(line) for line in (soc_trang / "onestop" / day).read_text(encoding="utf-8").splitlines()]
    ours = [json.loads(line) for line in (bac_lieu / "onestop" / day).read_text(encoding="utf-8").splitlines()]
    assert [r["Id"] for r in ours] == [r["Id"] for r in theirs] and ours
    assert [r["MaDonVi"] for r in ours] == [r["MaDonVi"].replace(".H55", ".T95") for r in theirs]
    assert [r["MaHoSo"] for r in ours] == [r["MaHoSo"].replace(".H55", ".T95") for r in theirs]


@pytest.mark.parametrize("text", ["95", "95:", ":Bạc Liêu", "9 5:Bạc Liêu", "95:Bạc, Liêu", '95:Bạc "Liêu"',
                                  "94:Bạc Liêu"])
def test_bad_province_argument_is_refused(text):
    with pytest.raises(ValueError):
        parse_province(text)


def test_cli_takes_province(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-m", "sample_data", str(tmp_path / "z"), "--scale", "0.002",
                           "--province", "95:Bạc Liêu"], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Bạc Liêu, ma_tinh 95" in done.stdout
    assert _rows(tmp_path / "z" / "reference" / "province.csv") == [{"ma_tinh": "95", "ten_tinh": "Bạc Liêu"}]
    refused = subprocess.run([sys.executable, "-m", "sample_data", str(tmp_path / "y"), "--province", "95"],
                             cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "CODE:NAME" in refused.stderr

"""indices/: PAR Index scoring sheets, SIPAS answers (2018, 2019), provincial rankings.

PAR 2019 (guaranteed, seed): 46 scored units, 40 ranked with exactly the seed's
band × nhom table, 6 unranked (the seed's footnote 14). Scores are kept in
quarter points (integers) so the index 100 × Σ thẩm định / Σ tối đa is an
exact fraction; each ranked unit's index lies inside BAND_TARGET_RANGES, at
least 0.75 points from every band edge, so float rounding cannot move it.
SIPAS 2019 (guaranteed, seed): 43 units, 38 with satisfaction ≥ 80 %, exactly
four at 100 % (the seed's names). Answer counts are chosen with integer
arithmetic so no unit sits near 80 % or 100 %.
"""
from __future__ import annotations

import random
from fractions import Fraction

from .reference import Agencies
from .targets import (BAND_TARGET_RANGES, PROVINCE_CODE, PROVINCE_NAME, PROVINCIAL_RANKINGS,
                      SIPAS_2019_100_NAMES, SIPAS_2019_GE_80, SIPAS_2019_UNITS)

PAR_COLUMNS = ["ma_don_vi", "nhom", "xep_hang", "linh_vuc", "ma_tieu_chi", "diem_toi_da", "diem_tu_danh_gia",
               "diem_tham_dinh"]
SIPAS_COLUMNS = ["ma_phieu", "ma_don_vi", "yeu_to", "ma_cau_hoi", "muc_do"]
RANKING_COLUMNS = ["nam", "ma_tinh", "ten_tinh", "par_index", "xep_hang", "so_tinh", "sipas"]

# (linh_vuc, criterion, maximum in quarter points); 100 points in all
CRITERIA = [
    ("CONG_TAC_CHI_DAO", "1.1", 8), ("CONG_TAC_CHI_DAO", "1.2", 8), ("CONG_TAC_CHI_DAO", "1.3", 6),
    ("CONG_TAC_CHI_DAO", "1.4", 8), ("CONG_TAC_CHI_DAO", "1.5", 6), ("CONG_TAC_CHI_DAO", "1.6", 8),
    ("THE_CHE", "2.1", 8), ("THE_CHE", "2.2", 8), ("THE_CHE", "2.3", 6), ("THE_CHE", "2.4", 6),
    ("TTHC", "3.1", 8), ("TTHC", "3.2", 8), ("TTHC", "3.3", 12), ("TTHC", "3.4", 8), ("TTHC", "3.5", 12),
    ("TTHC", "3.6", 8),
    ("TO_CHUC_BO_MAY", "4.1", 8), ("TO_CHUC_BO_MAY", "4.2", 8), ("TO_CHUC_BO_MAY", "4.3", 8),
    ("TO_CHUC_BO_MAY", "4.4", 6),
    ("CONG_VU", "5.1", 8), ("CONG_VU", "5.2", 8), ("CONG_VU", "5.3", 6), ("CONG_VU", "5.4", 8),
    ("CONG_VU", "5.5", 8), ("CONG_VU", "5.6", 6),
    ("TAI_CHINH_CONG", "6.1", 8), ("TAI_CHINH_CONG", "6.2", 8), ("TAI_CHINH_CONG", "6.3", 8),
    ("TAI_CHINH_CONG", "6.4", 6),
    ("CHINH_QUYEN_SO", "7.1", 8), ("CHINH_QUYEN_SO", "7.2", 10), ("CHINH_QUYEN_SO", "7.3", 8),
    ("CHINH_QUYEN_SO", "7.4", 8), ("CHINH_QUYEN_SO", "7.5", 6),
    ("DTXHH", "8.1", 32), ("DTXHH", "8.2", 32), ("DTXHH", "8.3", 24), ("DTXHH", "8.4", 40),
]
assert sum(m for *_, m in CRITERIA) == 400
# criteria that do not apply to a group (null diem_tham_dinh)
NOT_APPLICABLE = {"SO_NGANH": set(), "UBND_HUYEN": set(), "DVSN": {"2.3", "2.4", "3.6"},
                  "CQ_TRUNG_UONG": {"2.1", "2.2", "2.3", "2.4", "6.4"}}
SPECIAL_NOT_APPLICABLE = {"2.1", "2.2", "2.3", "2.4", "3.2", "3.3", "3.5", "3.6", "6.3", "6.4", "7.4", "8.3"}


def par_units(agencies: Agencies) -> list[tuple[str, str, bool]]:
    """(unit code, nhom, ranked) of the PAR assessment; the unranked are the seed's footnote 14."""
    dep, cen, dv = agencies.departments, agencies.central, agencies.provincial_dvsn
    units = [(dep[k], "SO_NGANH", True) for k in dep if k not in ("PVHCC", "VP_HDND")]
    units.append((dep["VP_HDND"], "SO_NGANH", False))
    units += [(d.unit, "UBND_HUYEN", True) for d in agencies.districts]
    units += [(dv[k], "DVSN", True) for k in ("BQLDA1", "BQLDA2", "CD_CONG_DONG", "CD_NGHE")]
    units += [(dv[k], "DVSN", False) for k in ("PALI", "BAO", "DAI_PTTH", "TRUONG_CT")]
    units += [(cen[k], "CQ_TRUNG_UONG", True) for k in ("CONG_AN", "CUC_THUE", "KHO_BAC", "BHXH", "NHNN", "QLTT")]
    units.append((cen["THONG_KE"], "CQ_TRUNG_UONG", False))
    return units


def _quarters(q: int) -> str:
    return f"{q // 4}.{(q % 4) * 25:02d}"


def _scores(rng: random.Random, maxima: list[int], target: float) -> list[int]:
    """Quarter-point scores, each within [0, max], whose sum is within a quarter of target% of the maxima."""
    goal = round(target / 100 * sum(maxima))
    scores = [min(m, max(0, round(m * min(1.0, max(0.0, rng.gauss(target / 100, 0.1)))))) for m in maxima]
    order = list(range(len(maxima)))
    while sum(scores) != goal:
        rng.shuffle(order)
        step = 1 if sum(scores) < goal else -1
        for i in order:
            if 0 <= scores[i] + step <= maxima[i]:
                scores[i] += step
                break
    return scores


def band_of(index: Fraction) -> str:
    if index > 90:
        return "RAT_TOT"
    if index >= 80:
        return "TOT"
    if index >= 65:
        return "KHA"
    if index >= 50:
        return "TRUNG_BINH"
    return "KEM"


def build_par(rng: random.Random, agencies: Agencies, table: dict[str, dict[str, int]] | None) -> list[dict]:
    """Scoring sheets; with `table` the ranked units' bands are exactly that table, else drawn freely."""
    units = par_units(agencies)
    bands: dict[str, str] = {}
    for nhom in ("SO_NGANH", "UBND_HUYEN", "DVSN", "CQ_TRUNG_UONG"):
        ranked = [u for u, n, r in units if n == nhom and r]
        if table is not None:
            wanted = [b for b, k in table[nhom].items() for _ in range(k)]
        else:
            wanted = rng.choices(["RAT_TOT", "TOT", "KHA", "TRUNG_BINH"], weights=[1, 6, 10, 2], k=len(ranked))
        assert len(wanted) == len(ranked), nhom
        for unit, band in zip(rng.sample(ranked, len(ranked)), wanted):
            bands[unit] = band
    rows = []
    for unit, nhom, ranked in units:
        skip = NOT_APPLICABLE[nhom] | (SPECIAL_NOT_APPLICABLE if not ranked else set())
        applicable = [(lv, tc, m) for lv, tc, m in CRITERIA if tc not in skip]
        low, high = BAND_TARGET_RANGES[bands[unit]] if ranked else (68.0, 86.0)
        target = rng.uniform(low, high)
        scores = _scores(rng, [m for *_, m in applicable], target)
        index = Fraction(100 * sum(scores), sum(m for *_, m in applicable))
        if ranked:
            assert band_of(index) == bands[unit] and low - 0.3 < index < high + 0.3, (unit, float(index))
        given = dict(zip((tc for _, tc, _ in applicable), scores))
        for lv, tc, m in CRITERIA:
            score = given.get(tc)
            if score is None:
                self_score = "" if rng.random() < 0.5 else _quarters(m)
                appraised = ""
            else:
                self_score = "" if rng.random() < 0.03 else _quarters(min(m, score + rng.choice((0, 0, 1, 2, 4))))
                appraised = _quarters(score)
            rows.append({"ma_don_vi": unit, "nhom": nhom, "xep_hang": "Y" if ranked else "N", "linh_vuc": lv,
                         "ma_tieu_chi": tc, "diem_toi_da": _quarters(m), "diem_tu_danh_gia": self_score,
                         "diem_tham_dinh": appraised})
    return rows


QUESTIONS = [("TIEP_CAN", "C01"), ("TIEP_CAN", "C02"), ("TIEP_CAN", "C03"), ("TIEP_CAN", "C04"),
             ("TTHC", "C05"), ("TTHC", "C06"), ("TTHC", "C07"), ("TTHC", "C08"),
             ("CONG_CHUC", "C09"), ("CONG_CHUC", "C10"), ("CONG_CHUC", "C11"), ("CONG_CHUC", "C12"),
             ("CONG_CHUC", "C13"), ("KET_QUA", "C14"), ("KET_QUA", "C15"), ("KET_QUA", "C16"),
             ("KET_QUA", "C17"), ("GOP_Y", "C18"), ("GOP_Y", "C19")]


def sipas_units(agencies: Agencies) -> list[str]:
    dep, cen, dv = agencies.departments, agencies.central, agencies.provincial_dvsn
    units = [dep[k] for k in dep if k not in ("PVHCC", "VP_HDND")]
    units += [d.unit for d in agencies.districts]
    units += [cen[k] for k in ("CONG_AN", "CUC_THUE", "KHO_BAC", "BHXH", "NHNN", "QLTT")]
    units += [dv[k] for k in ("BQLDA1", "BQLDA2", "CD_CONG_DONG", "CD_NGHE", "VPDKDD", "DVVL")]
    units.append(dep["PVHCC"])
    return units


def build_sipas(rng: random.Random, agencies: Agencies, year: int, exact: bool) -> list[dict]:
    units = sipas_units(agencies)
    if exact:
        assert len(units) == SIPAS_2019_UNITS
        full = [u for u in units if agencies.name_of[u] in SIPAS_2019_100_NAMES]
        assert len(full) == len(SIPAS_2019_100_NAMES)
        rest = [u for u in units if u not in full]
        below = set(rng.sample(rest, SIPAS_2019_UNITS - SIPAS_2019_GE_80))
    else:
        units = units[:-3]
        full = rng.sample(units, 2)
        below = set(rng.sample([u for u in units if u not in full], 8))
    rows = []
    for ui, unit in enumerate(units, start=1):
        forms = rng.randint(15, 24) if agencies.name_of[unit].startswith("Ban Quản lý dự án") else rng.randint(30, 70)
        slots = []
        for f in range(1, forms + 1):
            for yeu_to, question in QUESTIONS:
                unanswered = rng.random() < (0.25 if yeu_to == "GOP_Y" else 0.03)
                slots.append((f"{year}-{ui:02d}-{f:03d}", yeu_to, question, unanswered))
        answered = [i for i, s in enumerate(slots) if not s[3]]
        n = len(answered)
        if unit in full:
            satisfied = n
        elif unit in below:
            satisfied = int(n * rng.uniform(0.66, 0.77))
            assert 100 * satisfied <= 78 * n
        else:
            satisfied = min(n - 2, int(n * rng.uniform(0.82, 0.975)))
            assert 100 * satisfied >= 81 * n and satisfied < n
        happy = set(rng.sample(answered, satisfied))
        for i, (form, yeu_to, question, unanswered) in enumerate(slots):
            if unanswered:
                level = ""
            elif i in happy:
                level = "5" if rng.random() < 0.35 else "4"
            else:
                level = rng.choice("3332211")
            rows.append({"ma_phieu": form, "ma_don_vi": unit, "yeu_to": yeu_to, "ma_cau_hoi": question,
                         "muc_do": level})
    return rows


def ranking_rows() -> list[dict]:
    return [{"nam": str(y), "ma_tinh": PROVINCE_CODE, "ten_tinh": PROVINCE_NAME, "par_index": idx,
             "xep_hang": str(rank), "so_tinh": str(n), "sipas": sipas} for y, idx, rank, n, sipas in PROVINCIAL_RANKINGS]

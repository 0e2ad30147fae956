"""Design parameters of the Sóc Trăng sample: every figure the generator guarantees.

The figures marked SEED are stated by the seed report
`shared/seed/bao-cao-cchc-6-thang-2020-soc-trang.txt` (Báo cáo CCHC 6 tháng đầu
năm 2020 của UBND tỉnh Sóc Trăng) and therefore appear in the golden file
`shared/contracts/golden/soc-trang-2020-H1.json`. They are copied here as
constants on purpose: the generator must run on a machine that has only this
repository. Figures marked CHOICE are not in the seed; we picked plausible
values and the generator reproduces them exactly as well.

All dossier figures are for period 2020-H1 with the default nd09 cut-off
(2019-12-15 … 2020-06-14) at scale 1; at another scale every leaf quota below is
multiplied by the scale and rounded (see `dossier_quotas`).
"""
from __future__ import annotations

import datetime as dt

PROVINCE_CODE = "94"                     # SEED (golden "province")
PROVINCE_NAME = "Sóc Trăng"
UNIT_SUFFIX = "H55"                      # Sóc Trăng in the national unit-code scheme (000.00.20.H55)

PERIOD_FROM = dt.date(2019, 12, 15)      # 2020-H1, nd09 cut-off (Decree 09/2019)
PERIOD_TO = dt.date(2020, 6, 14)

DOSSIER_FIRST_RECEIPT = dt.date(2019, 10, 1)   # history for "carried over"
DOSSIER_LAST_RECEIPT = dt.date(2020, 7, 31)    # dossiers still open after 14/06/2020
LOG_LAST_SYNC_DAY = dt.date(2020, 8, 14)       # last dossier_log_YYYYMMDD.jsonl file

# --------------------------------------------------------------------------- dossiers (Biểu 06)
# Leaf quotas of the constructive design. Each dossier that takes part in
# 2020-H1 belongs to exactly one leaf; its event sequence is built so that the
# counting rules of COUNTING_RULES.md put it in that leaf and nowhere else.
# SEED totals: carried_over 2.159, received_new 176.611, received_total 178.770,
# resolved_total 175.256 (on time 175.191, late 65), pending_total 3.514
# (in time 3.494, overdue 20).
DOSSIER_LEAVES: dict[str, dict[str, int]] = {
    # received before 15/12/2019 and not closed before it ("từ kỳ trước")
    "carried": {
        "EARLY": 1659,          # CHOICE split of the on-time closes
        "ON_DUE": 412,          # CHOICE
        "LATE": 19,             # SEED total 65 = 19 + 46
        "WITHDRAWN": 41,        # CHOICE (status 7 or 8; counted inside on-due)
        "PENDING_IN_TIME": 13,  # CHOICE, not waiting
        "PENDING_WAITING": 9,   # CHOICE (inside pending_in_time)
        "PENDING_OVERDUE": 6,   # SEED total 20 = 6 + 14
    },
    # received 15/12/2019 … 14/06/2020 ("mới tiếp nhận")
    "new": {
        "EARLY": 149_663,
        "ON_DUE": 22_135,
        "LATE": 46,
        "WITHDRAWN": 1_281,
        "PENDING_IN_TIME": 3_085,
        "PENDING_WAITING": 387,
        "PENDING_OVERDUE": 14,
    },
}
PENDING_LEAVES = ("PENDING_IN_TIME", "PENDING_WAITING", "PENDING_OVERDUE")
RESOLVED_LEAVES = ("EARLY", "ON_DUE", "LATE", "WITHDRAWN")

# SEED figures the leaves must add up to (checked at import time below).
GOLDEN_DOSSIERS = {
    "carried_over": 2159, "received_new": 176611, "received_total": 178770,
    "resolved_total": 175256, "resolved_on_time": 175191, "resolved_late": 65,
    "pending_total": 3514, "pending_in_time": 3494, "pending_overdue": 20,
}


def dossier_quotas(scale: float = 1.0) -> dict[str, dict[str, int]]:
    """Leaf quotas at `scale` (each leaf rounded on its own)."""
    return {group: {leaf: int(round(count * scale)) for leaf, count in leaves.items()}
            for group, leaves in DOSSIER_LEAVES.items()}


def expected_dossier_figures(scale: float = 1.0) -> dict[str, int]:
    """The 2020-H1 nd09 Biểu 06 totals that the generated log yields at `scale`."""
    q = dossier_quotas(scale)
    c, n = q["carried"], q["new"]
    both = {leaf: c[leaf] + n[leaf] for leaf in c}
    resolved = sum(both[k] for k in RESOLVED_LEAVES)
    pending = sum(both[k] for k in PENDING_LEAVES)
    return {
        "carried_over": sum(c.values()),
        "received_new": sum(n.values()),
        "received_total": sum(c.values()) + sum(n.values()),
        "resolved_total": resolved,
        "resolved_early": both["EARLY"],
        "resolved_on_due": both["ON_DUE"] + both["WITHDRAWN"],
        "resolved_on_time": both["EARLY"] + both["ON_DUE"] + both["WITHDRAWN"],
        "resolved_late": both["LATE"],
        "withdrawn": both["WITHDRAWN"],
        "pending_total": pending,
        "pending_in_time": pending - both["PENDING_OVERDUE"],
        "pending_overdue": both["PENDING_OVERDUE"],
        "pending_waiting": both["PENDING_WAITING"],
    }


_check = expected_dossier_figures(1.0)
assert all(_check[k] == v for k, v in GOLDEN_DOSSIERS.items()), "dossier leaves do not add up to the seed"

# --------------------------------------------------------------------------- catalogue (SEED)
CATALOGUE_SNAPSHOTS = [dt.date(2019, 9, 30), dt.date(2019, 12, 31), dt.date(2020, 3, 31),
                       dt.date(2020, 6, 10), dt.date(2020, 7, 15)]   # 06-10 = latest ≤ 14/06/2020
IN_FORCE_BY_LEVEL = {"TINH": 1431, "HUYEN": 269, "XA": 127}           # total 1.827
ONLINE_LEVEL_COUNTS = {4: 193, 3: 571}                                 # the rest level 2 (100 % ≥ 2)
LIEN_THONG_COUNTS = {"CUNG_CAP": 67, "GIUA_CAC_CAP": 37, "NHOM": 3}    # total 107
ONE_STOP_EXCEPTIONS = 36                                               # CHOICE: mot_cua N (Đ14 K5 NĐ61)
PERIOD_DECISIONS = 32                                                  # decisions signed in the period
PERIOD_PUBLISHED = {"MOI": 131, "SUA_DOI": 5, "BAI_BO": 131}           # 267 rows

# --------------------------------------------------------------------------- staff (SEED)
STAFF_SNAPSHOTS = [dt.date(2019, 12, 31), dt.date(2020, 3, 31), dt.date(2020, 6, 30)]
COMMUNE_STAFF_20200331 = {"CAN_BO": (1095, 1025), "CONG_CHUC": (1173, 1169)}   # (total, đạt chuẩn)
QUOTAS_2020 = {("HCNN", "BIEN_CHE_CONG_CHUC"): 1905, ("HCNN", "HOP_DONG_68"): 315,
               ("DVSN", "SO_NGUOI_LAM_VIEC"): 20990, ("DVSN", "HOP_DONG_68"): 1437,
               ("HOI", "SO_NGUOI_LAM_VIEC"): 125, ("HOI", "HOP_DONG_68"): 12}
QUOTAS_2019 = {("HCNN", "BIEN_CHE_CONG_CHUC"): 1948, ("HCNN", "HOP_DONG_68"): 322,   # CHOICE
               ("DVSN", "SO_NGUOI_LAM_VIEC"): 21342, ("DVSN", "HOP_DONG_68"): 1460,
               ("HOI", "SO_NGUOI_LAM_VIEC"): 127, ("HOI", "HOP_DONG_68"): 12}
PERIOD_EVENTS = {"BO_NHIEM_MOI": 5, "BO_NHIEM_LAI": 1, "KEO_DAI_CHUC_VU": 1, "TINH_GIAN": 168}
STREAMLINING_DAY = dt.date(2020, 6, 1)   # "01/6/2020, tỉnh thực hiện tinh giản biên chế đối với 168 trường hợp"

# --------------------------------------------------------------------------- public service units (SEED)
PUBLIC_UNITS = {"TINH": (114, 68), "HUYEN": (513, 513)}   # (DVSN total, tự chủ)

# --------------------------------------------------------------------------- PAR Index 2019 (SEED)
# ranked units by band × nhom; the 6 unranked are the seed's footnote 14.
PAR_2019_TABLE = {
    "SO_NGANH": {"RAT_TOT": 1, "TOT": 8, "KHA": 10, "TRUNG_BINH": 0, "KEM": 0},
    "UBND_HUYEN": {"RAT_TOT": 0, "TOT": 0, "KHA": 9, "TRUNG_BINH": 2, "KEM": 0},
    "DVSN": {"RAT_TOT": 1, "TOT": 3, "KHA": 0, "TRUNG_BINH": 0, "KEM": 0},
    "CQ_TRUNG_UONG": {"RAT_TOT": 0, "TOT": 4, "KHA": 2, "TRUNG_BINH": 0, "KEM": 0},
}
# Unit indices are drawn inside these ranges: at least 0.75 points from every band edge.
BAND_TARGET_RANGES = {"RAT_TOT": (90.9, 95.5), "TOT": (80.9, 89.1), "KHA": (65.9, 79.1),
                      "TRUNG_BINH": (50.9, 64.1), "KEM": (38.0, 49.1)}

# --------------------------------------------------------------------------- SIPAS 2019 (SEED)
SIPAS_2019_UNITS = 43
SIPAS_2019_GE_80 = 38
SIPAS_2019_100_NAMES = ["Văn phòng UBND tỉnh", "Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh Sóc Trăng",
                        "Ban Quản lý dự án 1", "Ban Quản lý dự án 2"]

# --------------------------------------------------------------------------- provincial rankings
# 2019 and the 2018 rank / SIPAS are SEED ("82,03%, 19/63, tăng 05 bậc; SIPAS 88,78%, tăng 4,38%");
# the 2018 index and the 2017 row are CHOICE.
PROVINCIAL_RANKINGS = [
    (2017, "78.46", 29, 63, "80.95"),
    (2018, "79.87", 24, 63, "84.40"),
    (2019, "82.03", 19, 63, "88.78"),
]

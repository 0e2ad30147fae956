"""hr/: staff rosters (three snapshots), quotas 2019/2020, personnel events.

Guaranteed (targets.py, from the seed): in staff_20200331.csv, the commune
staff (cap XA, loai CAN_BO/CONG_CHUC, trang_thai DANG_CONG_TAC) are 1.095 cán
bộ (1.025 đạt chuẩn) and 1.173 công chức (1.169 đạt chuẩn); quotas_2020.csv
sums to the seed's figures by khoi × loai_chi_tieu; personnel_events.csv has,
inside 15/12/2019 … 14/06/2020, 5 BO_NHIEM_MOI, 1 BO_NHIEM_LAI, 1
KEO_DAI_CHUC_VU and 168 TINH_GIAN (01/06/2020) and nothing else. The 30/06/2020
roster already shows the streamlining, so it must not be used for H1.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .names import person_name
from .reference import Agencies
from .targets import (COMMUNE_STAFF_20200331, PERIOD_EVENTS, QUOTAS_2019, QUOTAS_2020, STAFF_SNAPSHOTS,
                      STREAMLINING_DAY)
from .util import apportion

D = dt.date
STAFF_COLUMNS = ["ma_can_bo", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_don_vi", "cap", "loai", "chuc_vu",
                 "dat_chuan", "trang_thai"]
QUOTA_COLUMNS = ["ma_don_vi", "khoi", "loai_chi_tieu", "so_luong"]
EVENT_COLUMNS = ["ma_su_kien", "ma_can_bo", "loai", "ngay_hieu_luc", "so_quyet_dinh"]

COMMUNE_CAN_BO = ["Bí thư Đảng ủy", "Phó Bí thư Đảng ủy", "Chủ tịch HĐND", "Phó Chủ tịch HĐND", "Chủ tịch UBND",
                  "Phó Chủ tịch UBND", "Chủ tịch Ủy ban MTTQ Việt Nam", "Bí thư Đoàn TNCS Hồ Chí Minh",
                  "Chủ tịch Hội Liên hiệp Phụ nữ", "Chủ tịch Hội Nông dân", "Chủ tịch Hội Cựu chiến binh"]
COMMUNE_CONG_CHUC = ["Trưởng Công an", "Chỉ huy trưởng Quân sự", "Văn phòng - Thống kê",
                     "Địa chính - Xây dựng - Đô thị và Môi trường", "Tài chính - Kế toán", "Tư pháp - Hộ tịch",
                     "Văn hóa - Xã hội"]
OFFICE_POSTS = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Chuyên viên",
                "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán sự", "Văn thư"]
DISTRICT_POSTS = ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Chuyên viên", "Chuyên viên", "Cán sự"]


@dataclass
class Person:
    code: str
    name: str
    born: dt.date | None
    sex: str
    unit: str
    cap: str
    loai: str
    post: str
    dat_chuan: str = ""                                        # as of 31/03/2020
    status: dict[dt.date, str] = field(default_factory=dict)    # snapshot -> trang_thai (absent: not on roster)
    dat_chuan_at: dict[dt.date, str] = field(default_factory=dict)
    post_at: dict[dt.date, str] = field(default_factory=dict)


@dataclass
class HumanResources:
    people: list[Person]
    events: list[dict]
    quotas: dict[int, list[dict]]
    handlers: dict[str, list[str]]          # unit code -> staff codes who process dossiers there

    def snapshot_rows(self, day: dt.date) -> list[dict]:
        rows = []
        for p in self.people:
            status = p.status.get(day)
            if status is None:
                continue
            rows.append({"ma_can_bo": p.code, "ho_ten": p.name, "ngay_sinh": p.born.isoformat() if p.born else "",
                         "gioi_tinh": p.sex, "ma_don_vi": p.unit, "cap": p.cap, "loai": p.loai,
                         "chuc_vu": p.post_at.get(day, p.post), "dat_chuan": p.dat_chuan_at.get(day, p.dat_chuan),
                         "trang_thai": status})
        return rows


def build_hr(rng: random.Random, agencies: Agencies) -> HumanResources:
    snap_dec, snap_mar, snap_jun = STAFF_SNAPSHOTS
    people: list[Person] = []

    def new_person(unit, cap, loai, post, age_range=(23, 58)) -> Person:
        female = rng.random() < 0.46
        born = D(2020 - rng.randint(*age_range), rng.randint(1, 12), rng.randint(1, 28))
        p = Person(f"CB{len(people) + 1:06d}", person_name(rng, female),
                   None if rng.random() < 0.01 else born, "NU" if female else "NAM", unit, cap, loai, post)
        p.status = {snap_dec: "DANG_CONG_TAC", snap_mar: "DANG_CONG_TAC", snap_jun: "DANG_CONG_TAC"}
        people.append(p)
        return p

    handlers: dict[str, list[str]] = {}

    # commune cán bộ / công chức: the seed's 31/03/2020 figures exactly
    communes = agencies.communes
    cb_total, cb_ok = COMMUNE_STAFF_20200331["CAN_BO"]
    cc_total, cc_ok = COMMUNE_STAFF_20200331["CONG_CHUC"]
    cb_per = apportion(cb_total, [1.0] * len(communes))
    cc_per = apportion(cc_total, [1.0 + (i % 7 == 0) * 0.001 for i in range(len(communes))])
    commune_cb, commune_cc = [], []
    for unit, n_cb, n_cc in zip(communes, cb_per, cc_per):
        for k in range(n_cb):
            commune_cb.append(new_person(unit, "XA", "CAN_BO", COMMUNE_CAN_BO[k % len(COMMUNE_CAN_BO)], (28, 59)))
        staff = []
        for k in range(n_cc):
            p = new_person(unit, "XA", "CONG_CHUC", COMMUNE_CONG_CHUC[k % len(COMMUNE_CONG_CHUC)])
            commune_cc.append(p)
            staff.append(p)
        handlers[unit] = [p.code for p in staff if p.post in ("Tư pháp - Hộ tịch", "Văn phòng - Thống kê",
                                                              "Địa chính - Xây dựng - Đô thị và Môi trường")]
    for group, ok in ((commune_cb, cb_ok), (commune_cc, cc_ok)):
        not_ok = set(rng.sample(range(len(group)), len(group) - ok))
        for i, p in enumerate(group):
            p.dat_chuan = "N" if i in not_ok else "Y"
    # some cán bộ reached the standard during Q1 2020 (so the 31/12/2019 roster differs)
    for p in rng.sample([p for p in commune_cb if p.dat_chuan == "Y"], 17):
        p.dat_chuan_at[snap_dec] = "N"
    # commune staff who are on the rosters but not counted: retired / left before the period, contracts
    for unit in rng.sample(communes, 9):
        p = new_person(unit, "XA", rng.choice(("CAN_BO", "CONG_CHUC")), "Nguyên cán bộ xã", (59, 62))
        p.dat_chuan = "Y"
        p.status = {s: "NGHI_HUU" for s in STAFF_SNAPSHOTS}
    for unit in rng.sample(communes, 4):
        p = new_person(unit, "XA", "CONG_CHUC", "Công chức", (25, 40))
        p.dat_chuan = "Y"
        p.status = {s: "THOI_VIEC" for s in STAFF_SNAPSHOTS}
    for unit in rng.sample(communes, 26):
        new_person(unit, "XA", "HOP_DONG_68", "Bảo vệ", (25, 55))

    # provincial and district administration
    admin: list[Person] = []
    for key, unit in agencies.departments.items():
        size = {"PVHCC": 22, "VP_HDND": 21, "VP_UBND": 64, "DAN_TOC": 19, "THANH_TRA": 31,
                "BQL_KCN": 24}.get(key, rng.randint(42, 78))
        staff = [new_person(unit, "TINH", "CONG_CHUC", OFFICE_POSTS[k % len(OFFICE_POSTS)] if k else "Giám đốc")
                 for k in range(size)]
        admin += staff
        handlers[unit] = [p.code for p in staff if p.post in ("Chuyên viên", "Chuyên viên chính", "Cán sự")]
        for _ in range(max(2, size // 7)):
            new_person(unit, "TINH", "HOP_DONG_68", rng.choice(("Lái xe", "Bảo vệ", "Tạp vụ")), (25, 58))
    for d in agencies.districts:
        for key, unit in list(d.offices.items()) + [("UBND", d.unit)]:
            size = 3 if key == "UBND" else rng.randint(4, 8)
            staff = [new_person(unit, "HUYEN", "CONG_CHUC", DISTRICT_POSTS[k % len(DISTRICT_POSTS)])
                     for k in range(size)]
            admin += staff
            handlers[unit] = [p.code for p in staff]
        for _ in range(6):
            new_person(d.unit, "HUYEN", "HOP_DONG_68", rng.choice(("Lái xe", "Bảo vệ", "Tạp vụ")), (25, 58))

    # public service units (viên chức)
    tinh_dvsn = [r for r in agencies.rows if r["loai"] == "DVSN" and r["cap"] == "TINH"]
    for r in tinh_dvsn:
        name = r["ten_don_vi"]
        size = (rng.randint(350, 700) if name.startswith("Bệnh viện") else rng.randint(55, 95)
                if name.startswith("Trường") else rng.randint(12, 45))
        for _ in range(size):
            new_person(r["ma_don_vi"], "TINH", "VIEN_CHUC", rng.choice(("Viên chức", "Giáo viên", "Bác sĩ",
                                                                         "Kỹ thuật viên", "Kế toán")))
    for d in agencies.districts:
        for unit in d.public_units:
            for _ in range(rng.randint(12, 22)):
                new_person(unit, "HUYEN", "VIEN_CHUC", rng.choice(("Giáo viên", "Giáo viên", "Nhân viên",
                                                                     "Viên chức")))

    # --------------------------------------------------------------- personnel events
    events: list[dict] = []

    def event(person: Person, loai: str, day: dt.date, decision: str | None) -> None:
        events.append({"ma_su_kien": f"SK{len(events) + 1:06d}", "ma_can_bo": person.code, "loai": loai,
                       "ngay_hieu_luc": day.isoformat(), "so_quyet_dinh": decision or ""})

    leaders = [p for p in admin if p.cap == "TINH" and p.post in ("Phó Giám đốc", "Trưởng phòng")]
    picks = iter(rng.sample(leaders, 12))
    in_period = {"BO_NHIEM_MOI": [D(2020, 1, 15), D(2020, 2, 20), D(2020, 3, 2), D(2020, 4, 10), D(2020, 5, 18)],
                 "BO_NHIEM_LAI": [D(2020, 3, 16)], "KEO_DAI_CHUC_VU": [D(2020, 4, 27)]}
    for loai, days in in_period.items():
        assert len(days) == PERIOD_EVENTS[loai]
        for i, day in enumerate(days):
            p = next(picks)
            event(p, loai, day, f"{int(day.timetuple().tm_yday * 9.4) + 3 + i}/QĐ-UBND")
            if loai == "BO_NHIEM_MOI":
                promoted = "Giám đốc" if p.post == "Phó Giám đốc" else "Phó Giám đốc"
                for snap in STAFF_SNAPSHOTS:
                    if snap >= day:
                        p.post_at[snap] = promoted
    # outside the period: the days either side of its edges, and earlier / later ones
    for day, loai in ((D(2019, 10, 15), "BO_NHIEM_MOI"), (D(2019, 12, 13), "BO_NHIEM_MOI"),
                      (D(2019, 11, 4), "BO_NHIEM_LAI"), (D(2020, 6, 15), "BO_NHIEM_MOI"),
                      (D(2020, 7, 1), "BO_NHIEM_LAI")):
        event(next(picks), loai, day, f"{int(day.timetuple().tm_yday * 9.4) + 5}/QĐ-UBND")
    # streamlining of 01/06/2020 (seed: 168 cases), mostly viên chức, some commune staff
    active = [p for p in people if p.status[snap_mar] == "DANG_CONG_TAC" and p.loai != "HOP_DONG_68"]
    vien_chuc = [p for p in active if p.loai == "VIEN_CHUC"]
    commune = [p for p in active if p.cap == "XA"]
    leader_codes = {p.code for p in leaders}
    others = [p for p in active if p.loai == "CONG_CHUC" and p.cap != "XA" and p.code not in leader_codes]
    n = PERIOD_EVENTS["TINH_GIAN"]
    streamlined = rng.sample(vien_chuc, n - 31) + rng.sample(commune, 14) + rng.sample(others, 17)
    for p in streamlined:
        event(p, "TINH_GIAN", STREAMLINING_DAY, "1402/QĐ-UBND")
        p.status[snap_jun] = "TINH_GIAN"
    # streamlining of 01/12/2019 (before the period): already TINH_GIAN in every roster
    streamlined_codes = {p.code for p in streamlined}
    for p in rng.sample([p for p in vien_chuc if p.code not in streamlined_codes], 97):
        event(p, "TINH_GIAN", D(2019, 12, 1), "3371/QĐ-UBND")
        p.status = {s: "TINH_GIAN" for s in STAFF_SNAPSHOTS}
    for p in people:
        if p.status[snap_mar] == "NGHI_HUU":
            event(p, "NGHI_HUU", D(2019, rng.choice((10, 11)), 1), None)
    # recruitment: the 2019 intake (before the period) and the 2019 exam's recruits of 22/06/2020 (after it)
    for p in rng.sample([p for p in people if p.loai == "CONG_CHUC" and p.cap != "XA"], 23):
        event(p, "TUYEN_DUNG", D(2019, 10, 1), "2650/QĐ-UBND")
    for k in range(35):
        p = new_person(rng.choice(list(agencies.departments.values())), "TINH", "CONG_CHUC", "Chuyên viên", (23, 30))
        p.status = {snap_jun: "DANG_CONG_TAC"}
        event(p, "TUYEN_DUNG", D(2020, 6, 22), "1588/QĐ-UBND")
    for p in rng.sample([p for p in vien_chuc if p.status[snap_jun] == "DANG_CONG_TAC"], 41):
        day = D(2020, 6, 30) if rng.random() < 0.5 else D(2020, 7, 31)
        event(p, "NGHI_HUU", day, None)
        if day <= snap_jun:
            p.status[snap_jun] = "NGHI_HUU"
    events.sort(key=lambda e: (e["ngay_hieu_luc"], e["ma_su_kien"]))
    for i, e in enumerate(events, start=1):
        e["ma_su_kien"] = f"SK{i:06d}"

    _check(people, events)
    quotas = {2019: _quotas(rng, agencies, QUOTAS_2019), 2020: _quotas(rng, agencies, QUOTAS_2020)}
    return HumanResources(people, events, quotas, handlers)


def _quotas(rng: random.Random, agencies: Agencies, totals: dict[tuple[str, str], int]) -> list[dict]:
    hcnn_units = [u for k, u in agencies.departments.items() if k != "PVHCC"] + [d.unit for d in agencies.districts]
    dvsn_parents = sorted({r["ma_don_vi_cha"] for r in agencies.rows if r["loai"] == "DVSN" and r["cap"] == "TINH"}) \
        + [d.unit for d in agencies.districts]
    units_by_khoi = {"HCNN": hcnn_units, "DVSN": dvsn_parents, "HOI": agencies.associations}
    weights = {u: rng.uniform(0.4, 1.6) for units in units_by_khoi.values() for u in units}
    rows = []
    for (khoi, loai), total in totals.items():
        units = units_by_khoi[khoi]
        for unit, n in zip(units, apportion(total, [weights[u] for u in units])):
            rows.append({"ma_don_vi": unit, "khoi": khoi, "loai_chi_tieu": loai, "so_luong": str(n)})
    return rows


def _check(people: list[Person], events: list[dict]) -> None:
    from .targets import PERIOD_FROM, PERIOD_TO
    snap = STAFF_SNAPSHOTS[1]
    for loai, (total, ok) in COMMUNE_STAFF_20200331.items():
        group = [p for p in people if p.cap == "XA" and p.loai == loai and p.status.get(snap) == "DANG_CONG_TAC"]
        assert len(group) == total and sum(p.dat_chuan == "Y" for p in group) == ok, loai
    inside = {}
    for e in events:
        if PERIOD_FROM.isoformat() <= e["ngay_hieu_luc"] <= PERIOD_TO.isoformat():
            inside[e["loai"]] = inside.get(e["loai"], 0) + 1
    assert inside == PERIOD_EVENTS, inside

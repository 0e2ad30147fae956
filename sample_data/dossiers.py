"""onestop/dossier_log_YYYYMMDD.jsonl: the dossier status log, built constructively.

How the 2020-H1 figures are guaranteed
--------------------------------------
1. Every working day from 01/10/2019 to 31/07/2020 gets a volume (weekday,
   Tết, holiday and COVID-19 dips). The days of the period 16/12/2019 …
   12/06/2020 (both edges of 15/12/2019 … 14/06/2020 are Sundays) share exactly
   the quota `received_new`; the days before and after get the same rate.
2. Each leaf quota of `targets.DOSSIER_LEAVES` is spread over the days
   (`util.apportion`): "new" leaves over the period's days, "carried" leaves
   over the days before it (weighted towards its start; pending ones towards
   its end). Every other dossier received before the period is a background
   dossier that closes before 15/12/2019; every dossier received after
   14/06/2020 is free and cannot touch the period.
3. For each dossier a plan is drawn for its leaf: receipt day r, due date
   (receipt NgayHenTra = r + thoi_han working days, or the NgayHenTra of the
   status-4 record that resumes after a status 5), close day and kind. The plan
   functions only return plans that satisfy the leaf's definition in
   COUNTING_RULES.md, e.g. EARLY: close date < due date, both inside the period;
   PENDING_OVERDUE: due date ≤ 12/06/2020, no close and no status 5 before the
   end of 14/06/2020; PENDING_WAITING: the latest record up to 14/06/2020 is a
   status 5. A procedure whose legal time makes the leaf impossible is redrawn.
4. The plan is rendered to records: 1 (online submission) → 2 (receipt) → 4 →
   [5 → 4 with a new NgayHenTra] / [6 → 4] / [4 apology with a later NgayHenTra
   that must NOT move the due date] → 9 → 10 (or 10 alone, or 7 / 8). Times are
   strictly increasing within a dossier, 07:00–16:59 local.
5. Noise that the counting rules must see through, none of which changes a
   leaf: records synced one to twelve days late (file date > ThoiDiemXuLy),
   re-sent Ids (an earlier copy — sometimes with another NgayHenTra or note —
   in an earlier file or earlier line, the designed copy last), a second
   status-2 record at the processing department (the earliest 2 is the
   receipt), KenhThucHien missing on the receipt record (online: falls back to
   the status-1 record; in person: none at all = 1), status 9 before 15/12 with
   its 10 after it, refused online submissions (1 → 3, never received) and
   orphan records of dossiers whose receipt never arrives.

Memory: records go to per-sync-day buckets that are written as soon as no later
dossier can add to that day; past `spill_limit` buffered lines all buckets are
appended to spill files, so memory does not grow with the scale.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from pathlib import Path

from .calendar import WorkCalendar
from .catalogue import Catalogue
from .hr import HumanResources
from .names import ApplicantPool
from .reference import Agencies
from .targets import (DOSSIER_FIRST_RECEIPT, DOSSIER_LAST_RECEIPT, LOG_LAST_SYNC_DAY, PERIOD_FROM, PERIOD_TO,
                      dossier_quotas)
from .util import apportion

EARLY, ON_DUE, LATE, WITHDRAWN, P_IN, P_WAIT, P_OVER, BG_BEFORE, FREE = range(9)
LEAF_CODE = {"EARLY": EARLY, "ON_DUE": ON_DUE, "LATE": LATE, "WITHDRAWN": WITHDRAWN,
             "PENDING_IN_TIME": P_IN, "PENDING_WAITING": P_WAIT, "PENDING_OVERDUE": P_OVER}
# allocation order: the constrained leaves first, EARLY takes what is left of each day
NEW_ORDER = ["PENDING_IN_TIME", "PENDING_WAITING", "PENDING_OVERDUE", "LATE", "WITHDRAWN", "ON_DUE"]

NOTE = {1: "Nộp hồ sơ trực tuyến", 2: "Tiếp nhận hồ sơ", 3: "Từ chối tiếp nhận: hồ sơ không đủ thành phần theo quy định",
        4: "Chuyển xử lý", 5: "Yêu cầu bổ sung giấy tờ", 6: "Yêu cầu thực hiện nghĩa vụ tài chính",
        7: "Công dân yêu cầu rút hồ sơ", 8: "Dừng xử lý: hồ sơ không đủ điều kiện giải quyết",
        9: "Đã xử lý xong", 10: "Đã trả kết quả"}
NOTE_RESUME = "Tiếp tục xử lý sau khi công dân bổ sung hồ sơ"
NOTE_APOLOGY = "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả"
NOTE_PAID = "Đã hoàn thành nghĩa vụ tài chính, tiếp tục xử lý"
NOTE_TRANSFER = "Tiếp nhận hồ sơ từ Trung tâm Phục vụ hành chính công"
NOTE_RESENT = "Đồng bộ lại"

# promise markers of a record: an int is a working-day index of the new NgayHenTra
KEEP, NULL = -1, -2


class LogWriter:
    """Per-sync-day buckets → onestop/dossier_log_YYYYMMDD.jsonl, spilled to disk past a limit."""

    def __init__(self, outdir: Path, spill_dir: Path, last_day: int, spill_limit: int):
        self.dir = outdir
        self.spill_dir = spill_dir
        self.last_day = last_day
        self.limit = spill_limit
        self.buckets: dict[int, list[str]] = {}
        self.buffered = 0
        self.max_buffered = 0
        self.spilled: set[int] = set()
        self.flushed_before = -1
        self.files = 0
        self.records = 0
        self.bytes = 0

    def add(self, day: int, line: str) -> None:
        if day > self.last_day:
            return                       # not synced yet when the data ends
        assert day >= self.flushed_before, "record for a day already written"
        bucket = self.buckets.get(day)
        if bucket is None:
            bucket = self.buckets[day] = []
        bucket.append(line)
        self.records += 1
        self.buffered += 1
        if self.buffered > self.max_buffered:
            self.max_buffered = self.buffered
        if self.buffered >= self.limit:
            self._spill()

    def _spill(self) -> None:
        self.spill_dir.mkdir(parents=True, exist_ok=True)
        for day, lines in self.buckets.items():
            with open(self.spill_dir / f"{day}.part", "a", encoding="utf-8", newline="") as f:
                f.write("\n".join(lines) + "\n")
            self.spilled.add(day)
        self.buckets.clear()
        self.buffered = 0

    def flush_before(self, day: int) -> None:
        for d in sorted(k for k in set(self.buckets) | self.spilled if k < day):
            self._write(d)
        self.flushed_before = max(self.flushed_before, day)

    def _write(self, day: int) -> None:
        lines = self.buckets.pop(day, [])
        self.buffered -= len(lines)
        path = self.dir / f"dossier_log_{dt.date.fromordinal(day):%Y%m%d}.jsonl"
        with open(path, "w", encoding="utf-8", newline="") as f:
            if day in self.spilled:
                part = self.spill_dir / f"{day}.part"
                with open(part, encoding="utf-8", newline="") as p:
                    for chunk in iter(lambda: p.read(1 << 20), ""):
                        f.write(chunk)
                part.unlink()
                self.spilled.discard(day)
            if lines:
                f.write("\n".join(lines) + "\n")
            self.bytes += f.tell()
        self.files += 1

    def close(self) -> None:
        self.flush_before(self.last_day + 1)


def day_weights(rng: random.Random, cal: WorkCalendar, first: int, last: int) -> list[float]:
    """Relative volume of each working day: weekday pattern, Tết rush and lull, COVID-19 distancing."""
    weekday = [1.12, 1.06, 1.0, 0.98, 0.9, 0.75, 0.7]
    out = []
    for i in range(first, last + 1):
        d = cal.date(i)
        w = weekday[d.weekday()] * rng.uniform(0.93, 1.07)
        if dt.date(2020, 1, 6) <= d <= dt.date(2020, 1, 22):
            w *= 1.3     # before Tết Canh Tý
        elif dt.date(2020, 1, 30) <= d <= dt.date(2020, 2, 7):
            w *= 0.72    # after Tết
        elif dt.date(2020, 4, 1) <= d <= dt.date(2020, 4, 22):
            w *= 0.55    # social distancing, Directive 16/CT-TTg
        elif dt.date(2020, 4, 23) <= d <= dt.date(2020, 5, 8):
            w *= 1.1
        elif d.month == 12:
            w *= 1.08    # year end
        out.append(w)
    return out


class DossierGenerator:
    def __init__(self, seed: int, scale: float, agencies: Agencies, catalogue: Catalogue, hr: HumanResources,
                 outdir: Path, spill_dir: Path, spill_limit: int = 100_000):
        self.scale = scale
        self.rng = random.Random(f"dossiers:{seed}:{scale!r}")
        self.shape_rng = random.Random(f"dossier-shape:{seed}")      # scale-independent choices
        self.agencies = agencies
        self.hr = hr
        self.cal = cal = WorkCalendar(dt.date(2019, 9, 1), dt.date(2020, 12, 31))
        self.F = cal.first_on_or_after(PERIOD_FROM)
        self.T = cal.last_on_or_before(PERIOD_TO)
        self.first = cal.first_on_or_after(DOSSIER_FIRST_RECEIPT)
        self.last = cal.last_on_or_before(DOSSIER_LAST_RECEIPT)
        self.end_ord = LOG_LAST_SYNC_DAY.toordinal()
        self.writer = LogWriter(outdir, spill_dir, self.end_ord, spill_limit)
        self.days = cal.days
        self.dstr = {o: dt.date.fromordinal(o).strftime("%Y%m%d") for o in range(self.days[0] - 10, self.days[-1] + 1)}
        self.salt = random.Random(f"ids:{seed}").getrandbits(64)
        self.id_counter = 0
        self.applicants = ApplicantPool(random.Random(f"applicants:{seed}"), 50_000)
        self.stats = {"dossiers": 0, "orphans": 0, "refused_online": 0, "resent": 0, "late_synced": 0}
        # procedure pool (cumulative weights) and the long ones (≥ 10 working days or none)
        pool = [p for p in catalogue.procedures if p.in_pool]
        self.pool = pool
        self.pool_cum = self._cum([p.weight for p in pool])
        self.long_pool = [p for p in pool if p.days is None or p.days >= 10]
        self.long_cum = self._cum([p.weight for p in self.long_pool])
        self.districts = agencies.districts
        self.district_cum = self._cum([d.weight for d in agencies.districts])
        self.commune_lists = [(list(c for c, _, _ in d.communes), self._cum([w for _, _, w in d.communes]))
                              for d in agencies.districts]
        self.pvhcc = agencies.departments["PVHCC"]

    @staticmethod
    def _cum(weights):
        out, s = [], 0.0
        for w in weights:
            s += w
            out.append(s)
        return out

    # ------------------------------------------------------------------ quotas per day
    def daily_plan(self) -> dict[int, list[tuple[int, int]]]:
        """Working-day index → [(leaf code, count)] of the dossiers received that day (compact: O(days))."""
        first, last, F, T = self.first, self.last, self.F, self.T
        weights = day_weights(self.shape_rng, self.cal, first, last)
        w = {i: weights[i - first] for i in range(first, last + 1)}
        q = dossier_quotas(self.scale)
        base_rate = sum(dossier_quotas(1.0)["new"].values()) / sum(w[i] for i in range(F, T + 1))
        period_days = list(range(F, T + 1))
        counts = dict(zip(period_days, apportion(sum(q["new"].values()), [w[i] for i in period_days])))
        for i in range(first, last + 1):
            if i < F or i > T:
                counts[i] = int(round(self.scale * base_rate * w[i]))
        leaves: dict[int, list[tuple[int, int]]] = {i: [] for i in range(first, last + 1)}
        # carried-over leaves over the days before the period
        before = list(range(first, F))
        room = [counts[i] for i in before]
        decay = {"EARLY": 4, "ON_DUE": 5, "LATE": 12, "WITHDRAWN": 12, "PENDING_IN_TIME": 25,
                 "PENDING_WAITING": 25, "PENDING_OVERDUE": 25}
        for leaf in NEW_ORDER + ["EARLY"]:
            ws = [counts[i] * math.exp(-(F - i) / decay[leaf]) for i in before]
            share = apportion(q["carried"][leaf], ws, room)
            for k, i in enumerate(before):
                leaves[i].append((LEAF_CODE[leaf], share[k]))
                room[k] -= share[k]
        for k, i in enumerate(before):
            leaves[i].append((BG_BEFORE, room[k]))
        # new leaves over the period's days; EARLY is what is left
        room = [counts[i] for i in period_days]
        for leaf in NEW_ORDER:
            ws = []
            for i in period_days:
                to_end = T - i
                if leaf == "PENDING_IN_TIME":
                    f = math.exp(-to_end / 4) + 0.002
                elif leaf == "PENDING_WAITING":
                    f = math.exp(-to_end / 12) + 0.01
                elif leaf == "PENDING_OVERDUE":
                    f = math.exp(-to_end / 15) if to_end >= 3 else 0.0
                elif leaf == "LATE":
                    f = 1.0 if to_end >= 3 else 0.0
                elif leaf == "ON_DUE":
                    f = min(1.0, to_end / 8)
                else:
                    f = 1.0
                ws.append(counts[i] * f)
            share = apportion(q["new"][leaf], ws, room)
            for k, i in enumerate(period_days):
                leaves[i].append((LEAF_CODE[leaf], share[k]))
                room[k] -= share[k]
        assert sum(room) == q["new"]["EARLY"]
        for k, i in enumerate(period_days):
            leaves[i].append((EARLY, room[k]))
        for i in range(T + 1, last + 1):
            leaves[i] = [(FREE, counts[i])]
        return leaves

    # ------------------------------------------------------------------ plans
    # A plan: (due0, supp, pay, apology, close_day, close_kind, after)
    #   supp = (s5, s4 or None, promise marker) ; pay = (d6, d4) ; apology = (day, promise index)
    #   close_kind in (9, 10, 7, 8) or None (still open when the data end)
    def _ri(self, a: int, b: int) -> int:
        return a + int((b - a + 1) * self.rng.random())

    def _skew(self, a: int, b: int) -> int:
        return a + int((b - a + 1) * self.rng.random() ** 1.7)

    def _close_kind(self) -> int:
        return 10 if self.rng.random() < 0.12 else 9

    def plan_early(self, r, T, lo, hi, supp_p=0.07):
        if T is None:
            return None
        rnd = self._ri
        if T >= 2 and (self.rng.random() < supp_p or r + T - 1 < lo):
            s5 = r + rnd(0, min(T - 1, 3))
            s4 = s5 + rnd(1, 10)
            if s4 + T - 1 < lo:
                s4 = lo - T + 1 + rnd(0, 3)
                s5 = min(s5, s4 - 1)
            a, b = max(lo, s4), min(hi, s4 + T - 1)
            if a <= b:
                return (r + T, (s5, s4, s4 + T), None, None, self._skew(a, b), self._close_kind())
        a, b = lo, min(hi, r + T - 1)
        if a > b:
            return None
        return (r + T, None, None, None, self._skew(a, b), self._close_kind())

    def plan_on_due(self, r, T, lo, hi):
        rnd = self._ri
        if T is None:
            a, b = lo, min(hi, lo + 8)
            return (None, None, None, None, rnd(a, b), self._close_kind()) if a <= b else None
        due = r + T
        if lo <= due <= hi:
            if T >= 3 and self.rng.random() < 0.05:
                s5 = r + rnd(0, T - 1)
                s4 = s5 + rnd(1, 5)
                if s4 + T <= hi:
                    return (due, (s5, s4, s4 + T), None, None, s4 + T, self._close_kind())
            return (due, None, None, None, due, self._close_kind())
        if due < lo:   # carried over: a supplement before the period set a new due date inside it
            a, b = max(r + 1, lo - T), hi - T
            if a > b:
                return None
            s4 = rnd(a, min(b, a + 10))
            s5 = max(r, s4 - rnd(1, 20))
            return (due, (s5, s4, s4 + T), None, None, s4 + T, self._close_kind())
        return None

    def plan_late(self, r, T, lo, hi):
        if T is None:
            return None
        due = r + T
        a = max(lo, due + 1)
        if a > hi:
            return None
        c = min(hi, a + int(9 * self.rng.random() ** 2))
        apology = None
        if self.rng.random() < 0.5:
            apology = (due, c + self._ri(0, 3))          # on the due day: it will not be ready
        return (due, None, None, apology, c, self._close_kind())

    def plan_withdrawn(self, r, T, lo, hi, span=10):
        c = min(hi, lo + self._ri(0, span))
        if c < lo:
            return None
        supp = None
        if self.rng.random() < 0.5:
            supp = (self._ri(r, c), None, None)
        kind = 7 if self.rng.random() < 0.65 else 8
        return (None if T is None else r + T, supp, None, None, c, kind)

    def _after(self, H):
        """A close some working days after H (may fall after the end of the data)."""
        return H + 1 + int(25 * self.rng.random() ** 1.5)

    def plan_pending_in_time(self, r, T, H):
        if T is None or r + T >= H + 1:
            due = None if T is None else r + T
            c = self._after(H) if due is None else max(H + 1, due - self._ri(0, 3))
            return (due, None, None, None, c, self._close_kind())
        a, b = max(r + 1, H + 1 - T), H
        if a > b:
            return None
        s4 = self._ri(a, b)
        s5 = max(r, s4 - self._ri(1, 15))
        c = max(H + 1, s4 + T - self._ri(0, T - 1))
        return (r + T, (s5, s4, s4 + T), None, None, c, self._close_kind())

    def plan_waiting(self, r, T, H):
        s5 = max(r, H - int(30 * self.rng.random() ** 2))
        roll = self.rng.random()
        due = None if T is None else r + T
        if roll < 0.15:
            return (due, (s5, None, None), None, None, None, None)       # still waiting when the data end
        s4 = H + self._ri(1, 15)
        if roll < 0.3:
            return (due, (s5, None, None), None, None, s4, 7)           # gave up after the period
        new_due = None if T is None else s4 + T
        c = s4 + (self._ri(0, T - 1) if T else self._ri(0, 5))
        return (due, (s5, s4, new_due), None, None, c, self._close_kind())

    def plan_overdue(self, r, T, H):
        if T is None or r + T > H:
            return None
        due = r + T
        apology = (self._ri(due, H), H + self._ri(2, 10)) if self.rng.random() < 0.4 else None
        return (due, None, None, apology, self._after(H), self._close_kind())

    def make_plan(self, leaf, r, proc):
        T = proc.days
        F, H = self.F, self.T
        if leaf in (EARLY, ON_DUE, LATE, WITHDRAWN):
            lo = r if r >= F else F
            if leaf == EARLY:
                plan = self.plan_early(r, T, lo, H)
            elif leaf == ON_DUE:
                plan = self.plan_on_due(r, T, lo, H)
            elif leaf == LATE:
                plan = self.plan_late(r, T, lo, H)
            else:
                plan = self.plan_withdrawn(r, T, lo, H, 10 if r >= F else 25)
        elif leaf == P_IN:
            plan = self.plan_pending_in_time(r, T, H)
        elif leaf == P_WAIT:
            plan = self.plan_waiting(r, T, H)
        elif leaf == P_OVER:
            plan = self.plan_overdue(r, T, H)
        else:
            hi = F - 1 if leaf == BG_BEFORE else r + 60
            roll = self.rng.random()
            plan = None
            if roll < 0.015:
                plan = self.plan_withdrawn(r, T, r, hi)
            elif roll < 0.017:
                plan = self.plan_late(r, T, r, hi)
            elif roll < 0.19:
                plan = self.plan_on_due(r, T, r, hi)
            if plan is None:
                plan = self.plan_early(r, T, r, hi, 0.05)
            if plan is None:     # no due date: any close is on time
                plan = (None, None, None, None, self._ri(r, min(hi, r + 5)), self._close_kind())
        if plan is not None and proc.payment and plan[1] is None and plan[3] is None and plan[4] is not None \
                and plan[4] - r >= 2 and plan[5] in (9, 10) and self.rng.random() < 0.6:
            d6 = r + 1
            plan = (plan[0], None, (d6, min(plan[4], d6 + self._ri(0, 1))), None, plan[4], plan[5])
        return plan

    # ------------------------------------------------------------------ rendering
    def _new_id(self) -> str:
        self.id_counter += 1
        h = f"{(self.id_counter * 0x9E3779B97F4A7C15 + self.salt) & 0xFFFFFFFFFFFFFFFF:016x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:]}"

    def _line(self, rid, code, tthc, unit, kenh, status, ts, promise, handler, person, note) -> str:
        if person is None:
            p = '"ChuHoSo":null,"SoGiayToChuHoSo":null,"SoDienThoai":null'
        else:
            p = f'"ChuHoSo":"{person[0]}","SoGiayToChuHoSo":"{person[1]}","SoDienThoai":"{person[2]}"'
        return (f'{{"Id":"{rid}","MaHoSo":"{code}","MaTTHC":"{tthc}","MaDonVi":"{unit}",'
                + (f'"KenhThucHien":{kenh},' if kenh else "")
                + f'"TrangThaiHoSo":{status},"ThoiDiemXuLy":"{ts}",'
                + (f'"NgayHenTra":"{promise}",' if promise else '"NgayHenTra":null,')
                + (f'"NguoiXuLy":"{handler}",' if handler else '"NguoiXuLy":null,')
                + p + f',"NoiDungXuLy":"{note}"}}')

    def _emit(self, event_ord: int, line_fields: tuple, first_copy: tuple | None = None) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.86:
            sync = event_ord
        elif roll < 0.975:
            sync = event_ord + 1
        else:
            sync = event_ord + self._ri(2, 12)
            self.stats["late_synced"] += 1
        if first_copy is not None:
            # a re-send whose first copy would change the figures if it won over the designed one
            self.writer.add(sync, self._line(*first_copy))
            self.writer.add(sync + self._ri(1, 6), self._line(*line_fields))
            self.stats["resent"] += 1
            return
        if rng.random() < 0.004 and event_ord + 20 < self.end_ord:
            # re-sent: an earlier copy first (sometimes different), the designed copy later
            rid, code, tthc, unit, kenh, status, ts, promise, handler, person, note = line_fields
            variant = rng.random()
            if variant < 0.35 and promise:
                d = dt.datetime.strptime(promise[:8], "%Y%m%d").date() + dt.timedelta(days=2)
                early = (rid, code, tthc, unit, kenh, status, ts, d.strftime("%Y%m%d") + promise[8:], handler, person,
                         note)
            elif variant < 0.7:
                early = (rid, code, tthc, unit, kenh, status, ts, promise, handler, person, NOTE_RESENT)
            else:
                early = line_fields
            later = sync + (0 if rng.random() < 0.2 else self._ri(1, 6))
            self.writer.add(sync, self._line(*early))
            self.writer.add(later, self._line(*line_fields))
            self.stats["resent"] += 1
            return
        self.writer.add(sync, self._line(*line_fields))

    def _time_after(self, prev: int) -> int:
        room = 61100 - prev
        inc = 60 + int(1500 * self.rng.random())
        if inc > room // 2:
            inc = max(1, room // 2)
        return prev + inc

    def render(self, leaf, r, proc, plan, receipt_unit, proc_unit, code, kenh, online, person) -> None:
        due0, supp, pay, apology, c, kind = plan
        rng = self.rng
        days = self.days
        events: list[tuple[int, int, int | None, str]] = []   # (wd index, status, promise marker, note)
        events.append((r, 2, due0 if due0 is not None else NULL, NOTE[2]))
        key_days = [d for d in (supp[0] if supp else None, pay[0] if pay else None,
                                apology[0] if apology else None, c) if d is not None]
        next_key = min(key_days) if key_days else r + 1
        if next_key > r or rng.random() < 0.35 or proc.cap != "XA":
            p4 = r + 1 if next_key >= r + 1 and rng.random() < 0.5 else r
            if proc_unit != receipt_unit and rng.random() < 0.25:
                events.append((p4, 2, KEEP, NOTE_TRANSFER))          # a second status 2 at the department
            events.append((p4, 4, KEEP, NOTE[4]))
        if pay:
            events.append((pay[0], 6, KEEP, NOTE[6]))
            events.append((pay[1], 4, KEEP, NOTE_PAID))
        if supp:
            s5, s4, new_due = supp
            events.append((s5, 5, KEEP, NOTE[5]))
            if s4 is not None and (c is None or s4 <= c):
                marker = new_due if new_due is not None else NULL
                if marker != NULL and rng.random() < 0.04 and leaf in (FREE, BG_BEFORE):
                    marker = NULL       # resumed without a new promise: the receipt's due date stands
                events.append((s4, 4, marker, NOTE_RESUME))
        if apology:
            events.append((apology[0], 4, ("A", apology[1]), NOTE_APOLOGY))
        if c is not None and kind is not None:
            if kind == 9:
                events.append((c, 9, KEEP, NOTE[9]))
                if rng.random() < 0.93:
                    events.append((c + int(3 * rng.random() ** 2), 10, KEEP, NOTE[10]))
            else:
                events.append((c, kind, KEEP, NOTE[kind]))
        events.sort(key=lambda e: e[0])     # stable: same-day events keep their logical order

        tthc = proc.code
        handlers_recv = self.hr.handlers.get(receipt_unit) or [None]
        handlers_proc = self.hr.handlers.get(proc_unit) or handlers_recv
        current = None          # NgayHenTra as it stands
        prev_day, prev_t = -1, 0
        end_ord = self.end_ord
        if online:
            # the online submission: any day up to three days before, any hour
            back = int(4 * rng.random())
            sub_ord = days[r] - back
            recv_t = 27000 + int(28800 * rng.random())
            t1 = 21600 + int((recv_t - 21700 if back == 0 else 57600) * rng.random())
            ts = f"{self.dstr[sub_ord]}{t1 // 3600:02d}{t1 // 60 % 60:02d}{t1 % 60:02d}"
            self._emit(sub_ord, (self._new_id(), code, tthc, receipt_unit, 2, 1, ts, None, None, person, NOTE[1]))
            prev_day, prev_t = r, recv_t - 1
        resend_receipt = leaf in (LATE, P_OVER) and rng.random() < 0.35
        resend_close = leaf in (EARLY, ON_DUE, WITHDRAWN) and rng.random() < 0.004
        for day, status, marker, note in events:
            o = days[day]
            if o > end_ord:
                break
            if day == prev_day:
                t = self._time_after(prev_t)
            else:
                t = 27000 + int(28800 * rng.random()) if status == 2 else 25200 + int(34200 * rng.random())
            prev_day, prev_t = day, t
            promise_here = None
            if marker == KEEP:
                pass
            elif marker == NULL:
                if status == 2:
                    current = None
                else:
                    promise_here = True     # this record carries no NgayHenTra; the promise stands
            elif isinstance(marker, tuple):
                current = f"{self.dstr[days[marker[1]]]}163000"
            else:
                current = f"{self.dstr[days[marker]]}163000"
            ts = f"{self.dstr[o]}{t // 3600:02d}{t // 60 % 60:02d}{t % 60:02d}"
            if status == 2 and note == NOTE[2]:
                unit, k, who = receipt_unit, kenh, rng.choice(handlers_recv)
                pers = person
            elif status == 10:
                unit, k, who, pers = receipt_unit, 0, rng.choice(handlers_recv), None
            else:
                unit, k, who, pers = proc_unit, 0, rng.choice(handlers_proc), None
            fields = (self._new_id(), code, tthc, unit, k, status, ts, None if promise_here else current, who,
                      pers, note)
            first_copy = None
            if resend_receipt and status == 2 and note == NOTE[2] and current:
                # first sent with a promise two months later (corrected by the re-send): late / overdue
                # only with the latest copy
                later = dt.date(int(current[:4]), int(current[4:6]), int(current[6:8])) + dt.timedelta(days=60)
                first_copy = fields[:7] + (later.strftime("%Y%m%d") + current[8:],) + fields[8:]
                resend_receipt = False
            elif resend_close and status in (7, 8, 9, 10):
                # first sent as still processing: resolved only with the latest copy
                first_copy = fields[:5] + (4,) + fields[6:10] + (NOTE[4],)
                resend_close = False
            self._emit(o, fields, first_copy)

    # ------------------------------------------------------------------ one day
    def _units_for(self, proc):
        rng = self.rng
        if proc.cap == "TINH":
            dept = self.agencies.departments[proc.agency]
            return (self.pvhcc if rng.random() < 0.85 else dept), dept
        d_i = bisect.bisect_left(self.district_cum, rng.random() * self.district_cum[-1])
        district = self.districts[d_i]
        if proc.cap == "HUYEN":
            return district.unit, district.offices.get(proc.agency, district.unit)
        communes, cum = self.commune_lists[d_i]
        commune = communes[bisect.bisect_left(cum, rng.random() * cum[-1])]
        return commune, commune

    def _draw(self, long: bool):
        pool, cum = (self.long_pool, self.long_cum) if long else (self.pool, self.pool_cum)
        return pool[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def generate_day(self, i: int, leaves: list[int]) -> None:
        rng = self.rng
        F, H = self.F, self.T
        o = self.days[i]
        yymmdd = self.dstr[o][2:]
        seq: dict[str, int] = {}
        people = self.applicants.people
        n_people = self.applicants.size
        for leaf in leaves:
            prefer_long = (i < F and leaf != BG_BEFORE) or (leaf == P_IN and H - i > 8)
            for attempt in range(60):
                proc = self._draw(prefer_long and attempt < 40)
                plan = self.make_plan(leaf, i, proc)
                if plan is not None:
                    break
            else:
                raise RuntimeError(f"no plan for leaf {leaf} on {self.cal.date(i)}")
            receipt_unit, proc_unit = self._units_for(proc)
            n = seq.get(receipt_unit, 0) + 1
            seq[receipt_unit] = n
            code = f"{receipt_unit}-{yymmdd}-{n:04d}"
            roll = rng.random()
            if proc.muc_do >= 3 and roll < 0.17:
                channel = 2
            elif roll > 0.97:
                channel = 3
            else:
                channel = 1
            online = channel == 2
            kenh = channel
            if rng.random() < (0.1 if online else 0.04 if channel == 1 else 0.0):
                kenh = 0          # not set on the receipt record
            person = people[int(n_people * rng.random())]
            self.render(leaf, i, proc, plan, receipt_unit, proc_unit, code, kenh, online, person)
            self.stats["dossiers"] += 1
        # online submissions refused at reception (never received, never counted)
        refused = int(len(leaves) * 0.004 + rng.random())
        for _ in range(refused):
            proc = self._draw(False)
            receipt_unit, _ = self._units_for(proc)
            n = seq.get(receipt_unit, 0) + 1
            seq[receipt_unit] = n
            code = f"{receipt_unit}-{yymmdd}-{n:04d}"
            person = people[int(n_people * rng.random())]
            t = 27000 + int(28000 * rng.random())
            sub = o - int(3 * rng.random())
            self._emit(sub, (self._new_id(), code, proc.code, receipt_unit, 2, 1,
                             f"{self.dstr[sub]}{6 + int(12 * rng.random()):02d}1500", None, None, person, NOTE[1]))
            self._emit(o, (self._new_id(), code, proc.code, receipt_unit, 0, 3,
                           f"{self.dstr[o]}{t // 3600:02d}{t // 60 % 60:02d}{t % 60:02d}", None,
                           rng.choice(self.hr.handlers.get(receipt_unit) or [None]), person, NOTE[3]))
            self.stats["refused_online"] += 1
        # orphan status changes: the receipt record of these dossiers never arrives
        if rng.random() < 25 * self.scale / (self.last - self.first + 1):
            proc = self._draw(False)
            receipt_unit, proc_unit = self._units_for(proc)
            n = seq.get(receipt_unit, 0) + 1
            seq[receipt_unit] = n
            code = f"{receipt_unit}-{yymmdd}-{n:04d}"
            t = 27000 + int(20000 * rng.random())
            for status, dt_ in ((4, 0), (9, 1800), (10, 3600)):
                tt = t + dt_
                self._emit(o, (self._new_id(), code, proc.code, proc_unit if status != 10 else receipt_unit, 0,
                               status, f"{self.dstr[o]}{tt // 3600:02d}{tt // 60 % 60:02d}{tt % 60:02d}", None,
                               None, None, NOTE[status]))
            self.stats["orphans"] += 1

    def run(self) -> dict:
        plan = self.daily_plan()
        for i in range(self.first, self.last + 1):
            leaves = [code for code, count in plan.pop(i) for _ in range(count)]
            self.rng.shuffle(leaves)
            self.generate_day(i, leaves)
            # no later receipt day can add records before its own day minus the online lead time
            self.writer.flush_before(self.days[i + 1] - 4)
        self.writer.close()
        return {**self.stats, "records": self.writer.records, "files": self.writer.files,
                "bytes": self.writer.bytes, "max_buffered_records": self.writer.max_buffered}

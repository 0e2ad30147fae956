"""Small helpers shared by the generator's parts."""
from __future__ import annotations

import csv
import io
from pathlib import Path


def apportion(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainder, ties by position).

    With `caps`, no share exceeds its cap; the excess goes to the others by weight.
    Deterministic: no randomness, no set/dict iteration order.
    """
    n = len(weights)
    out = [0] * n
    remaining = total
    active = [i for i in range(n) if weights[i] > 0 and (caps is None or caps[i] > 0)]
    while remaining > 0:
        if not active:
            raise ValueError(f"cannot place {remaining} more within the caps")
        wsum = sum(weights[i] for i in active)
        shares = {i: remaining * weights[i] / wsum for i in active}
        floors = {i: int(shares[i]) for i in active}
        left = remaining - sum(floors.values())
        for i in sorted(active, key=lambda i: (-(shares[i] - floors[i]), i))[:left]:
            floors[i] += 1
        overflow = 0
        for i in active:
            room = floors[i] if caps is None else min(floors[i], caps[i] - out[i])
            out[i] += room
            overflow += floors[i] - room
        remaining = overflow
        if caps is not None:
            active = [i for i in active if out[i] < caps[i]]
    return out


def write_csv(path: Path, columns: list[str], rows) -> int:
    """UTF-8 without BOM, LF line ends, RFC 4180 quoting where needed; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return count

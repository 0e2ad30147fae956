"""Fuzz-style: randomly corrupted copies of valid landing files never crash the loader.

Every run must end with each file either loaded (possibly with quarantined rows,
each with a reason) or failed with a message naming the file; never an
unhandled exception, and never rows read ≠ rows loaded + rows quarantined —
checked against the manifest *and* against the rows actually in the database.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

RAW_TABLE_OF_KIND = {
    "province": "raw.province", "agencies": "raw.agencies", "holidays": "raw.holidays",
    "dossier_log": "raw.dossier_log", "procedures": "raw.procedures", "decisions": "raw.decisions",
    "staff": "raw.staff", "quotas": "raw.quotas", "personnel_events": "raw.personnel_events",
    "par_index": "raw.par_index", "sipas": "raw.sipas", "provincial_rankings": "raw.provincial_rankings",
    "documents": "raw.documents", "legal_reviews": "raw.legal_reviews", "feedback": "raw.feedback",
    "inspection_plan": "raw.inspection_plan",
}
ROUNDS = 10


@pytest.fixture(scope="module")
def valid_zone(tmp_path_factory) -> Path:
    from sample_data import generate

    zone = tmp_path_factory.mktemp("valid_zone")
    generate(zone, seed=7, scale=0.002)
    return zone


def _small_copy(zone: Path, target: Path, rng: random.Random) -> list[Path]:
    """Copy the zone, keeping a few dossier-log days and at most 300 lines per file (fast rounds)."""
    logs = sorted((zone / "onestop").glob("dossier_log_*.jsonl"))
    keep_logs = set(rng.sample(logs, k=min(3, len(logs))))
    copied = []
    for path in sorted(zone.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or (path.parent.name == "onestop" and path not in keep_logs):
            continue
        out = target / path.relative_to(zone)
        out.parent.mkdir(parents=True, exist_ok=True)
        lines = path.read_bytes().splitlines(keepends=True)[:300]
        out.write_bytes(b"".join(lines))
        copied.append(out)
    return copied


def _corrupt(path: Path, rng: random.Random) -> str:
    data = bytearray(path.read_bytes())
    kind = rng.choice(["flip", "truncate", "shuffle_columns", "cp1258", "drop_header_column", "garbage_line",
                       "empty"])
    if kind == "flip" and data:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "truncate" and data:
        data = data[: rng.randrange(len(data))]
    elif kind == "shuffle_columns" and path.suffix == ".csv":
        lines = data.decode("utf-8-sig").splitlines()
        import csv
        import io

        rows = list(csv.reader(io.StringIO("\n".join(lines))))
        order = list(range(len(rows[0])))
        rng.shuffle(order)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            writer.writerow([row[i] if i < len(row) else "" for i in order])
        data = bytearray(out.getvalue().encode())
    elif kind == "cp1258":
        data = bytearray(data.decode("utf-8", errors="replace").encode("cp1258", errors="replace"))
    elif kind == "drop_header_column" and path.suffix == ".csv":
        lines = data.decode("utf-8-sig").splitlines(keepends=True)
        header = lines[0].rstrip("\r\n").split(",")
        header.pop(rng.randrange(len(header)))
        data = bytearray((",".join(header) + "\n" + "".join(lines[1:])).encode())
    elif kind == "garbage_line":
        lines = data.splitlines(keepends=True)
        lines.insert(rng.randrange(1, len(lines) + 1) if lines else 0, b"\x00\xff{not valid,,,\"\n")
        data = bytearray(b"".join(lines))
    elif kind == "empty":
        data = bytearray()
    path.write_bytes(bytes(data))
    return kind


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_corrupted_zone_is_accounted_for(round_no, valid_zone, tmp_path, fresh_function_database_url):
    from include.ingest import IngestError, ensure_raw_schema, load_landing_zone
    from include.warehouse import connect

    rng = random.Random(1000 + round_no)
    zone = tmp_path / "zone"
    files = _small_copy(valid_zone, zone, rng)
    victims = rng.sample(files, k=min(len(files), rng.randint(2, 6)))
    corruptions = {str(p.relative_to(zone)): _corrupt(p, rng) for p in victims}

    url = fresh_function_database_url
    ensure_raw_schema(url)
    try:
        results = load_landing_zone(url, zone)  # must not raise, whatever the corruption of a data file
    except IngestError as exc:
        # Only a zone whose province.csv no longer names one province cannot be loaded at all: every raw row
        # carries the zone's province. The error names the file; nothing was loaded.
        assert "reference/province.csv" in corruptions and "reference/province.csv" in str(exc), (exc, corruptions)
        conn = connect(url)
        try:
            with conn.cursor() as cur:
                cur.execute("select count(*) from raw.load_manifest")
                assert cur.fetchone() == (0,)
        finally:
            conn.close()
        return

    assert {r.status for r in results} <= {"LOADED", "FAILED", "SKIPPED"}
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            for r in results:
                context = f"{r.path} ({corruptions.get(str(r.path), 'intact')}): {r}"
                if r.status == "FAILED":
                    assert r.error and Path(r.path).name in r.error, context
                    cur.execute(f"select count(*) from {RAW_TABLE_OF_KIND[r.source_kind]} t "
                                "join raw.load_manifest m on m.file_id = t._file_id where m.path = %s",
                                (str(r.path),))
                    assert cur.fetchone()[0] == 0, f"a failed file left rows: {context}"
                    continue
                if r.status != "LOADED":
                    continue
                assert r.rows_read == r.rows_loaded + r.rows_quarantined, context
                cur.execute(f"select count(*) from {RAW_TABLE_OF_KIND[r.source_kind]} where _file_id = %s",
                            (r.file_id,))
                assert cur.fetchone()[0] == r.rows_loaded, context
                cur.execute("select count(distinct line_no), count(*) filter (where reason is null or reason = '') "
                            "from raw.quarantine where file_id = %s", (r.file_id,))
                quarantined_lines, without_reason = cur.fetchone()
                assert quarantined_lines == r.rows_quarantined, context
                assert without_reason == 0, context
            # Files left intact load completely.
            for r in results:
                if str(r.path) not in corruptions:
                    assert r.status in ("LOADED", "SKIPPED") and not r.rows_quarantined, r
    finally:
        conn.close()
    # Something was actually corrupted and noticed in most rounds: a corrupted file is rarely pristine.
    noticed = [r for r in results if str(r.path) in corruptions and (r.status == "FAILED" or r.rows_quarantined)]
    kinds = set(corruptions.values())
    if kinds - {"shuffle_columns", "cp1258"}:
        assert noticed, f"no corruption was noticed: {corruptions}"

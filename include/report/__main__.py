"""`python -m include.report PERIOD [--cutoff nd09] [--index-year Y] [--narrative F] --output-dir DIR [--url URL]`:
render one report outside Airflow and print the files and the time it took."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m include.report", description=__doc__)
    parser.add_argument("period")
    parser.add_argument("--cutoff", default="nd09", choices=["nd09", "calendar"])
    parser.add_argument("--index-year", type=int, default=None)
    parser.add_argument("--narrative", type=Path, default=None)
    parser.add_argument("--output-dir", type=Path, required=True)
    parser.add_argument("--url", default=None, help="warehouse URL (default: include.warehouse.warehouse_url())")
    args = parser.parse_args(argv)

    from include.report import NarrativeError, ReportParamError, render_report
    from include.warehouse import warehouse_url

    started = time.perf_counter()
    try:
        paths = render_report(args.url or warehouse_url(), args.period, args.cutoff, args.index_year,
                              args.narrative, output_dir=args.output_dir)
    except (ReportParamError, NarrativeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths.values():
        print(path)
    print(f"rendered in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

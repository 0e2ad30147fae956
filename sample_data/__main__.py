"""CLI: python -m sample_data OUTDIR [--seed N] [--scale S] [--province CODE:NAME]"""
from __future__ import annotations

import argparse
import sys

from . import OutdirError, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data",
                                     description="Generate a sample landing zone (Sóc Trăng by default).")
    parser.add_argument("outdir", help="landing directory to create or replace")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="dossier volume factor (1 = the seed report's 178.770 dossiers)")
    parser.add_argument("--province", default=None, metavar="CODE:NAME",
                        help="the same zone for another province, e.g. '95:Bạc Liêu' (codes and names follow it)")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.outdir, seed=args.seed, scale=args.scale, province=args.province)
    except (OutdirError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log = summary["dossier_log"]
    print(f"landing zone: {summary['outdir']} ({summary['province']['ten_tinh']}, ma_tinh "
          f"{summary['province']['ma_tinh']}; seed {summary['seed']}, scale {summary['scale']:g})")
    for name, rows in sorted(summary["csv_rows"].items()):
        print(f"  {name:42s} {rows:>9,d} rows")
    print(f"  onestop/dossier_log_*.jsonl               {log['records']:>9,d} records in {log['files']} files "
          f"({log['bytes'] / 1e6:,.1f} MB), {log['dossiers']:,d} received dossiers")
    print("  2020-H1 (nd09) figures built in: " + ", ".join(
        f"{k}={v}" for k, v in summary["expected_2020_H1_nd09"].items()))
    print(f"done in {summary['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

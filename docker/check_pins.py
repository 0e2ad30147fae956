"""Check that the running environment matches a pip constraints file exactly.

Used at image build time (see Dockerfile): after installing the project's
requirements with ``-c constraints.txt``, every ``name==version`` pin must be
what is installed, so the containers run the versions the repo pins (the
official base image ships its own copies of many packages; a silently kept
base-image version would otherwise go unnoticed).

Usage: python check_pins.py CONSTRAINTS_FILE
Exit status 0 when all pins hold, 1 with one line per mismatch otherwise.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version


def read_pins(path: Path) -> dict[str, str]:
    """Return {canonical name: pinned version} for every ``name==version`` line.

    Comments, blank lines and pip options (``-e``, ``--hash`` ...) are skipped;
    pins whose environment marker does not apply here are skipped too.
    """
    pins: dict[str, str] = {}
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement as exc:
            raise SystemExit(f"{path}:{line_no}: not a requirement: {raw!r} ({exc})") from exc
        if req.marker is not None and not req.marker.evaluate():
            continue
        specs = list(req.specifier)
        if len(specs) == 1 and specs[0].operator in ("==", "==="):
            pins[canonicalize_name(req.name)] = specs[0].version
    return pins


def mismatches(pins: dict[str, str]) -> list[str]:
    """Describe every pin that is not installed at exactly that version."""
    problems = []
    for name, pinned in sorted(pins.items()):
        try:
            installed = version(name)
        except PackageNotFoundError:
            problems.append(f"{name}: pinned {pinned}, not installed")
            continue
        if Version(installed) != Version(pinned):
            problems.append(f"{name}: pinned {pinned}, installed {installed}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    pins = read_pins(path)
    if not pins:
        print(f"{path}: no name==version pins found", file=sys.stderr)
        return 1
    problems = mismatches(pins)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(pins)} pins of {path} match the installed packages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Writing a report's files all or nothing."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_report_files(output_dir: Path, writers: dict[str, Callable[[Path], object]]) -> dict[str, Path]:
    """Call each writer with a temporary path in output_dir, then rename them all to their names, so a failed
    run never leaves a half-written report behind. Returns {'json': …, 'html': …} (by suffix)."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rendering-", dir=output_dir))
    try:
        for name, write in writers.items():
            write(staging / name)
        paths = {}
        for name in writers:
            os.replace(staging / name, output_dir / name)
            paths[name.split(".")[1]] = output_dir / name
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
    return paths

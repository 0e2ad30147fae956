"""The dashboard bundle (bi/superset/bundle) as the ZIP `superset import-dashboards` reads, with the real
warehouse URI in its database file. Standard library + PyYAML only: it runs in .venv-bi's caller
(bi/superset_ctl.py) and inside the compose `superset` container (bi/superset/docker-entrypoint.sh).

    python bundle.py OUT.zip        (URI from env SUPERSET_WAREHOUSE_URI)
"""
from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import yaml

BUNDLE_DIR = Path(__file__).resolve().parent / "bundle"


def bundle_zip(warehouse_uri: str, bundle_dir: Path = BUNDLE_DIR) -> bytes:
    """ZIP bytes of the bundle; the committed database file holds a placeholder URI (no password)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(bundle_dir.rglob("*.yaml")):
            relative = path.relative_to(bundle_dir).as_posix()
            text = path.read_text(encoding="utf-8")
            if relative.startswith("databases/"):
                config = yaml.safe_load(text)
                config["sqlalchemy_uri"] = warehouse_uri
                text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
            elif relative == "metadata.yaml":
                # A dashboard export, imported as "assets" so that every object is overwritten
                # (bi/superset/import_bundle.py).
                config = yaml.safe_load(text)
                config["type"] = "assets"
                text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
            archive.writestr(f"cchc_dashboard/{relative}", text)
    return buffer.getvalue()


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.write_bytes(bundle_zip(os.environ["SUPERSET_WAREHOUSE_URI"]))
    out.chmod(0o600)   # holds bi_reader's password

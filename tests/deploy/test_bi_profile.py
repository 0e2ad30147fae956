"""The BI profile: the Superset of `make bi` (bi/superset/Dockerfile: the same pins, config and
dashboard bundle) reads the warehouse as bi_reader; the bundle the container imports carries that URL.
Superset itself runs in tests/bi/test_superset.py (`make test-bi`).
"""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from urllib.parse import urlsplit

import yaml

from compose_model import ROOT, depends_on


def test_superset_reads_the_warehouse_as_bi_reader(services):
    superset = services["superset"]["environment"]
    uri = urlsplit(superset["SUPERSET_WAREHOUSE_URI"])
    warehouse = services["warehouse"]["environment"]
    assert uri.scheme == "postgresql+psycopg2" and uri.username == "bi_reader", "BI must not use the owner role"
    assert (uri.hostname, uri.port, uri.path.lstrip("/")) == ("warehouse", 5432, warehouse["POSTGRES_DB"])
    assert uri.password == services["airflow-worker"]["environment"]["BI_READER_PASSWORD"]
    metadata = urlsplit(superset["SUPERSET_METADATA_URL"])
    assert metadata.hostname == "superset-db"
    assert metadata.password == services["superset-db"]["environment"]["POSTGRES_PASSWORD"]
    assert superset["SUPERSET_SECRET_KEY"] and superset["SUPERSET_ADMIN_PASSWORD"]
    assert depends_on(services["superset"])["airflow-init"] == "service_completed_successfully", \
        "bi_reader is created by airflow-init"


def test_superset_image_is_the_make_bi_superset_with_the_repository_bundle(services):
    build = services["superset"]["build"]
    context = ROOT / build["context"]
    dockerfile = (context / build["dockerfile"]).read_text(encoding="utf-8")
    assert "pip install --no-cache-dir -r requirements.txt -c constraints.txt" in dockerfile
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, re.M):
        for path in source.split():
            assert (context / path).exists(), f"the Dockerfile copies {path}, missing from {context}"
    entrypoint = context / "superset" / "docker-entrypoint.sh"
    assert subprocess.run(["bash", "-n", str(entrypoint)]).returncode == 0
    text = entrypoint.read_text(encoding="utf-8")
    steps = ["superset db upgrade", "superset fab create-admin", "superset init", "bundle.py",
             "import_bundle.py", "exec gunicorn"]
    positions = [text.find(step) for step in steps]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), dict(zip(steps, positions))
    assert (context / "requirements.txt").read_text().count("apache-superset==6.1.0") == 1


def test_the_bundle_the_container_imports_carries_the_bi_reader_url(tmp_path):
    import zipfile

    password = secrets.token_urlsafe(12)
    uri = f"postgresql+psycopg2://bi_reader:{password}@warehouse:5432/cchc"
    out = tmp_path / "bundle.zip"
    result = subprocess.run([sys.executable, str(ROOT / "bi" / "superset" / "bundle.py"), str(out)],
                            env={**os.environ, "SUPERSET_WAREHOUSE_URI": uri}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        [database] = [n for n in names if "/databases/" in n]
        assert yaml.safe_load(archive.read(database))["sqlalchemy_uri"] == uri
        assert any("/dashboards/" in n for n in names) and sum("/charts/" in n for n in names) == 5
    committed = (ROOT / "bi" / "superset" / "bundle" / "databases" / "cchc_warehouse.yaml").read_text()
    assert urlsplit(yaml.safe_load(committed)["sqlalchemy_uri"]).password is None, "no password in the repository"

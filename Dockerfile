# syntax=docker/dockerfile:1
# Image for every Airflow service of docker-compose.yml.
#
# Official Airflow 3.3.2 image on the same Python minor as the project venv
# (.venv, Python 3.11), so that constraints.txt -- `pip freeze` of that venv --
# installs unchanged. `make demo` and the containers then run the same versions.
FROM apache/airflow:3.3.2-python3.11

# The project root is on the import path (`import include` works everywhere);
# no phoning home at run time (dbt, Cosmos, Scarf-based analytics).
ENV AIRFLOW_HOME=/opt/airflow \
    PYTHONPATH=/opt/airflow \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DBT_SEND_ANONYMOUS_USAGE_STATS=False \
    DBT_VERSION_CHECK=False \
    DO_NOT_TRACK=1 \
    SCARF_NO_ANALYTICS=true \
    AIRFLOW__COSMOS__ENABLE_TELEMETRY=False

# Installed as the `airflow` user into the image's own environment
# (/home/airflow/.local), as the official image requires; dbt lands there too,
# so `dbt` on PATH is the pinned dbt-core/dbt-postgres.
USER airflow
COPY --chown=airflow:0 requirements.txt constraints.txt /opt/airflow/
COPY --chown=airflow:0 docker/check_pins.py /opt/airflow/docker/check_pins.py
# The second command fails the build unless every pin of constraints.txt is
# exactly what is installed.
RUN pip install --no-cache-dir \
        -r /opt/airflow/requirements.txt \
        -c /opt/airflow/constraints.txt \
    && python /opt/airflow/docker/check_pins.py /opt/airflow/constraints.txt

# The repo's code. .dockerignore is an allow-list: dags/, plugins/, include/,
# dbt/ and docker/ only (no .venv, no data, no .env).
COPY --chown=airflow:0 . /opt/airflow/

# dbt packages (if the project declares any) are fetched at build time, never
# at run time. `dbt parse` writes dbt/target/manifest.json, from which Cosmos
# renders the DAG's dbt tasks (include/nightly/dbt_config.py); parsing reads the
# profile but never connects, so the CCHC_DB_* values below are inert
# placeholders (at run time Cosmos builds the profile from the `warehouse`
# connection). Then a smoke test: the project imports, and the dbt executable
# Cosmos is configured with is the pinned one installed above.
RUN cd /opt/airflow/dbt \
    && if [ -f packages.yml ] || [ -f dependencies.yml ]; then \
        dbt deps --project-dir . --profiles-dir .; \
    fi \
    && CCHC_DB_HOST=parse-only CCHC_DB_PORT=5432 CCHC_DB_USER=parse-only \
       CCHC_DB_PASSWORD=parse-only CCHC_DB_NAME=parse-only \
       dbt parse --project-dir . --profiles-dir . \
    && test -f /opt/airflow/dbt/target/manifest.json \
    && python -c "import include.config, include.nightly.dbt_config as c, dbt.version; assert c.DBT_EXECUTABLE.exists(), c.DBT_EXECUTABLE; print('dbt', dbt.version.__version__, c.DBT_EXECUTABLE)"

USER root
# Containers run as ${AIRFLOW_UID}:0 (see docker-compose.yml): code group-owned
# and group-writable (dbt writes target/ and logs/ under dbt/), so any UID in
# group 0 can run it.
RUN mkdir -p /opt/airflow/dags /opt/airflow/plugins /opt/airflow/reports /opt/airflow/landing \
    && chown -R airflow:0 /opt/airflow \
    && chmod -R g+rwX /opt/airflow \
    && chmod 0755 /opt/airflow/docker/*.sh
USER airflow

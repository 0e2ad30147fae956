#!/usr/bin/env bash
# One-shot initialisation, run by the `airflow-init` service (as root, once per
# `docker compose up`; every step is idempotent).
#   1. logs volume and reports directory owned by the run UID;
#   2. metadata DB migration + admin user (official entrypoint, driven by
#      _AIRFLOW_DB_MIGRATE / _AIRFLOW_WWW_USER_* set in docker-compose.yml);
#   3. the Airflow connection `warehouse` resolves to the same server as
#      WAREHOUSE_URL and accepts a login;
#   4. warehouse schemas and roles, including bi_reader (project CLI).
set -euo pipefail

run_uid="${CCHC_RUN_UID:?CCHC_RUN_UID must be set (docker-compose.yml passes AIRFLOW_UID)}"

echo "== Preparing /opt/airflow/logs and /opt/airflow/reports for UID ${run_uid}"
mkdir -p /opt/airflow/logs /opt/airflow/reports
chown -R "${run_uid}:0" /opt/airflow/logs /opt/airflow/reports
chmod -R g+rwX /opt/airflow/logs /opt/airflow/reports

if [[ ! -d /opt/airflow/landing ]] || [[ -z "$(ls -A /opt/airflow/landing 2>/dev/null)" ]]; then
    echo "WARNING: the landing zone (/opt/airflow/landing, host: CCHC_LANDING_HOST_DIR) is empty." >&2
fi

echo "== Migrating the Airflow metadata DB and creating the admin user"
/entrypoint airflow version

echo "== Checking the Airflow connection 'warehouse'"
python /opt/airflow/docker/check_warehouse_connection.py

echo "== Creating warehouse schemas and roles (bi_reader)"
python -m include.cli init-warehouse

echo "== airflow-init done"

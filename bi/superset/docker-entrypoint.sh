#!/usr/bin/env bash
# docker compose profile `bi`: the steps of `make bi` (bi/superset_ctl.py) inside the container —
# metadata migration, admin, roles, the dashboard bundle with the warehouse as bi_reader — then gunicorn.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
admin="${SUPERSET_ADMIN_USERNAME:-admin}"

superset db upgrade
# Prints "User already exists" (exit 0) after the first start.
superset fab create-admin --username "$admin" --firstname "Quản trị" --lastname CCHC \
    --email admin@cchc.invalid --password "$SUPERSET_ADMIN_PASSWORD"
superset init
bundle="$(mktemp -d)/cchc_dashboard.zip"
python "$here/bundle.py" "$bundle"          # SUPERSET_WAREHOUSE_URI: bi_reader's URL
python "$here/import_bundle.py" "$bundle" "$admin"   # overwrites every object of the bundle
rm -f "$bundle"
exec gunicorn --bind 0.0.0.0:8088 --workers "${SUPERSET_WORKERS:-2}" --worker-class gthread --threads 8 \
    --timeout 120 --limit-request-line 0 --limit-request-field_size 0 "superset.app:create_app()"

"""Airflow Assets shared by the DAGs: the nightly DAG emits them, the report DAG waits on marts."""
from airflow.sdk import Asset

RAW_LAYER = Asset(name="cchc_raw", uri="cchc://warehouse/raw")
MARTS_LAYER = Asset(name="cchc_marts", uri="cchc://warehouse/marts")

"""The nightly DAG's logic (cchc_nightly only wires it), as include/report/ is the report DAG's.

- dag_tasks: what each task does (prepare, load a source group, freshness, plan, record the build)
- build_plan: which dbt models a night rebuilds, the watermark, the Cosmos skip hook
- dbt_runner: dbt outside Airflow (CLI, tests, bench) against the configured warehouse
- dbt_config: the Cosmos configuration of the dbt task group (imports Cosmos: DAG parse time only)
"""

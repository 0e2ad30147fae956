{#-
  The deduplicated dossier status log as a mart: the staging log (latest copy of each Id of a
  province wins). bi_reader does not read it (it holds the handler's staff code, nguoi_xu_ly;
  docs/bi.md). Incremental by province and Id: a run copies the rows the staging log kept from files
  past the highest _file_id here (a re-sent record's new copy replaces its old one).
  Built after int_dossier_touched, which reads this table as it stood before the run.
-#}
{{ config(
    materialized='incremental',
    unique_key=['ma_tinh', 'id'],
    incremental_strategy='delete+insert',
    indexes=[
      {'columns': ['ma_tinh', 'id'], 'unique': True},
      {'columns': ['ma_ho_so']},
      {'columns': ['_file_id']},
    ],
    post_hook=["{% if not is_incremental() %}analyze {{ this }}{% endif %}"],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}

select *
from {{ ref('stg_onestop__dossier_log') }}
{% if is_incremental() %}
{#- A literal, so that the planner reads the few new rows by the _file_id index. -#}
where _file_id > {{ run_query('select coalesce(max(_file_id), 0) from ' ~ this).columns[0].values()[0] if execute else 0 }}
{% endif %}

{#-
  The dossiers an incremental run recomputes, with their values before the run: the dossiers (ma_tinh, ma_ho_so:
  a dossier code is unique only within its province) of the log records the staging log took from files past the watermark (the highest _file_id of
  fct_dossier_status_log before this run), plus the dossier a re-sent copy used to belong to.
  Empty on a full build or --full-refresh: then every incremental model rebuilds everything.

  This is where an incremental run reads the previous state, and the only model that does:
  fct_dossier_status_log and fct_dossier as they stood before this run, through model_relation()
  (a ref would be a cycle: both are rebuilt after this model; fct_dossier_status_log waits for it
  with a depends_on). Downstream models read the previous values from here.
-#}
-- depends_on: {{ ref('stg_onestop__dossier_log') }}

{% set log_before = model_relation('fct_dossier_status_log') %}
{% set dossiers_before = model_relation('fct_dossier') %}

{% if log_before is not none and not flags.FULL_REFRESH %}
{#- The watermark as a literal: the planner then estimates the new rows from the index. -#}
{%- set watermark = run_query('select coalesce(max(_file_id), 0) from ' ~ log_before).columns[0].values()[0] -%}
with new_records as (
    select ma_tinh, id, ma_ho_so
    from {{ ref('stg_onestop__dossier_log') }}
    where _file_id > {{ watermark }}
),

touched as (
    select ma_tinh, ma_ho_so from new_records
    union
    select previous.ma_tinh, previous.ma_ho_so
    from {{ log_before }} as previous
    join new_records on new_records.ma_tinh = previous.ma_tinh and new_records.id = previous.id
)

select
    touched.ma_tinh,
    touched.ma_ho_so,
    {% if dossiers_before is not none %}
    previous.received_date as old_received_date,
    previous.closed_date as old_closed_date,
    previous.cap as old_cap,
    previous.ma_don_vi as old_ma_don_vi,
    previous.ma_linh_vuc as old_ma_linh_vuc,
    previous.kenh_thuc_hien as old_kenh_thuc_hien
    {% else %}
    null::date as old_received_date,
    null::date as old_closed_date,
    null::text as old_cap,
    null::text as old_ma_don_vi,
    null::text as old_ma_linh_vuc,
    null::smallint as old_kenh_thuc_hien
    {% endif %}
from touched
{% if dossiers_before is not none %}
left join {{ dossiers_before }} as previous
  on previous.ma_tinh = touched.ma_tinh and previous.ma_ho_so = touched.ma_ho_so
{% endif %}
where touched.ma_ho_so is not null
{% else %}
select null::text as ma_tinh, null::text as ma_ho_so, null::date as old_received_date, null::date as old_closed_date,
       null::text as old_cap, null::text as old_ma_don_vi, null::text as old_ma_linh_vuc,
       null::smallint as old_kenh_thuc_hien
where false
{% endif %}

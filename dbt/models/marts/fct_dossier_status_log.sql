{#-
  The deduplicated dossier status log (latest copy of each Id), incremental by Id: a run reads
  only raw rows of files past the highest _file_id already here, and lets them compete with the
  copy already kept. A late-delivered file with an older date loses to the kept copy, as the
  latest-copy rule says (its rows are simply re-read next time: idempotent).
-#}
{{ config(
    materialized='incremental',
    unique_key='id',
    incremental_strategy='delete+insert',
    indexes=[
      {'columns': ['id'], 'unique': True},
      {'columns': ['ma_ho_so']},
      {'columns': ['_file_id']},
    ],
    post_hook=["{% if not is_incremental() %}analyze {{ this }}{% endif %}"],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}

{% set columns = 'id, ma_ho_so, ma_tthc, ma_don_vi, kenh_thuc_hien, trang_thai_ho_so, thoi_diem_xu_ly, ngay_hen_tra, nguoi_xu_ly, file_date, _file_id, _line_no' %}

{% if is_incremental() %}
{#- Watermark as a literal (see int_dossier_touched): index lookups on raw instead of a guessed third of it. -#}
{%- set watermark = run_query('select coalesce(max(_file_id), 0) from ' ~ this).columns[0].values()[0] if execute else 0 -%}
with new_copies as (
    {{ dossier_log_copies('src._file_id > ' ~ watermark) }}
),
candidates as (
    select {{ columns }} from new_copies
    union all
    select {{ columns }} from {{ this }}
    where id in (select id from new_copies)
)
select distinct on (id) {{ columns }}
from candidates
order by {{ latest_copy_order() }}
{% else %}
select {{ columns }}
from {{ ref('stg_onestop__dossier_log') }}
{% endif %}

{#-
  The deduplicated dossier status log, and the only reader of raw.dossier_log: the latest copy
  of each Id within its province (the file with the latest date in its name, then the last line;
  Ids are unique only within a province, ma_tinh being the province of the landing zone the file
  came from). Rows of LOADED
  files only, so a quarantined or failed copy never replaces a valid one.

  Unlike the other staging models this is an incremental table, not a view: every dossier model
  reads it, and an incremental run reads only the raw rows of files past the highest _file_id
  kept here, which then compete with the copy already kept. A late-delivered file with an older
  date loses to the kept copy, as the latest-copy rule says (its rows are simply re-read next
  time: idempotent). Personal columns (chu_ho_so, so_giay_to_chu_ho_so, so_dien_thoai) are never
  selected; noi_dung_xu_ly (free text) and applicant_pseudonym are not carried: no model reads them.
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

{%- set watermark = 0 -%}
{%- if execute and is_incremental() -%}
  {#- As a literal, not a subquery: the planner then estimates the new raw rows from the index
      instead of guessing a third of raw.dossier_log, and joins them by index lookups. -#}
  {%- set watermark = run_query('select coalesce(max(_file_id), 0) from ' ~ this).columns[0].values()[0] -%}
{%- endif %}

with source as (
    select dossier_log.*, manifest.file_date as manifest_file_date
    from {{ source('raw', 'dossier_log') }} as dossier_log
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = dossier_log._file_id and manifest.status = 'LOADED'
    {% if is_incremental() %}
    where dossier_log._file_id > {{ watermark }}
    {% endif %}
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        id,
        ma_ho_so,
        ma_tthc,
        ma_don_vi,
        kenh_thuc_hien,
        trang_thai_ho_so,
        thoi_diem_xu_ly,
        ngay_hen_tra,
        nguoi_xu_ly,
        coalesce(_file_date, manifest_file_date) as file_date,
        _file_id,
        _line_no
    from source
),

copies as (
    select * from renamed
    {% if is_incremental() %}
    union all
    select kept.* from {{ this }} as kept
    where (kept.ma_tinh, kept.id) in (select ma_tinh, id from renamed)
    {% endif %}
),

deduplicated as (
    select distinct on (ma_tinh, id) *
    from copies
    order by ma_tinh, id, file_date desc nulls last, _file_id desc, _line_no desc
)

select * from deduplicated

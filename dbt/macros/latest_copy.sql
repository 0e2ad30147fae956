{#-
  Rows of LOADED files only, one per key: the copy from the latest file, and within a file the
  last line, wins (the same rule COUNTING_RULES gives for re-sent log records). Reference and
  snapshot sources are normally duplicate-free; this only guards against a re-delivery that
  coexists with its predecessor.
-#}
{% macro latest_copy(source_table, key_columns, select_list) -%}
    select distinct on ({{ key_columns | join(', ') }})
        {{ select_list }}
    from {{ source('raw', source_table) }} as src
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = src._file_id and manifest.status = 'LOADED'
    order by {{ key_columns | join(', ') }}, src._file_id desc, src._line_no desc
{%- endmacro %}

{#-
  Every copy of the dossier-log records of LOADED files, renamed and cast, without the personal
  columns (chu_ho_so, so_giay_to_chu_ho_so, so_dien_thoai). Shared by the staging view (full
  history) and the incremental fct_dossier_status_log (only files past its watermark).
-#}
{% macro dossier_log_copies(where_clause=none) -%}
    select
        src.id,
        src.ma_ho_so,
        src.ma_tthc,
        src.ma_don_vi,
        src.kenh_thuc_hien,
        src.trang_thai_ho_so,
        src.thoi_diem_xu_ly,
        src.ngay_hen_tra,
        src.nguoi_xu_ly,
        src.noi_dung_xu_ly,
        src.applicant_pseudonym,
        coalesce(src._file_date, manifest.file_date) as file_date,
        src._file_id,
        src._line_no
    from {{ source('raw', 'dossier_log') }} as src
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = src._file_id and manifest.status = 'LOADED'
    {% if where_clause %}where {{ where_clause }}{% endif %}
{%- endmacro %}

{#- Order in which copies of one log record compete: the first row per id wins. -#}
{% macro latest_copy_order() -%}
    id, file_date desc nulls last, _file_id desc, _line_no desc
{%- endmacro %}

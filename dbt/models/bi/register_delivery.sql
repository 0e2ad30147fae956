{#-
  Which register files each province has loaded (marts.fct_register_delivery), every register listed for every
  province: a register with
  files_loaded 0 was not delivered, so its figures in bi are null or its rows absent ("chưa có số liệu");
  a delivered file without data rows (rows_loaded 0) gives zeros and empty lists.
-#}
select
    provinces.ma_tinh,
    r.source_kind,
    r.label_vi as register_label,
    r.landing_file,
    d.file_year,
    coalesce(d.files_loaded, 0) as files_loaded,
    coalesce(d.rows_loaded, 0) as rows_loaded
from {{ ref('dim_province') }} as provinces
cross join {{ ref('label_register') }} as r
left join {{ ref('fct_register_delivery') }} as d on d.ma_tinh = provinces.ma_tinh and d.source_kind = r.source_kind

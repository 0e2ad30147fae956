{#-
  Units of each province's yearly reform inspection plan (marts.fct_inspection_plan), with name and kind labels.
  Per plan year, so no cut-off applies. No rows for a year without its plan file: see bi.register_delivery.
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'nam', 'ma_don_vi'], 'unique': True}]) }}
select
    i.ma_tinh,
    i.nam,
    i.ma_don_vi,
    coalesce(i.ten_don_vi, 'Đơn vị ' || i.ma_don_vi || ' (chưa có trong danh mục đơn vị)') as ten_don_vi,
    i.loai,
    coalesce(kind.label_vi, 'Đơn vị chưa có trong danh mục') as loai_label,
    i.thang_du_kien::integer as thang_du_kien,
    i.so_ke_hoach
from {{ ref('fct_inspection_plan') }} as i
left join {{ ref('label_unit_kind') }} as kind on kind.loai = i.loai

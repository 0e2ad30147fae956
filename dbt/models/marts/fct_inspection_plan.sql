{#-
  Units in each year's reform inspection plan of each province, one row per province, year and unit
  (the earliest planned month if a unit appears twice), with the unit's name and kind from the
  province's agencies.csv (null when the unit is missing from it).
-#}
with plan_rows as (
    select distinct on (ma_tinh, nam, ma_don_vi) ma_tinh, nam, ma_don_vi, thang_du_kien, so_ke_hoach
    from {{ ref('stg_inspection__plan') }}
    order by ma_tinh, nam, ma_don_vi, thang_du_kien, file_id, line_no
)

select
    plan_rows.ma_tinh,
    plan_rows.nam,
    plan_rows.ma_don_vi,
    agencies.ten_don_vi,
    agencies.loai,
    plan_rows.thang_du_kien,
    plan_rows.so_ke_hoach
from plan_rows
left join {{ ref('stg_reference__agencies') }} as agencies using (ma_tinh, ma_don_vi)

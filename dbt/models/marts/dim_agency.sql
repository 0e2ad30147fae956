{#-
  Org units with their place in the hierarchy province → district → commune, per province
  (ma_tinh, ma_don_vi): unit codes are unique only within a province, so the parent chain is
  followed within the unit's own province.
  ma_huyen: the district (a UBND_HUYEN unit) the unit belongs to — itself for a district
  People's Committee, the nearest UBND_HUYEN ancestor otherwise; null for provincial units.
-#}
with recursive units as (
    select ma_tinh, ma_don_vi, ten_don_vi, cap, loai, ma_don_vi_cha, tu_chu
    from {{ ref('stg_reference__agencies') }}
),
ancestry as (
    select ma_tinh, ma_don_vi, ma_don_vi as ancestor, loai as ancestor_loai, 0 as depth
    from units
    union all
    select ancestry.ma_tinh, ancestry.ma_don_vi, parent.ma_don_vi, parent.loai, ancestry.depth + 1
    from ancestry
    join units as child on child.ma_tinh = ancestry.ma_tinh and child.ma_don_vi = ancestry.ancestor
    join units as parent on parent.ma_tinh = child.ma_tinh and parent.ma_don_vi = child.ma_don_vi_cha
    where ancestry.depth < 10
),
district as (
    select distinct on (ma_tinh, ma_don_vi) ma_tinh, ma_don_vi, ancestor as ma_huyen
    from ancestry
    where ancestor_loai = 'UBND_HUYEN'
    order by ma_tinh, ma_don_vi, depth
)
select
    units.ma_tinh,
    units.ma_don_vi,
    units.ten_don_vi,
    units.cap,
    units.loai,
    units.ma_don_vi_cha,
    case when units.cap in ('HUYEN', 'XA') then district.ma_huyen end as ma_huyen,
    units.tu_chu
from units
left join district on district.ma_tinh = units.ma_tinh and district.ma_don_vi = units.ma_don_vi

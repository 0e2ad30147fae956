{#-
  Public service units (loai DVSN) per province and level, those granted autonomy (tu_chu Y) and the
  rate (× 100, unrounded). Every level of every province has a row (0 when none).
-#}
with levels as (
    select provinces.ma_tinh, l.cap
    from {{ ref('dim_province') }} as provinces
    cross join (values ('TINH'), ('HUYEN'), ('XA')) as l (cap)
)
select
    levels.ma_tinh,
    levels.cap,
    count(a.ma_don_vi)::int as total,
    count(a.ma_don_vi) filter (where a.tu_chu = 'Y')::int as tu_chu,
    100.0 * count(a.ma_don_vi) filter (where a.tu_chu = 'Y') / nullif(count(a.ma_don_vi), 0) as rate
from levels
left join {{ ref('dim_agency') }} as a on a.ma_tinh = levels.ma_tinh and a.cap = levels.cap and a.loai = 'DVSN'
group by levels.ma_tinh, levels.cap

{#- Public service units (loai DVSN) per level, those granted autonomy (tu_chu Y) and the rate (× 100, unrounded). -#}
with levels as (
    select cap from (values ('TINH'), ('HUYEN'), ('XA')) as l (cap)
)
select
    levels.cap,
    count(a.ma_don_vi)::int as total,
    count(a.ma_don_vi) filter (where a.tu_chu = 'Y')::int as tu_chu,
    100.0 * count(a.ma_don_vi) filter (where a.tu_chu = 'Y') / nullif(count(a.ma_don_vi), 0) as rate
from levels
left join {{ ref('dim_agency') }} as a on a.cap = levels.cap and a.loai = 'DVSN'
group by levels.cap

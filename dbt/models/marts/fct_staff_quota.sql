{#- Staffing quotas of a province for year nam: the sum of so_luong over units, by khoi and loai_chi_tieu. -#}
select
    ma_tinh,
    nam,
    khoi,
    loai_chi_tieu,
    sum(so_luong)::int as so_luong
from {{ ref('stg_hr__quotas') }}
group by ma_tinh, nam, khoi, loai_chi_tieu

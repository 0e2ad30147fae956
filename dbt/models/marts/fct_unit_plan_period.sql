{#-
  Yearly reform plans of the units that must issue one (loai SO_NGANH or UBND_HUYEN), per province and period:
  a unit has a plan when it issued a KE_HOACH for area KE_HOACH_CCHC whose nam_ke_hoach is the year
  of the period's `to`, signed on or before `to` — also before `from` (COUNTING_RULES "Registers").
-#}
with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to from {{ ref('dim_period') }}
),

required_units as (
    select ma_tinh, ma_don_vi, ten_don_vi, loai
    from {{ ref('stg_reference__agencies') }}
    where loai in ('SO_NGANH', 'UBND_HUYEN')
),

reform_plans as (
    select ma_tinh, co_quan as ma_don_vi, so_ky_hieu, ngay_ban_hanh, nam_ke_hoach
    from {{ ref('stg_edoc__documents') }}
    where loai = 'KE_HOACH' and linh_vuc_cchc = 'KE_HOACH_CCHC'
)

select
    periods.ma_tinh,
    periods.period_code,
    periods.cutoff,
    required_units.ma_don_vi,
    required_units.ten_don_vi,
    required_units.loai,
    plan.so_ky_hieu as plan_so_ky_hieu,
    plan.ngay_ban_hanh as plan_ngay_ban_hanh,
    plan.so_ky_hieu is not null as has_plan
from periods
join required_units on required_units.ma_tinh = periods.ma_tinh
left join lateral (
    select reform_plans.so_ky_hieu, reform_plans.ngay_ban_hanh
    from reform_plans
    where reform_plans.ma_tinh = required_units.ma_tinh
      and reform_plans.ma_don_vi = required_units.ma_don_vi
      and reform_plans.nam_ke_hoach = extract(year from periods.date_to)
      and reform_plans.ngay_ban_hanh <= periods.date_to
    order by reform_plans.ngay_ban_hanh, reform_plans.so_ky_hieu
    limit 1
) as plan on true

{#-
  Personnel events with ngay_hieu_luc in [from, to], counted by loai — every loai of the
  contract (and any other present in the data) on every period, 0 when none.
-#}
with kinds as (
    select loai from (values ('BO_NHIEM_MOI'), ('BO_NHIEM_LAI'), ('KEO_DAI_CHUC_VU'),
                             ('TUYEN_DUNG'), ('TINH_GIAN'), ('NGHI_HUU')) as contract_kinds (loai)
    union
    select distinct loai from {{ ref('stg_hr__personnel_events') }} where loai is not null
)
select
    p.period_code,
    p.cutoff,
    kinds.loai,
    count(e.ma_su_kien)::int as event_count
from {{ ref('dim_period') }} as p
cross join kinds
left join {{ ref('stg_hr__personnel_events') }} as e
  on e.loai = kinds.loai and e.ngay_hieu_luc between p.date_from and p.date_to
group by p.period_code, p.cutoff, kinds.loai

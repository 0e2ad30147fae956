{#-
  Personnel events of each province with ngay_hieu_luc in [from, to], counted by loai — every loai
  of the contract (and any other present in the province's data) on every period of the province,
  0 when none.
-#}
with kinds as (
    select provinces.ma_tinh, contract_kinds.loai
    from {{ ref('dim_province') }} as provinces
    cross join (values ('BO_NHIEM_MOI'), ('BO_NHIEM_LAI'), ('KEO_DAI_CHUC_VU'),
                       ('TUYEN_DUNG'), ('TINH_GIAN'), ('NGHI_HUU')) as contract_kinds (loai)
    union
    select distinct ma_tinh, loai from {{ ref('stg_hr__personnel_events') }} where loai is not null
)
select
    p.ma_tinh,
    p.period_code,
    p.cutoff,
    kinds.loai,
    count(e.ma_su_kien)::int as event_count
from {{ ref('dim_period') }} as p
join kinds on kinds.ma_tinh = p.ma_tinh
left join {{ ref('stg_hr__personnel_events') }} as e
  on e.ma_tinh = p.ma_tinh and e.loai = kinds.loai and e.ngay_hieu_luc between p.date_from and p.date_to
group by p.ma_tinh, p.period_code, p.cutoff, kinds.loai

{#-
  Commune-level staff per province, period and cut-off, from the latest staff snapshot dated on or before
  `to` (its date reported), counting trang_thai DANG_CONG_TAC only. Rates unrounded, × 100.
-#}
with snapshot_of_period as (
    {{ snapshot_of_period(ref('stg_hr__staff')) }}
),
commune as (
    select
        ma_tinh,
        snapshot_date,
        count(*) as commune_total,
        count(*) filter (where loai = 'CAN_BO') as commune_can_bo,
        count(*) filter (where loai = 'CAN_BO' and dat_chuan = 'Y') as commune_can_bo_dat_chuan,
        count(*) filter (where loai = 'CONG_CHUC') as commune_cong_chuc,
        count(*) filter (where loai = 'CONG_CHUC' and dat_chuan = 'Y') as commune_cong_chuc_dat_chuan
    from {{ ref('stg_hr__staff') }}
    where trang_thai = 'DANG_CONG_TAC' and cap = 'XA' and loai in ('CAN_BO', 'CONG_CHUC')
    group by ma_tinh, snapshot_date
)
select
    s.ma_tinh,
    s.period_code,
    s.cutoff,
    s.snapshot_date,
    case when s.snapshot_date is not null then coalesce(c.commune_total, 0)::int end as commune_total,
    case when s.snapshot_date is not null then coalesce(c.commune_can_bo, 0)::int end as commune_can_bo,
    case when s.snapshot_date is not null then coalesce(c.commune_can_bo_dat_chuan, 0)::int end as commune_can_bo_dat_chuan,
    case when s.snapshot_date is not null then coalesce(c.commune_cong_chuc, 0)::int end as commune_cong_chuc,
    case when s.snapshot_date is not null then coalesce(c.commune_cong_chuc_dat_chuan, 0)::int end as commune_cong_chuc_dat_chuan,
    100.0 * c.commune_can_bo_dat_chuan / nullif(c.commune_can_bo, 0) as commune_can_bo_rate,
    100.0 * c.commune_cong_chuc_dat_chuan / nullif(c.commune_cong_chuc, 0) as commune_cong_chuc_rate
from snapshot_of_period as s
left join commune as c on c.ma_tinh = s.ma_tinh and c.snapshot_date = s.snapshot_date

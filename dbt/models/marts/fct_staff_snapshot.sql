{#- Head count per province, staff snapshot, unit, level, category and employment status (no personal data). -#}
select
    ma_tinh,
    snapshot_date,
    ma_don_vi,
    cap,
    loai,
    trang_thai,
    dat_chuan,
    count(*)::int as staff_count
from {{ ref('stg_hr__staff') }}
group by ma_tinh, snapshot_date, ma_don_vi, cap, loai, trang_thai, dat_chuan

{#- PAR Index scoring sheet rows; a criterion is applicable when its appraised score is not null. -#}
select
    ma_tinh,
    nam,
    ma_don_vi,
    nhom,
    xep_hang = 'Y' as xep_hang,
    linh_vuc,
    ma_tieu_chi,
    diem_toi_da,
    diem_tu_danh_gia,
    diem_tham_dinh,
    diem_tham_dinh is not null as applicable
from {{ ref('stg_indices__par_index') }}

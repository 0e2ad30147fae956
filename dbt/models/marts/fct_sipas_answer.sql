{#- SIPAS answers; is_satisfied = muc_do ≥ 4, null when the question was not answered. -#}
select
    ma_tinh,
    nam,
    ma_phieu,
    ma_don_vi,
    yeu_to,
    ma_cau_hoi,
    muc_do,
    muc_do >= 4 as is_satisfied
from {{ ref('stg_indices__sipas') }}

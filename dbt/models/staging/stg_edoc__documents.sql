-- edoc/documents.csv: documents issued (cumulative register), one row per (ma_tinh, so_ky_hieu, ngay_ban_hanh).
-- Should a re-delivery coexist with its predecessor, the later file (then the later line) wins.
with source as (
    select src.*
    from {{ source('raw', 'documents') }} as src
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = src._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        so_ky_hieu,
        ngay_ban_hanh,
        loai,
        co_quan,
        linh_vuc_cchc,
        nam_ke_hoach,
        la_qppl = 'Y' as la_qppl,
        trich_yeu,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, so_ky_hieu, ngay_ban_hanh) *
    from renamed
    order by ma_tinh, so_ky_hieu, ngay_ban_hanh, _file_id desc, _line_no desc
)

select ma_tinh, so_ky_hieu, ngay_ban_hanh, loai, co_quan, linh_vuc_cchc, nam_ke_hoach, la_qppl, trich_yeu
from deduplicated

-- hr/quotas_YYYY.csv: staffing quotas per unit.
-- Quota rows have no key: every row of a loaded file counts (two rows for one unit, khoi and kind add up),
-- so there is no latest-copy deduplication here. A re-delivered file supersedes its previous copy in the
-- manifest, so only LOADED files are read.
with source as (
    select quotas.*
    from {{ source('raw', 'quotas') }} as quotas
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = quotas._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        nam,
        ma_don_vi,
        khoi,
        loai_chi_tieu,
        so_luong,
        _file_id,
        _line_no
    from source
)

select * from renamed

-- catalogue/decisions.csv: procedure publication decisions.
-- Rows of LOADED files only, with the file and line each came from; one row per so_quyet_dinh, ma_tthc:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select decisions.*
    from {{ source('raw', 'decisions') }} as decisions
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = decisions._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        so_quyet_dinh,
        ngay_ban_hanh,
        ma_tthc,
        loai,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, so_quyet_dinh, ma_tthc) *
    from renamed
    order by ma_tinh, so_quyet_dinh, ma_tthc, _file_id desc, _line_no desc
)

select * from deduplicated

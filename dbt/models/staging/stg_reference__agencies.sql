-- reference/agencies.csv: org units (master data).
-- Rows of LOADED files only, with the file and line each came from; one row per ma_don_vi:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select agencies.*
    from {{ source('raw', 'agencies') }} as agencies
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = agencies._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        ma_don_vi,
        ten_don_vi,
        cap,
        loai,
        ma_don_vi_cha,
        tu_chu,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, ma_don_vi) *
    from renamed
    order by ma_tinh, ma_don_vi, _file_id desc, _line_no desc
)

select * from deduplicated

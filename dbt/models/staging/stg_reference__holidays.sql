-- reference/holidays.csv: public holidays and make-up working days.
-- Rows of LOADED files only, with the file and line each came from; one row per ngay:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select holidays.*
    from {{ source('raw', 'holidays') }} as holidays
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = holidays._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        ngay,
        loai,
        ten,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, ngay) *
    from renamed
    order by ma_tinh, ngay, _file_id desc, _line_no desc
)

select * from deduplicated

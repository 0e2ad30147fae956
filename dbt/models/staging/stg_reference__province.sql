-- reference/province.csv: the province itself.
-- Rows of LOADED files only, with the file and line each came from; one row per ma_tinh:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select province.*
    from {{ source('raw', 'province') }} as province
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = province._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        ma_tinh,
        ten_tinh,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh) *
    from renamed
    order by ma_tinh, _file_id desc, _line_no desc
)

select * from deduplicated

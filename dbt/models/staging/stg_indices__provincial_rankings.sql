-- indices/provincial_rankings.csv: the national PAR Index and SIPAS rankings.
-- Rows of LOADED files only, with the file and line each came from; one row per nam, ma_tinh:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select provincial_rankings.*
    from {{ source('raw', 'provincial_rankings') }} as provincial_rankings
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = provincial_rankings._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        nam,
        ma_tinh,
        ten_tinh,
        par_index,
        xep_hang,
        so_tinh,
        sipas,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (nam, ma_tinh) *
    from renamed
    order by nam, ma_tinh, _file_id desc, _line_no desc
)

select * from deduplicated

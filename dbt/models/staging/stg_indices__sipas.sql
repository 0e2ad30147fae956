-- indices/sipas_YYYY.csv: SIPAS survey answers.
-- Rows of LOADED files only, with the file and line each came from; one row per nam, ma_phieu, ma_cau_hoi:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select sipas.*
    from {{ source('raw', 'sipas') }} as sipas
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = sipas._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        nam,
        ma_phieu,
        ma_don_vi,
        yeu_to,
        ma_cau_hoi,
        muc_do,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, nam, ma_phieu, ma_cau_hoi) *
    from renamed
    order by ma_tinh, nam, ma_phieu, ma_cau_hoi, _file_id desc, _line_no desc
)

select * from deduplicated

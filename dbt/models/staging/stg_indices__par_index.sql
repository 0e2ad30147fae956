-- indices/par_index_YYYY.csv: PAR Index scores per unit and criterion.
-- Rows of LOADED files only, with the file and line each came from; one row per nam, ma_don_vi, ma_tieu_chi:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select par_index.*
    from {{ source('raw', 'par_index') }} as par_index
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = par_index._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        nam,
        ma_don_vi,
        nhom,
        xep_hang,
        linh_vuc,
        ma_tieu_chi,
        diem_toi_da,
        diem_tu_danh_gia,
        diem_tham_dinh,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, nam, ma_don_vi, ma_tieu_chi) *
    from renamed
    order by ma_tinh, nam, ma_don_vi, ma_tieu_chi, _file_id desc, _line_no desc
)

select * from deduplicated

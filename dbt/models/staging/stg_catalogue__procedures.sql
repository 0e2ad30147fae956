-- catalogue/procedures_YYYYMMDD.csv: the procedure catalogue, one snapshot per file.
-- Rows of LOADED files only, with the file and line each came from; one row per snapshot_date, ma_tthc:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select procedures.*
    from {{ source('raw', 'procedures') }} as procedures
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = procedures._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        snapshot_date,
        ma_tthc,
        ten_tthc,
        ma_linh_vuc,
        ten_linh_vuc,
        cap_thuc_hien,
        ma_co_quan,
        muc_do_dvc,
        lien_thong,
        mot_cua,
        thoi_han_ngay,
        trang_thai,
        ngay_hieu_luc,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, snapshot_date, ma_tthc) *
    from renamed
    order by ma_tinh, snapshot_date, ma_tthc, _file_id desc, _line_no desc
)

select * from deduplicated

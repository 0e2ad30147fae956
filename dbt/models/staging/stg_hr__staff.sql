-- hr/staff_YYYYMMDD.csv: staff snapshot; ho_ten and ngay_sinh (personal data) stay in raw.
-- Rows of LOADED files only, with the file and line each came from; one row per snapshot_date, ma_can_bo:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select staff.*
    from {{ source('raw', 'staff') }} as staff
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = staff._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        snapshot_date,
        ma_can_bo,
        gioi_tinh,
        ma_don_vi,
        cap,
        loai,
        chuc_vu,
        dat_chuan,
        trang_thai,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, snapshot_date, ma_can_bo) *
    from renamed
    order by ma_tinh, snapshot_date, ma_can_bo, _file_id desc, _line_no desc
)

select * from deduplicated

-- hr/personnel_events.csv: appointments, recruitment, retirement.
-- Rows of LOADED files only, with the file and line each came from; one row per ma_su_kien:
-- a re-delivery that coexists with its predecessor loses to the latest file, and within a file the
-- last line wins.
with source as (
    select personnel_events.*
    from {{ source('raw', 'personnel_events') }} as personnel_events
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = personnel_events._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        ma_su_kien,
        ma_can_bo,
        loai,
        ngay_hieu_luc,
        so_quyet_dinh,
        _file_id,
        _line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, ma_su_kien) *
    from renamed
    order by ma_tinh, ma_su_kien, _file_id desc, _line_no desc
)

select * from deduplicated

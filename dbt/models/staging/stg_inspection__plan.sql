-- inspection/plan_YYYY.csv: units to be inspected in year nam (from the file name).
with source as (
    select src.*
    from {{ source('raw', 'inspection_plan') }} as src
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = src._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        nam,
        ma_don_vi,
        thang_du_kien,
        so_ke_hoach,
        _file_id as file_id,
        _line_no as line_no
    from source
)

select * from renamed

-- feedback/pakn_YYYYMMDD.jsonl: citizens' feedback status records, deduplicated like the dossier log:
-- the latest copy of each Id of a province (file with the latest date in its name, then the last line) wins.
-- The sender's name, phone and text (nguoi_gui, so_dien_thoai, noi_dung) stay in raw.
with source as (
    select src.*, coalesce(src._file_date, manifest.file_date) as file_date
    from {{ source('raw', 'feedback') }} as src
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = src._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        id,
        ma_pakn,
        thoi_diem,
        trang_thai,
        ma_don_vi_xu_ly,
        cong_khai,
        file_date,
        _file_id as file_id,
        _line_no as line_no
    from source
),

deduplicated as (
    select distinct on (ma_tinh, id) *
    from renamed
    order by ma_tinh, id, file_date desc nulls last, file_id desc, line_no desc
)

select * from deduplicated

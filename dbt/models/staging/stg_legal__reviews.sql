-- legal/reviews.csv: reviews of legal normative documents (cumulative). The file has no key: every
-- row is a review. file/line are kept so that two reviews of one document on one day have an order.
with source as (
    select src.*
    from {{ source('raw', 'legal_reviews') }} as src
    join {{ source('raw', 'load_manifest') }} as manifest
      on manifest.file_id = src._file_id and manifest.status = 'LOADED'
),

renamed as (
    select
        _ma_tinh as ma_tinh,
        so_ky_hieu,
        ngay_ra_soat,
        co_quan_ra_soat,
        ket_qua,
        ket_qua like 'KIEN_NGHI%' as is_recommendation,
        _file_id as file_id,
        _line_no as line_no
    from source
)

select * from renamed

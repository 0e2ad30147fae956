-- raw.load_manifest: which landing-zone files are loaded. The registers are optional sources, so the
-- report needs to know which of them were delivered at all (an absent one is null, not zero).
with source as (
    select * from {{ source('raw', 'load_manifest') }}
),

renamed as (
    select
        file_id,
        ma_tinh,
        source_kind,
        path,
        file_date,
        status,
        rows_loaded
    from source
    where status = 'LOADED'
)

select * from renamed

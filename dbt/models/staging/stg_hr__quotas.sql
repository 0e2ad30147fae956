{#- Quota rows have no key: every row of a loaded file counts (two rows for one unit, khoi and kind add up),
    so there is no latest-copy deduplication here. A re-delivered file supersedes its previous copy in the
    manifest, so only LOADED files are read. -#}
select
    src.nam,
    src.ma_don_vi,
    src.khoi,
    src.loai_chi_tieu,
    src.so_luong,
    src._file_id,
    src._line_no
from {{ source('raw', 'quotas') }} as src
join {{ source('raw', 'load_manifest') }} as manifest
  on manifest.file_id = src._file_id and manifest.status = 'LOADED'

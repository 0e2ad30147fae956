{#-
  Documents of the province People's Committee (co_quan UBND_TINH) about administrative reform
  (linh_vuc_cchc not null) signed within each period, per province: the documents the report cites, each in the
  section of its reform area.
-#}
with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to from {{ ref('dim_period') }}
),

province_reform_documents as (
    select ma_tinh, so_ky_hieu, ngay_ban_hanh, loai, linh_vuc_cchc, trich_yeu
    from {{ ref('stg_edoc__documents') }}
    where co_quan = 'UBND_TINH' and linh_vuc_cchc is not null
)

select
    periods.ma_tinh,
    periods.period_code,
    periods.cutoff,
    documents.so_ky_hieu,
    documents.ngay_ban_hanh,
    documents.loai,
    documents.linh_vuc_cchc,
    documents.trich_yeu
from periods
join province_reform_documents as documents
  on documents.ma_tinh = periods.ma_tinh
 and documents.ngay_ban_hanh between periods.date_from and periods.date_to

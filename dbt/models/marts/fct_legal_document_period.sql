{#-
  Legal normative documents per province and period (COUNTING_RULES "Registers"):
  - issued: la_qppl documents of UBND_TINH or HDND_TINH signed in the period, by kind;
  - reviewed: distinct documents with a review in the period; recommended_for_handling: those whose
    latest review in the period (by date, then file and line) is a KIEN_NGHI_* outcome.
  One row per period, zeros when nothing happened (whether the register was delivered at all is
  fct_register_delivery's business).
-#}
with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to from {{ ref('dim_period') }}
),

legal_documents as (
    select ma_tinh, so_ky_hieu, ngay_ban_hanh, loai
    from {{ ref('stg_edoc__documents') }}
    where la_qppl and co_quan in ('UBND_TINH', 'HDND_TINH')
),

issued as (
    select
        periods.ma_tinh,
        periods.period_code,
        periods.cutoff,
        count(*)::int as issued_total,
        count(*) filter (where legal_documents.loai = 'NGHI_QUYET')::int as issued_nghi_quyet,
        count(*) filter (where legal_documents.loai = 'QUYET_DINH')::int as issued_quyet_dinh
    from periods
    join legal_documents
      on legal_documents.ma_tinh = periods.ma_tinh
     and legal_documents.ngay_ban_hanh between periods.date_from and periods.date_to
    group by periods.ma_tinh, periods.period_code, periods.cutoff
),

latest_review_in_period as (
    select distinct on (periods.ma_tinh, periods.period_code, periods.cutoff, reviews.so_ky_hieu)
        periods.ma_tinh,
        periods.period_code,
        periods.cutoff,
        reviews.so_ky_hieu,
        reviews.is_recommendation
    from periods
    join {{ ref('stg_legal__reviews') }} as reviews
      on reviews.ma_tinh = periods.ma_tinh and reviews.ngay_ra_soat between periods.date_from and periods.date_to
    order by periods.ma_tinh, periods.period_code, periods.cutoff, reviews.so_ky_hieu,
             reviews.ngay_ra_soat desc, reviews.file_id desc, reviews.line_no desc
),

reviewed as (
    select
        ma_tinh,
        period_code,
        cutoff,
        count(*)::int as reviewed,
        count(*) filter (where is_recommendation)::int as recommended_for_handling
    from latest_review_in_period
    group by ma_tinh, period_code, cutoff
)

select
    periods.ma_tinh,
    periods.period_code,
    periods.cutoff,
    coalesce(issued.issued_total, 0) as issued_total,
    coalesce(issued.issued_nghi_quyet, 0) as issued_nghi_quyet,
    coalesce(issued.issued_quyet_dinh, 0) as issued_quyet_dinh,
    coalesce(issued.issued_total - issued.issued_nghi_quyet - issued.issued_quyet_dinh, 0) as issued_other,
    coalesce(reviewed.reviewed, 0) as reviewed,
    coalesce(reviewed.recommended_for_handling, 0) as recommended_for_handling
from periods
left join issued using (ma_tinh, period_code, cutoff)
left join reviewed using (ma_tinh, period_code, cutoff)

{#-
  Legal normative documents per province and period of the configured cut-off (marts.fct_legal_document_period):
  issued (by kind) from the documents register, reviewed and recommended from the reviews register.
  The figures of a register whose file is absent are null ("chưa có số liệu"), never zero, as in report.json.
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code'], 'unique': True}]) }}
with delivered as (
    select
        provinces.ma_tinh,
        {{ register_delivered('documents', 'provinces.ma_tinh') }} as documents,
        {{ register_delivered('legal_reviews', 'provinces.ma_tinh') }} as legal_reviews
    from {{ ref('dim_province') }} as provinces
)

select
    {{ bi_period_columns('p') }},
    case when delivered.documents then f.issued_total end as issued_total,
    case when delivered.documents then f.issued_nghi_quyet end as issued_nghi_quyet,
    case when delivered.documents then f.issued_quyet_dinh end as issued_quyet_dinh,
    case when delivered.documents then f.issued_other end as issued_other,
    case when delivered.legal_reviews then f.reviewed end as reviewed,
    case when delivered.legal_reviews then f.recommended_for_handling end as recommended_for_handling
from {{ ref('fct_legal_document_period') }} as f
join {{ ref('bi_dim_period') }} as p on p.ma_tinh = f.ma_tinh and p.period_code = f.period_code and p.cutoff = f.cutoff
join delivered on delivered.ma_tinh = f.ma_tinh
where f.cutoff = '{{ bi_cutoff() }}'

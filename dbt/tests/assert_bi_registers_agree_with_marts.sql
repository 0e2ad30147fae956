-- The register tables of the BI schema hold the register marts' figures for the configured cut-off:
-- the same provinces, periods, documents, units and counts, each figure null only when its province has
-- no loaded file of that register (then the mart's zero must not show). Returns the disagreeing rows.
{% set cutoff = bi_cutoff() %}
with delivered as (
    select
        provinces.ma_tinh,
        {{ register_delivered('documents', 'provinces.ma_tinh') }} as documents,
        {{ register_delivered('legal_reviews', 'provinces.ma_tinh') }} as legal_reviews,
        {{ register_delivered('feedback', 'provinces.ma_tinh') }} as feedback
    from {{ ref('dim_province') }} as provinces
),

legal as (
    select 'legal_document_period' as model, coalesce(m.ma_tinh, b.ma_tinh) || ' ' || coalesce(m.period_code, b.period_code) as key
    from (select * from {{ ref('fct_legal_document_period') }} where cutoff = '{{ cutoff }}') as m
    full join {{ ref('legal_document_period') }} as b using (ma_tinh, period_code)
    left join delivered on delivered.ma_tinh = coalesce(m.ma_tinh, b.ma_tinh)
    where b.period_code is null or m.period_code is null
       or (b.issued_total, b.issued_nghi_quyet, b.issued_quyet_dinh, b.issued_other) is distinct from
          (case when delivered.documents then m.issued_total end, case when delivered.documents then m.issued_nghi_quyet end,
           case when delivered.documents then m.issued_quyet_dinh end, case when delivered.documents then m.issued_other end)
       or (b.reviewed, b.recommended_for_handling) is distinct from
          (case when delivered.legal_reviews then m.reviewed end,
           case when delivered.legal_reviews then m.recommended_for_handling end)
),

feedback as (
    select 'feedback_period', coalesce(m.ma_tinh, b.ma_tinh) || ' ' || coalesce(m.period_code, b.period_code)
    from (select * from {{ ref('fct_feedback_period') }} where cutoff = '{{ cutoff }}') as m
    full join {{ ref('feedback_period') }} as b using (ma_tinh, period_code)
    left join delivered on delivered.ma_tinh = coalesce(m.ma_tinh, b.ma_tinh)
    where b.period_code is null or m.period_code is null
       or (b.received, b.answered, b.published) is distinct from
          (case when delivered.feedback then m.received end, case when delivered.feedback then m.answered end,
           case when delivered.feedback then m.published end)
),

plans as (
    select 'unit_plan_period',
           coalesce(m.ma_tinh, b.ma_tinh) || ' ' || coalesce(m.period_code, b.period_code) || ' '
           || coalesce(m.ma_don_vi, b.ma_don_vi)
    from (select * from {{ ref('fct_unit_plan_period') }} where cutoff = '{{ cutoff }}') as m
    full join {{ ref('unit_plan_period') }} as b using (ma_tinh, period_code, ma_don_vi)
    left join delivered on delivered.ma_tinh = coalesce(m.ma_tinh, b.ma_tinh)
    where b.period_code is null or m.period_code is null
       or (b.has_plan, b.plan_so_ky_hieu, b.plan_ngay_ban_hanh) is distinct from
          (case when delivered.documents then m.has_plan end, m.plan_so_ky_hieu, m.plan_ngay_ban_hanh)
),

documents as (
    select 'province_document_period',
           coalesce(m.ma_tinh, b.ma_tinh) || ' ' || coalesce(m.period_code, b.period_code) || ' '
           || coalesce(m.so_ky_hieu, b.so_ky_hieu)
    from (select * from {{ ref('fct_province_document_period') }} where cutoff = '{{ cutoff }}') as m
    full join {{ ref('province_document_period') }} as b using (ma_tinh, period_code, so_ky_hieu, ngay_ban_hanh)
    where b.period_code is null or m.period_code is null
       or (b.loai, b.linh_vuc_cchc, b.trich_yeu) is distinct from (m.loai, m.linh_vuc_cchc, m.trich_yeu)
),

inspections as (
    select 'inspection_plan', coalesce(m.ma_tinh, b.ma_tinh) || ' ' || coalesce(m.nam, b.nam) || ' '
           || coalesce(m.ma_don_vi, b.ma_don_vi)
    from {{ ref('fct_inspection_plan') }} as m
    full join {{ ref('inspection_plan') }} as b using (ma_tinh, nam, ma_don_vi)
    where b.nam is null or m.nam is null
       or (b.loai, b.thang_du_kien, b.so_ke_hoach) is distinct from (m.loai, m.thang_du_kien::integer, m.so_ke_hoach)
)

select * from legal
union all select * from feedback
union all select * from plans
union all select * from documents
union all select * from inspections

{#- SIPAS per province, unit and survey year: 100 × answers with muc_do ≥ 4 / answers with a muc_do (unrounded). -#}
with per_unit as (
    select
        ma_tinh,
        nam,
        ma_don_vi,
        count(muc_do) as answers,
        count(*) filter (where is_satisfied) as satisfied_answers
    from {{ ref('fct_sipas_answer') }}
    group by ma_tinh, nam, ma_don_vi
)
select
    per_unit.ma_tinh,
    per_unit.nam,
    per_unit.ma_don_vi,
    agency.ten_don_vi,
    per_unit.answers::int as answers,
    per_unit.satisfied_answers::int as satisfied_answers,
    100.0 * per_unit.satisfied_answers / nullif(per_unit.answers, 0) as satisfaction
from per_unit
left join {{ ref('dim_agency') }} as agency
  on agency.ma_tinh = per_unit.ma_tinh and agency.ma_don_vi = per_unit.ma_don_vi

{#-
  Citizens' feedback per province and period of the configured cut-off (marts.fct_feedback_period): received, answered
  by the period's end, published. Null without any feedback file ("chưa có số liệu"), never zero.
  Counts only: the sender, phone and text stay in the restricted raw schema.
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code'], 'unique': True}]) }}
with delivered as (
    select provinces.ma_tinh, {{ register_delivered('feedback', 'provinces.ma_tinh') }} as feedback
    from {{ ref('dim_province') }} as provinces
)

select
    {{ bi_period_columns('p') }},
    case when delivered.feedback then f.received end as received,
    case when delivered.feedback then f.answered end as answered,
    case when delivered.feedback then f.published end as published
from {{ ref('fct_feedback_period') }} as f
join {{ ref('bi_dim_period') }} as p on p.ma_tinh = f.ma_tinh and p.period_code = f.period_code and p.cutoff = f.cutoff
join delivered on delivered.ma_tinh = f.ma_tinh
where f.cutoff = '{{ bi_cutoff() }}'

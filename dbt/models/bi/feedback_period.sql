{#-
  Citizens' feedback per period of the configured cut-off (marts.fct_feedback_period): received, answered
  by the period's end, published. Null without any feedback file ("chưa có số liệu"), never zero.
  Counts only: the sender, phone and text stay in the restricted raw schema.
-#}
{{ config(indexes=[{'columns': ['period_code'], 'unique': True}]) }}
with delivered as (
    select {{ register_delivered('feedback') }} as feedback
)

select
    {{ bi_period_columns('p') }},
    case when delivered.feedback then f.received end as received,
    case when delivered.feedback then f.answered end as answered,
    case when delivered.feedback then f.published end as published
from {{ ref('fct_feedback_period') }} as f
join {{ ref('bi_dim_period') }} as p on p.period_code = f.period_code and p.cutoff = f.cutoff
cross join delivered
where f.cutoff = '{{ bi_cutoff() }}'

{#-
  SIPAS per province and survey year: units surveyed (every unit in the survey data), units with
  satisfaction ≥ 80 and = 100, and the province-wide rate over all answers (unrounded).
-#}
select
    ma_tinh,
    nam,
    count(*)::int as units_surveyed,
    count(*) filter (where satisfaction >= 80)::int as units_ge_80,
    count(*) filter (where satisfaction = 100)::int as units_100,
    sum(answers)::int as answers,
    sum(satisfied_answers)::int as satisfied_answers,
    100.0 * sum(satisfied_answers) / nullif(sum(answers), 0) as rate
from {{ ref('fct_sipas_unit') }}
group by ma_tinh, nam

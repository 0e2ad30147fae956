{#-
  COUNTING_RULES: catalogue and staff figures come from "the latest snapshot dated on or
  before `to`". One row per period × cut-off with that snapshot date (null when none).
-#}
{% macro snapshot_of_period(snapshots) %}
    select
        periods.period_code,
        periods.cutoff,
        (select max(d.snapshot_date) from (select distinct snapshot_date from {{ snapshots }}) as d
         where d.snapshot_date <= periods.date_to) as snapshot_date
    from {{ ref('dim_period') }} as periods
{% endmacro %}

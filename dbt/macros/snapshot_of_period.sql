{#-
  COUNTING_RULES: catalogue and staff figures come from "the latest snapshot dated on or
  before `to`". One row per province × period × cut-off with that snapshot date of the province's
  own snapshots (null when none).
  The distinct snapshot dates are computed once and joined, not looked up per period: a
  correlated subquery here re-read the whole snapshot view for each of the periods.
-#}
{% macro snapshot_of_period(snapshots) %}
    select
        periods.ma_tinh,
        periods.period_code,
        periods.cutoff,
        max(snapshot_dates.snapshot_date) as snapshot_date
    from {{ ref('dim_period') }} as periods
    left join (select distinct ma_tinh, snapshot_date from {{ snapshots }}) as snapshot_dates
        on snapshot_dates.ma_tinh = periods.ma_tinh and snapshot_dates.snapshot_date <= periods.date_to
    group by periods.ma_tinh, periods.period_code, periods.cutoff
{% endmacro %}

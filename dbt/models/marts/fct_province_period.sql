{#-
  The national view: one row per province × period × cut-off of dim_period (the periods the
  province's own dossier data covers), with the headline figures of each province's report, so
  provinces can be compared and ranked side by side. Definitions are the report's:
    received          received_total of Biểu 06 (carried over + received new)
    received_new      received within the period
    resolved          resolved_total;  resolved_on_time = resolved early + on due
    on_time_rate      resolved_on_time / resolved × 100 (null when nothing was resolved)
    online_rate       received_online / received_new × 100 (null when nothing new was received)
    overdue           pending_overdue (still pending at the end of `to`, past its due date)
    par_year          the PAR Index year the province's report on this period uses: the latest
                      year of its unit PAR Index (fct_par_index_unit) strictly before the year of `to`
    par_index, par_rank  the published provincial PAR Index and rank (fct_provincial_ranking) of
                      par_year; null when the province has no unit PAR Index before that year or
                      the published ranking has no row for it.
  Dossier figures are sums of the province's own rows of agg_dossier_bieu06 (0 for a covered
  period without dossiers); nothing here adds figures of two provinces.
-#}
with dossier_figures as (
    select
        ma_tinh,
        period_code,
        cutoff,
        sum(received_total)::bigint as received,
        sum(received_new)::bigint as received_new,
        sum(received_online)::bigint as received_online,
        sum(resolved_total)::bigint as resolved,
        sum(resolved_on_time)::bigint as resolved_on_time,
        sum(pending_overdue)::bigint as overdue
    from {{ ref('agg_dossier_bieu06') }}
    group by ma_tinh, period_code, cutoff
),

par_years as (
    select distinct ma_tinh, nam from {{ ref('fct_par_index_unit') }}
),

periods as (
    select
        p.ma_tinh,
        p.period_code,
        p.cutoff,
        p.period_kind,
        p.date_from,
        p.date_to,
        (select max(par_years.nam) from par_years
         where par_years.ma_tinh = p.ma_tinh and par_years.nam < extract(year from p.date_to)) as par_year
    from {{ ref('dim_period') }} as p
)

select
    periods.ma_tinh,
    province.ten_tinh,
    periods.period_code,
    periods.cutoff,
    periods.period_kind,
    periods.date_from,
    periods.date_to,
    coalesce(f.received, 0) as received,
    coalesce(f.received_new, 0) as received_new,
    coalesce(f.resolved, 0) as resolved,
    coalesce(f.resolved_on_time, 0) as resolved_on_time,
    {{ dossier_rates('f.resolved_on_time', 'f.resolved', 'f.received_online', 'f.received_new') }},
    coalesce(f.overdue, 0) as overdue,
    periods.par_year,
    ranking.par_index,
    ranking.xep_hang as par_rank
from periods
left join {{ ref('dim_province') }} as province on province.ma_tinh = periods.ma_tinh
left join dossier_figures as f
  on f.ma_tinh = periods.ma_tinh and f.period_code = periods.period_code and f.cutoff = periods.cutoff
left join {{ ref('fct_provincial_ranking') }} as ranking
  on ranking.ma_tinh = periods.ma_tinh and ranking.nam = periods.par_year

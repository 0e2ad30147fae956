{#-
  One row per dossier (ma_tinh, ma_ho_so) × period of its province × cut-off in which the dossier takes part (it is in
  received_total: received by `to` and not closed before `from`), with its status flags per
  COUNTING_RULES. The moment judged is closed_at for a dossier closed within the period
  (its due date at closure is fct_dossier.due_date) and the end of `to` for one still open
  (its latest status and due date are looked up in int_dossier_timeline at that moment).
  No (period_code, cutoff) index: on 2.6M rows it cost more to build than the queries it served.
  Incremental: recomputes the dossiers touched by new log records and every dossier that
  overlaps a period that did not exist before (the data reached a new month). The pre-hook first
  copies the touched dossiers' current rows into int_dossier_period_before (not readable by BI),
  so that agg_dossier_bieu06 can apply the difference instead of recounting.
-#}
{{ config(
    materialized='incremental',
    unique_key=['ma_tinh', 'ma_ho_so'],
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['ma_tinh', 'ma_ho_so']}],
    pre_hook=[
      "truncate {{ ref('int_dossier_period_before') }}",
      "{% if is_incremental() %}
       insert into {{ ref('int_dossier_period_before') }}
       select ma_tinh, ma_ho_so, period_code, cutoff, is_carried_over, is_received_new, is_resolved, is_resolved_early,
              is_resolved_on_due, is_resolved_late, is_withdrawn, is_pending, is_pending_waiting,
              is_pending_overdue, due_date_judged
       from {{ this }}
       where (ma_tinh, ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
       {% endif %}",
    ],
    post_hook=[
      "{% if not is_incremental() %}
       alter table {{ this }} alter column ma_tinh set not null, alter column ma_ho_so set not null, alter column period_code set not null,
                              alter column cutoff set not null;
       analyze {{ this }}
       {% endif %}",
      "{% if is_incremental() %}
       delete from {{ this }} as f
       where (f.ma_tinh, f.ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
         and not exists (select 1 from {{ ref('fct_dossier') }} as d where d.ma_tinh = f.ma_tinh and d.ma_ho_so = f.ma_ho_so)
       {% endif %}",
    ],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}
-- depends_on: {{ ref('int_dossier_period_before') }}

with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to
    from {{ ref('dim_period') }}
),

{% if is_incremental() %}
new_periods as (
    -- Periods this table has no row for yet (it has a row for every period it covers).
    select periods.*
    from periods
    where not exists (
        select 1 from {{ this }} as f
        where f.ma_tinh = periods.ma_tinh and f.period_code = periods.period_code and f.cutoff = periods.cutoff)
),
scope as (
    select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }}
    union
    select d.ma_tinh, d.ma_ho_so
    from {{ ref('fct_dossier') }} as d
    join new_periods as p
      on p.ma_tinh = d.ma_tinh
     and d.received_date <= p.date_to and (d.closed_date is null or d.closed_date >= p.date_from)
),
{% endif %}

-- Incremental: MATERIALIZED makes PostgreSQL pick the few scoped dossiers first and only then pair
-- them with periods (otherwise it may pair all 309k dossiers and filter afterwards).
dossiers as {% if is_incremental() %}materialized{% endif %} (
    select ma_tinh, ma_ho_so, received_date, closed_date, close_kind, due_date
    from {{ ref('fct_dossier') }}
    {% if is_incremental() %}
    where (ma_tinh, ma_ho_so) in (select ma_tinh, ma_ho_so from scope)
    {% endif %}
),

pairs as (
    select
        d.ma_tinh,
        d.ma_ho_so,
        p.period_code,
        p.cutoff,
        p.date_from,
        p.date_to,
        d.received_date,
        d.closed_date,
        d.close_kind,
        d.due_date,
        d.closed_date is not null and d.closed_date <= p.date_to as is_resolved
    from dossiers as d
    join periods as p
      on p.ma_tinh = d.ma_tinh
     and d.received_date <= p.date_to
     and (d.closed_date is null or d.closed_date >= p.date_from)
)

-- One pass: resolved rows need no lookup; a pending row looks up the last record at or before the
-- end of `to` in int_dossier_timeline (its status: waiting = 5; its due date), by index. The
-- lateral subquery's `not pairs.is_resolved` is a one-time filter, so resolved rows skip it.
select
    pairs.ma_tinh,
    pairs.ma_ho_so,
    pairs.period_code,
    pairs.cutoff,
    pairs.received_date < pairs.date_from as is_carried_over,
    pairs.received_date >= pairs.date_from as is_received_new,
    pairs.is_resolved,
    case when pairs.is_resolved
         then close_kind = 'RESOLVED' and due_date is not null and closed_date < due_date
         else false end as is_resolved_early,
    case when pairs.is_resolved
         then close_kind <> 'RESOLVED' or due_date is null or closed_date = due_date
         else false end as is_resolved_on_due,
    case when pairs.is_resolved
         then close_kind = 'RESOLVED' and due_date is not null and closed_date > due_date
         else false end as is_resolved_late,
    case when pairs.is_resolved then close_kind in ('WITHDRAWN', 'STOPPED') else false end as is_withdrawn,
    not pairs.is_resolved as is_pending,
    case when pairs.is_resolved then false
         else coalesce(pending_state.is_waiting, false) end as is_pending_waiting,
    case when pairs.is_resolved then false
         else not coalesce(pending_state.is_waiting, false)
              and pending_state.due_after is not null and pending_state.due_after < pairs.date_to
         end as is_pending_overdue,
    case when pairs.is_resolved then pairs.due_date else pending_state.due_after end as due_date_judged
from pairs
left join lateral (
    select t.status = 5 as is_waiting, t.due_after
    from {{ ref('int_dossier_timeline') }} as t
    where not pairs.is_resolved
      and t.ma_tinh = pairs.ma_tinh
      and t.ma_ho_so = pairs.ma_ho_so
      and t.ts_local < (pairs.date_to + 1)
      and (t.next_ts_local is null or t.next_ts_local >= (pairs.date_to + 1))
    offset 0   -- keeps the subquery lateral (per-row index lookup) instead of a hash join on the whole timeline
) as pending_state on true

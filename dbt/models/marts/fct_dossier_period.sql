{#-
  One row per dossier × period × cut-off in which the dossier takes part (it is in
  received_total: received by `to` and not closed before `from`), with its status flags per
  COUNTING_RULES. The moment judged is closed_at for a dossier closed within the period
  (its due date at closure is fct_dossier.due_date) and the end of `to` for one still open
  (its latest status and due date are looked up in int_dossier_timeline at that moment).
  Incremental: recomputes the dossiers touched by new log records and every dossier that
  overlaps a period that did not exist before (the data reached a new month). The previous rows
  of the touched dossiers are kept for the run in intermediate.fct_dossier_period__previous (not readable by
  BI) so that agg_dossier_bieu06 can apply the difference instead of recounting.
-#}
{{ config(
    materialized='incremental',
    unique_key='ma_ho_so',
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['ma_ho_so']}, {'columns': ['period_code', 'cutoff']}],
    pre_hook=[
      "drop table if exists intermediate.fct_dossier_period__previous",
      "{% if is_incremental() %}
       create unlogged table intermediate.fct_dossier_period__previous as
       select f.* from {{ this }} as f
       where f.ma_ho_so in (select ma_ho_so from {{ ref('int_dossier_touched') }})
       {% endif %}",
    ],
    post_hook=[
      "{% if is_incremental() %}
       delete from {{ this }} as f
       where f.ma_ho_so in (select ma_ho_so from {{ ref('int_dossier_touched') }})
         and not exists (select 1 from {{ ref('fct_dossier') }} as d where d.ma_ho_so = f.ma_ho_so)
       {% endif %}",
    ],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}

with periods as (
    select period_code, cutoff, date_from, date_to
    from {{ ref('dim_period') }}
),

{% if is_incremental() %}
new_periods as (
    select periods.*
    from periods
    where not exists (
        select 1 from {{ this }} as f where f.period_code = periods.period_code and f.cutoff = periods.cutoff)
),
scope as (
    select ma_ho_so from {{ ref('int_dossier_touched') }}
    union
    select d.ma_ho_so
    from {{ ref('fct_dossier') }} as d
    join new_periods as p
      on d.received_date <= p.date_to and (d.closed_date is null or d.closed_date >= p.date_from)
),
{% endif %}

dossiers as (
    select ma_ho_so, received_date, closed_date, close_kind, due_date
    from {{ ref('fct_dossier') }}
    {% if is_incremental() %}
    where ma_ho_so in (select ma_ho_so from scope)
    {% endif %}
),

pairs as (
    select
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
      on d.received_date <= p.date_to
     and (d.closed_date is null or d.closed_date >= p.date_from)
),

pending_moments as (
    select distinct ma_ho_so, date_to
    from pairs
    where not is_resolved
),

pending_state as (
    -- The last record at or before the end of `to`: its status (waiting = 5) and due date.
    select
        m.ma_ho_so,
        m.date_to,
        t.status = 5 as is_waiting,
        t.due_after
    from pending_moments as m
    join {{ ref('int_dossier_timeline') }} as t
      on t.ma_ho_so = m.ma_ho_so
     and t.ts_local < (m.date_to + 1)
     and (t.next_ts_local is null or t.next_ts_local >= (m.date_to + 1))
    {% if is_incremental() %}
    where t.ma_ho_so in (select ma_ho_so from scope)   -- index lookups instead of hashing the whole timeline
    {% endif %}
)

-- Resolved rows need no lookup; only the (few) pending rows are joined to their state.
select
    ma_ho_so,
    period_code,
    cutoff,
    received_date < date_from as is_carried_over,
    received_date >= date_from as is_received_new,
    true as is_resolved,
    close_kind = 'RESOLVED' and due_date is not null and closed_date < due_date as is_resolved_early,
    close_kind <> 'RESOLVED' or due_date is null or closed_date = due_date as is_resolved_on_due,
    close_kind = 'RESOLVED' and due_date is not null and closed_date > due_date as is_resolved_late,
    close_kind in ('WITHDRAWN', 'STOPPED') as is_withdrawn,
    false as is_pending,
    false as is_pending_waiting,
    false as is_pending_overdue,
    due_date as due_date_judged
from pairs
where is_resolved

union all

select
    pairs.ma_ho_so,
    pairs.period_code,
    pairs.cutoff,
    pairs.received_date < pairs.date_from as is_carried_over,
    pairs.received_date >= pairs.date_from as is_received_new,
    false as is_resolved,
    false as is_resolved_early,
    false as is_resolved_on_due,
    false as is_resolved_late,
    false as is_withdrawn,
    true as is_pending,
    coalesce(pending_state.is_waiting, false) as is_pending_waiting,
    not coalesce(pending_state.is_waiting, false)
        and pending_state.due_after is not null and pending_state.due_after < pairs.date_to as is_pending_overdue,
    pending_state.due_after as due_date_judged
from pairs
left join pending_state
  on pending_state.ma_ho_so = pairs.ma_ho_so and pending_state.date_to = pairs.date_to
where not pairs.is_resolved

{#-
  The rows fct_dossier_period held for the touched dossiers before this run, so that
  agg_dossier_bieu06 can subtract them (the old figures) and add their new rows, instead of
  recounting every dossier. fct_dossier_period's pre-hook fills it from its own rows
  just before it replaces them: empty after a full build, refilled by every incremental run of
  fct_dossier_period (also on a night that rebuilds it without new log records). Built here
  empty, with the columns of fct_dossier_period; unlogged, as it only lives for the run.
-#}
{{ config(materialized='table', unlogged=True) }}

select
    null::text as ma_tinh,
    null::text as ma_ho_so,
    null::text as period_code,
    null::text as cutoff,
    null::boolean as is_carried_over,
    null::boolean as is_received_new,
    null::boolean as is_resolved,
    null::boolean as is_resolved_early,
    null::boolean as is_resolved_on_due,
    null::boolean as is_resolved_late,
    null::boolean as is_withdrawn,
    null::boolean as is_pending,
    null::boolean as is_pending_waiting,
    null::boolean as is_pending_overdue,
    null::date as due_date_judged
where false

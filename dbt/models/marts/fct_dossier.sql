{#-
  One row per received dossier (COUNTING_RULES "Dossiers"), keyed (ma_tinh, ma_ho_so): a dossier code
  is unique only within its province, and every join below stays within the province. Figures per period are in
  fct_dossier_period; this is the dossier's own story.
    received_at   earliest status 2
    channel       KenhThucHien of the receipt record, else of the earliest record having one, else 1
    receiving unit/level  MaDonVi of the receipt record; cap from dim_agency (null if unknown)
    procedure/field       MaTTHC of the receipt record (else the earliest one given); field from
                          the catalogue version valid at the received date (else the nearest one)
    closed_at     earliest status 9/10/7/8 (not before received_at), close_kind RESOLVED/WITHDRAWN/STOPPED
    due_date      final due date: as judged at closed_at, or as it stands now for an open dossier
  Incremental: only dossiers touched by new log records are recomputed.
-#}
{{ config(
    materialized='incremental',
    unique_key=['ma_tinh', 'ma_ho_so'],
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['ma_tinh', 'ma_ho_so'], 'unique': True}],
    post_hook=[
      "{% if not is_incremental() %}analyze {{ this }}{% endif %}",
      "{% if is_incremental() %}
       delete from {{ this }} as d
       where (d.ma_tinh, d.ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
         and not exists (select 1 from {{ ref('int_dossier_timeline') }} as t
                         where t.ma_tinh = d.ma_tinh and t.ma_ho_so = d.ma_ho_so)
       {% endif %}",
    ],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}

with timeline as not materialized (   -- read twice: scanning the table twice beats a tuplestore
    select *
    from {{ ref('int_dossier_timeline') }}
    {% if is_incremental() %}
    where (ma_tinh, ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
    {% endif %}
),

per_dossier_arrays as (
    -- Every ordered aggregate uses the same ORDER BY seq, so PostgreSQL sorts the timeline once
    -- (by ma_tinh, ma_ho_so, seq) instead of running a small sort inside each group for each aggregate.
    select
        ma_tinh,
        ma_ho_so,
        min(received_ts) as received_ts,
        min(closed_ts) as closed_ts,
        min(kenh_thuc_hien) filter (where is_receipt) as receipt_channel,
        (array_agg(kenh_thuc_hien order by seq) filter (where kenh_thuc_hien is not null))[1] as first_channel,
        min(ma_don_vi) filter (where is_receipt) as ma_don_vi,
        coalesce(
            min(ma_tthc) filter (where is_receipt),
            (array_agg(ma_tthc order by seq) filter (where ma_tthc is not null))[1]
        ) as ma_tthc,
        min(status) filter (where is_first_close) as close_status,
        -- State at the moment judged: the last record at or before closed_at (last array element).
        array_agg(due_after order by seq)
            filter (where ts_local <= coalesce(closed_ts, 'infinity'::timestamp)) as dues_until_judged,
        array_agg(status order by seq)
            filter (where ts_local <= coalesce(closed_ts, 'infinity'::timestamp)) as statuses_until_judged,
        count(*) filter (where status = 5 and ts_local <= coalesce(closed_ts, 'infinity'::timestamp))::int
            as supplement_cycles,
        max(_file_id) as last_file_id
    from timeline
    group by ma_tinh, ma_ho_so
),

per_dossier as (
    select
        ma_tinh, ma_ho_so, received_ts, closed_ts, receipt_channel, first_channel, ma_don_vi, ma_tthc, close_status,
        dues_until_judged[cardinality(dues_until_judged)] as due_date,
        statuses_until_judged[cardinality(statuses_until_judged)] as latest_status,
        supplement_cycles,
        last_file_id
    from per_dossier_arrays
),

waiting_spans as (
    -- Working days spent waiting for a supplement, per (request, resume) pair with both ends known.
    select
        timeline.ma_tinh,
        timeline.ma_ho_so,
        sum(greatest(0, (resumed.working_day_number - resumed.is_working_day::int) - requested.working_day_number))::int
            as waiting_working_days
    from timeline
    join {{ ref('dim_date') }} as requested
      on requested.ma_tinh = timeline.ma_tinh and requested.date_day = timeline.supplement_requested_ts::date
    join {{ ref('dim_date') }} as resumed
      on resumed.ma_tinh = timeline.ma_tinh and resumed.date_day = timeline.ts_local::date
    where timeline.is_resume
      and timeline.supplement_requested_ts is not null
      and timeline.ts_local <= coalesce(timeline.closed_ts, 'infinity'::timestamp)
    group by timeline.ma_tinh, timeline.ma_ho_so
),

procedure_version as (
    select distinct on (per_dossier.ma_tinh, per_dossier.ma_ho_so)
        per_dossier.ma_tinh,
        per_dossier.ma_ho_so,
        dim_procedure.ma_linh_vuc
    from per_dossier
    join {{ ref('dim_procedure') }} as dim_procedure
      on dim_procedure.ma_tinh = per_dossier.ma_tinh and dim_procedure.ma_tthc = per_dossier.ma_tthc
    order by
        per_dossier.ma_tinh,
        per_dossier.ma_ho_so,
        (per_dossier.received_ts::date between dim_procedure.valid_from
            and coalesce(dim_procedure.valid_to, 'infinity'::date)) desc,
        abs(dim_procedure.valid_from - per_dossier.received_ts::date)
)

select
    d.ma_tinh,
    d.ma_ho_so,
    (d.received_ts at time zone '{{ var("local_time_zone") }}') as received_at,
    d.received_ts::date as received_date,
    coalesce(d.receipt_channel, d.first_channel, 1)::smallint as kenh_thuc_hien,
    d.ma_don_vi,
    agency.cap,
    d.ma_tthc,
    procedure_version.ma_linh_vuc,
    (d.closed_ts at time zone '{{ var("local_time_zone") }}') as closed_at,
    d.closed_ts::date as closed_date,
    case
        when d.close_status in (9, 10) then 'RESOLVED'
        when d.close_status = 7 then 'WITHDRAWN'
        when d.close_status = 8 then 'STOPPED'
    end as close_kind,
    d.close_status::smallint as close_status,
    d.due_date,
    case
        when d.closed_ts is not null then greatest(0,
            (closed_day.working_day_number - closed_day.is_working_day::int) - received_day.working_day_number
            - coalesce(waiting_spans.waiting_working_days, 0))
    end as working_days_taken,
    d.supplement_cycles,
    d.latest_status::smallint as latest_status,
    d.last_file_id
from per_dossier as d
left join {{ ref('dim_agency') }} as agency on agency.ma_tinh = d.ma_tinh and agency.ma_don_vi = d.ma_don_vi
left join procedure_version on procedure_version.ma_tinh = d.ma_tinh and procedure_version.ma_ho_so = d.ma_ho_so
left join waiting_spans on waiting_spans.ma_tinh = d.ma_tinh and waiting_spans.ma_ho_so = d.ma_ho_so
left join {{ ref('dim_date') }} as received_day
  on received_day.ma_tinh = d.ma_tinh and received_day.date_day = d.received_ts::date
left join {{ ref('dim_date') }} as closed_day
  on closed_day.ma_tinh = d.ma_tinh and closed_day.date_day = d.closed_ts::date

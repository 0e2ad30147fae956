{#-
  Every deduplicated log record of every received dossier (one with a status-2 record), in
  ThoiDiemXuLy order, with what the counting rules need to judge the dossier at any moment M
  (the state at M is the last record with ts_local <= M, i.e. ts_local <= M < next_ts_local):
    - is_receipt: the earliest status 2 (received_at);
    - is_first_close: the earliest status 7/8/9/10 (10 without 9 closes at the 10);
    - is_resume: the first status 4 that follows a status 5 (supplement handed in);
    - due_after: the due date as it stands after this record — NgayHenTra of the receipt,
      replaced only by the NgayHenTra of a resume record that carries one. Any other change of
      NgayHenTra (an apology with a new appointment) is ignored.
  Local wall-clock timestamps (Asia/Ho_Chi_Minh): periods are local dates.
  Set-based: integer running maxima over the record position instead of per-row arrays.
  Incremental: recomputes only dossiers touched by new log records.
-#}
{{ config(
    materialized='incremental',
    unique_key=['ma_tinh', 'ma_ho_so'],
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['ma_tinh', 'ma_ho_so']}],
    pre_hook=[
      "{% if not is_incremental() %}set enable_indexscan = off{% endif %}",
    ],
    post_hook=[
      "reset enable_indexscan",
      "{% if not is_incremental() %}analyze {{ this }}{% endif %}",
      "{% if is_incremental() %}
       delete from {{ this }} as t
       where (t.ma_tinh, t.ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
         and not exists (select 1 from {{ ref('stg_onestop__dossier_log') }} as l
                         where l.ma_tinh = t.ma_tinh and l.ma_ho_so = t.ma_ho_so and l.trang_thai_ho_so = 2)
       {% endif %}",
    ],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}

with log as (
    select
        ma_tinh,
        ma_ho_so,
        trang_thai_ho_so as status,
        kenh_thuc_hien,
        ma_don_vi,
        ma_tthc,
        {{ local_ts('thoi_diem_xu_ly') }} as ts_local,
        {{ local_date('ngay_hen_tra') }} as hen_tra_date,
        file_date,
        _file_id,
        _line_no
    from {{ ref('stg_onestop__dossier_log') }}
    where ma_ho_so is not null
      and thoi_diem_xu_ly is not null
      and trang_thai_ho_so is not null
    {% if is_incremental() %}
      and (ma_tinh, ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
    {% endif %}
),

positioned as (
    -- One WindowAgg for the running values: a count over the rows up to this one, minus this row's
    -- own contribution, is the count of the rows before it (row_number and lead ignore the frame).
    select
        log.*,
        row_number() over w_upto as seq,
        lead(ts_local) over w_upto as next_ts_local,
        status = 2 and count(*) filter (where status = 2) over w_upto = 1 as is_receipt,
        status in (7, 8, 9, 10)
            and count(*) filter (where status in (7, 8, 9, 10)) over w_upto = 1 as is_first_close,
        -- Only read on resume rows (status 4), where "up to this row" and "before it" agree.
        max(ts_local) filter (where status = 5) over w_upto as last_supplement_request_ts,
        min(ts_local) filter (where status = 2) over w_dossier as received_ts,
        min(ts_local) filter (where status in (7, 8, 9, 10)) over w_dossier as first_close_ts
    from log
    window
        w_order as (partition by ma_tinh, ma_ho_so order by ts_local, file_date, _file_id, _line_no),
        w_upto as (w_order rows between unbounded preceding and current row),
        w_dossier as (w_order rows between unbounded preceding and unbounded following)
),

-- The windows below keep w_order's exact partition and order columns (not seq), so PostgreSQL
-- reuses the one sort of `positioned` instead of sorting the log again.
resumes as (
    -- A status 4 is a resume when the latest earlier 4-or-5 record is a 5.
    select
        positioned.*,
        coalesce(
            status = 4
            and max(case when status = 5 then seq end) over w_before_again
                > coalesce(max(case when status = 4 then seq end) over w_before_again, 0),
            false) as is_resume
    from positioned
    where received_ts is not null
    window
        w_before_again as (partition by ma_tinh, ma_ho_so order by ts_local, file_date, _file_id, _line_no
                           rows between unbounded preceding and 1 preceding)
),

due_events as (
    select
        resumes.*,
        is_receipt or (is_resume and hen_tra_date is not null) as is_due_event
    from resumes
),

carried as (
    -- Latest due event so far, encoded as seq * 100000 + days since 2000-01-01 (99999 = no date),
    -- so a plain running max carries its date forward.
    select
        due_events.*,
        max(case when is_due_event
                 then seq::bigint * 100000 + coalesce(hen_tra_date - date '2000-01-01', 99999) end)
            over (partition by ma_tinh, ma_ho_so order by ts_local, file_date, _file_id, _line_no
                  rows between unbounded preceding and current row)
            as due_code
    from due_events
)

select
    ma_tinh,
    ma_ho_so,
    seq::int as seq,
    status,
    kenh_thuc_hien,
    ma_don_vi,
    ma_tthc,
    ts_local,
    next_ts_local,
    is_receipt,
    is_first_close,
    is_resume,
    is_due_event,
    case when due_code % 100000 <> 99999 then date '2000-01-01' + (due_code % 100000)::int end as due_after,
    case when is_resume then last_supplement_request_ts end as supplement_requested_ts,
    received_ts,
    -- A close stamped before the receipt is a data error; the dossier cannot close before it
    -- was received, so it counts as closed at the receipt (keeps the accounting identity).
    case when first_close_ts is not null then greatest(first_close_ts, received_ts) end as closed_ts,
    _file_id
from carried

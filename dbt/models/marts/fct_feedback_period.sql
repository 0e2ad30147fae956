{#-
  Citizens' feedback per province and period (COUNTING_RULES "Registers"), from the deduplicated status records:
  - received: distinct items whose earliest status-1 record falls in the period (local date);
  - answered: of those, items with a status-3 record dated on or before `to` (answered later: no);
  - published: answered items whose latest record up to `to` has cong_khai true.
-#}
with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to from {{ ref('dim_period') }}
),

records as (
    select ma_tinh, ma_pakn, trang_thai, cong_khai, {{ local_date('thoi_diem') }} as day, thoi_diem, file_date, file_id,
           line_no
    from {{ ref('stg_feedback__pakn') }}
),

items as (
    select ma_tinh, ma_pakn, min(day) as received_date
    from records
    where trang_thai = 1
    group by ma_tinh, ma_pakn
),

received_in_period as (
    select
        periods.ma_tinh,
        periods.period_code,
        periods.cutoff,
        items.ma_pakn,
        exists (
            select 1 from records
            where records.ma_tinh = items.ma_tinh and records.ma_pakn = items.ma_pakn and records.trang_thai = 3 and records.day <= periods.date_to
        ) as answered,
        (
            select records.cong_khai from records
            where records.ma_tinh = items.ma_tinh and records.ma_pakn = items.ma_pakn
              and records.day <= periods.date_to
            order by records.thoi_diem desc, records.file_date desc nulls last, records.file_id desc,
                     records.line_no desc
            limit 1
        ) as latest_cong_khai
    from periods
    join items on items.ma_tinh = periods.ma_tinh and items.received_date between periods.date_from and periods.date_to
)

select
    periods.ma_tinh,
    periods.period_code,
    periods.cutoff,
    count(received_in_period.ma_pakn)::int as received,
    count(*) filter (where received_in_period.answered)::int as answered,
    count(*) filter (where received_in_period.answered and received_in_period.latest_cong_khai)::int as published
from periods
left join received_in_period using (ma_tinh, period_code, cutoff)
group by periods.ma_tinh, periods.period_code, periods.cutoff

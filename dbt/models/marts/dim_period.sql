{#-
  Every month, quarter, half-year and year the dossier data of each province covers — at least one
  day of [date_from, date_to] inside [the province's earliest received date, its latest log date] —
  for both cut-offs, per province (ma_tinh): a province's periods, and so every period figure of it,
  are the same whether the warehouse holds other provinces or not.
    nd09      Decree 09/2019: month MM = 15th of the previous month … 14th of MM;
              Qn = 15th of the month before the quarter … 14th of its last month;
              H1 = 15/12 of Y−1 … 14/06; H2 = 15/06 … 14/12; year = 15/12 of Y−1 … 14/12
    calendar  plain calendar ranges
-#}
with coverage as (
    select first_days.ma_tinh, first_days.first_day, last_days.last_day
    from (select ma_tinh, min(received_date) as first_day from {{ ref('fct_dossier') }} group by ma_tinh)
        as first_days
    join (select ma_tinh, max({{ local_date('thoi_diem_xu_ly') }}) as last_day
          from {{ ref('fct_dossier_status_log') }} group by ma_tinh) as last_days
      on last_days.ma_tinh = first_days.ma_tinh
),
years as (
    -- every year any province covers; each province keeps only the periods of its own coverage below
    select generate_series(min(extract(year from first_day))::int, max(extract(year from last_day))::int + 1) as y
    from coverage
),
calendar_ranges as (
    select y, 'MONTH' as period_kind, m as period_no,
           make_date(y, m, 1) as cal_from, (make_date(y, m, 1) + interval '1 month' - interval '1 day')::date as cal_to
    from years cross join generate_series(1, 12) as m
    union all
    select y, 'QUARTER', q,
           make_date(y, 3 * q - 2, 1), (make_date(y, 3 * q - 2, 1) + interval '3 months' - interval '1 day')::date
    from years cross join generate_series(1, 4) as q
    union all
    select y, 'HALF', h,
           make_date(y, 6 * h - 5, 1), (make_date(y, 6 * h - 5, 1) + interval '6 months' - interval '1 day')::date
    from years cross join generate_series(1, 2) as h
    union all
    select y, 'YEAR', 1, make_date(y, 1, 1), make_date(y, 12, 31)
    from years
),
both_cutoffs as (
    select y, period_kind, period_no, 'calendar' as cutoff, cal_from as date_from, cal_to as date_to
    from calendar_ranges
    union all
    -- Decree 09: from the 15th of the month before the calendar start to the 14th of the last month.
    select y, period_kind, period_no, 'nd09' as cutoff,
           (cal_from - interval '1 month' + interval '14 days')::date as date_from,
           make_date(extract(year from cal_to)::int, extract(month from cal_to)::int, 14) as date_to
    from calendar_ranges
)
select
    coverage.ma_tinh,
    case period_kind
        when 'MONTH' then y::text || '-' || lpad(period_no::text, 2, '0')
        when 'QUARTER' then y::text || '-Q' || period_no
        when 'HALF' then y::text || '-H' || period_no
        else y::text
    end as period_code,
    cutoff,
    period_kind,
    y as period_year,
    period_no,
    date_from,
    date_to,
    case period_kind
        when 'MONTH' then 'tháng ' || period_no || ' năm ' || y
        when 'QUARTER' then 'quý ' || (array['I', 'II', 'III', 'IV'])[period_no] || ' năm ' || y
        when 'HALF' then case period_no when 1 then '6 tháng đầu năm ' else '6 tháng cuối năm ' end || y
        else 'năm ' || y
    end as label_vi
from both_cutoffs
cross join coverage
where date_from <= coverage.last_day
  and date_to >= coverage.first_day

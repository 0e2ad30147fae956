{#-
  Calendar of each province (ma_tinh, date_day) with the Vietnamese public holidays (NGHI) and
  make-up working days (LAM_BU) of that province's reference/holidays.csv: holidays are delivered
  per landing zone, so a province's working days never depend on another province's file.
  Working day = Monday–Friday, minus NGHI, plus LAM_BU.
  working_day_number = working days from the first calendar day up to and including this day,
  so the working days strictly between dates a < b are
  (working_day_number(b) − is_working_day(b)) − working_day_number(a).
  Range: 2010–2040, widened to cover every holiday row of the province. One calendar per province
  of dim_province (a province without a holidays file gets the plain Monday–Friday calendar).
-#}
with provinces as (
    select ma_tinh from {{ ref('dim_province') }}
),
bounds as (
    select
        provinces.ma_tinh,
        least(date '2010-01-01', min(make_date(extract(year from holidays.ngay)::int, 1, 1))) as first_day,
        greatest(date '2040-12-31', max(make_date(extract(year from holidays.ngay)::int, 12, 31))) as last_day
    from provinces
    left join {{ ref('stg_reference__holidays') }} as holidays on holidays.ma_tinh = provinces.ma_tinh
    group by provinces.ma_tinh
),
days as (
    select ma_tinh, generate_series(first_day, last_day, interval '1 day')::date as date_day
    from bounds
),
flagged as (
    select
        days.ma_tinh,
        days.date_day,
        extract(isodow from days.date_day)::int as iso_day_of_week,
        holidays.loai as holiday_kind,
        holidays.ten as holiday_name,
        case
            when holidays.loai = 'LAM_BU' then true
            when holidays.loai = 'NGHI' then false
            else extract(isodow from days.date_day) <= 5
        end as is_working_day
    from days
    left join {{ ref('stg_reference__holidays') }} as holidays
      on holidays.ma_tinh = days.ma_tinh and holidays.ngay = days.date_day
)
select
    ma_tinh,
    date_day,
    extract(year from date_day)::int as year,
    extract(quarter from date_day)::int as quarter,
    extract(month from date_day)::int as month,
    extract(day from date_day)::int as day_of_month,
    iso_day_of_week,
    holiday_kind,
    holiday_name,
    holiday_kind = 'NGHI' as is_holiday,
    holiday_kind = 'LAM_BU' as is_make_up_day,
    is_working_day,
    sum(case when is_working_day then 1 else 0 end) over (partition by ma_tinh order by date_day)::int
        as working_day_number
from flagged

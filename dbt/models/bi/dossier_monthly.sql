{#-
  Monthly trend of each province (ma_tinh) under the configured cut-off: each month's Biểu 06 counts per level, repeated under
  every quarter, half-year and year that contains the month, so a filter on period_code (or
  period_label) of a longer period yields its months. Under nd09 month MM runs 15/MM−1 … 14/MM,
  and its periods are exact unions of months, so the months of 2020-H1 add up to 2020-H1's
  received_new and resolved_total (not carried_over or pending, which are states, not flows).
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code']}]) }}
with months as (
    select ma_tinh, period_code as month_code, label_vi as month_label, period_year, period_no, date_from, date_to
    from {{ ref('dim_period') }}
    where cutoff = '{{ bi_cutoff() }}' and period_kind = 'MONTH'
),
enclosing as (
    select m.*, p.period_code, p.period_kind, p.label_vi as period_label
    from months as m
    join {{ ref('dim_period') }} as p
      on p.ma_tinh = m.ma_tinh and p.cutoff = '{{ bi_cutoff() }}' and p.period_kind <> 'MONTH'
     and p.date_from <= m.date_from and m.date_to <= p.date_to
)
select
    e.ma_tinh,
    e.period_code,
    '{{ bi_cutoff() }}'::text as cutoff,
    e.period_kind,
    kind.label_vi as period_kind_label,
    e.period_label,
    e.month_code,
    e.month_label,
    make_date(e.period_year, e.period_no, 1) as month_date,
    e.date_from as month_date_from,
    e.date_to as month_date_to,
    a.cap,
    coalesce(level.label_vi, 'Đơn vị chưa xác định cấp') as cap_label,
    {{ bieu06_sums_and_rates('a') }}
from enclosing as e
join {{ ref('agg_dossier_bieu06') }} as a
  on a.ma_tinh = e.ma_tinh and a.period_code = e.month_code and a.cutoff = '{{ bi_cutoff() }}'
join {{ ref('label_period_kind') }} as kind on kind.period_kind = e.period_kind
left join {{ ref('label_level') }} as level on level.cap = a.cap
group by e.ma_tinh, e.period_code, e.period_kind, kind.label_vi, e.period_label, e.month_code, e.month_label, e.period_year,
    e.period_no, e.date_from, e.date_to, a.cap, level.label_vi

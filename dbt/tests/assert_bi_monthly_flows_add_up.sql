-- The months listed under a quarter, half-year or year in bi.dossier_monthly add up to that
-- period's flows (received_new, received_online, resolved_*) in bi.bieu06_province: under either
-- cut-off a period is an exact union of its months.
with months as (
    select ma_tinh, period_code, sum(received_new) as received_new, sum(received_online) as received_online,
           sum(resolved_total) as resolved_total, sum(resolved_on_time) as resolved_on_time,
           sum(resolved_late) as resolved_late
    from {{ ref('dossier_monthly') }}
    group by ma_tinh, period_code
)
select p.ma_tinh, p.period_code
from {{ ref('bieu06_province') }} as p
left join months as m on m.ma_tinh = p.ma_tinh and m.period_code = p.period_code
where p.period_kind <> 'MONTH'
  and (coalesce(m.received_new, 0), coalesce(m.received_online, 0), coalesce(m.resolved_total, 0),
       coalesce(m.resolved_on_time, 0), coalesce(m.resolved_late, 0))
      is distinct from (p.received_new, p.received_online, p.resolved_total, p.resolved_on_time, p.resolved_late)

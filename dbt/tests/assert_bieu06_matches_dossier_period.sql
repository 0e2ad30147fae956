-- The aggregate is exactly the dossier × period fact summed: same received_total per province, period and cut-off.
with from_fact as (
    select ma_tinh, period_code, cutoff, count(*) as received_total
    from {{ ref('fct_dossier_period') }}
    group by ma_tinh, period_code, cutoff
),
from_agg as (
    select ma_tinh, period_code, cutoff, sum(received_total) as received_total
    from {{ ref('agg_dossier_bieu06') }}
    group by ma_tinh, period_code, cutoff
)
select *
from from_fact
full join from_agg using (ma_tinh, period_code, cutoff)
where from_fact.received_total is distinct from from_agg.received_total

{#-
  The national comparison of the configured cut-off: one row per province and period with the
  headline figures of its report and the published PAR Index rank (marts.fct_province_period),
  plus Vietnamese period labels. Rates are per province, never averaged over provinces.
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code'], 'unique': True}]) }}
select
    f.ma_tinh,
    f.ten_tinh,
    f.period_code,
    f.cutoff,
    f.period_kind,
    kind.label_vi as period_kind_label,
    p.label_vi as period_label,
    p.period_year,
    f.date_from,
    f.date_to,
    f.received,
    f.received_new,
    f.resolved,
    f.resolved_on_time,
    f.on_time_rate,
    f.online_rate,
    f.overdue,
    f.par_year,
    f.par_index::numeric as par_index,
    f.par_rank
from {{ ref('fct_province_period') }} as f
join {{ ref('dim_period') }} as p
  on p.ma_tinh = f.ma_tinh and p.period_code = f.period_code and p.cutoff = f.cutoff
join {{ ref('label_period_kind') }} as kind on kind.period_kind = f.period_kind
where f.cutoff = '{{ bi_cutoff() }}'

{#- Every period of each province (ma_tinh) of the configured cut-off with its Vietnamese label ("6 tháng đầu năm 2020") and kind. -#}
{{ config(alias='dim_period', indexes=[{'columns': ['ma_tinh', 'period_code'], 'unique': True}]) }}
select
    p.ma_tinh,
    p.period_code,
    p.cutoff,
    p.period_kind,
    kind.label_vi as period_kind_label,
    p.label_vi as period_label,
    p.period_year,
    p.period_no,
    p.date_from,
    p.date_to
from {{ ref('dim_period') }} as p
join {{ ref('label_period_kind') }} as kind on kind.period_kind = p.period_kind
where p.cutoff = '{{ bi_cutoff() }}'

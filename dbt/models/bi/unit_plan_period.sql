{#-
  Per province, period of the configured cut-off and unit that must issue a yearly reform plan (SO_NGANH,
  UBND_HUYEN): whether it has its plan for the year of the period's end (marts.fct_unit_plan_period).
  Without the documents register (edoc/documents.csv) has_plan is null, never false.
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code', 'ma_don_vi'], 'unique': True}]) }}
select
    {{ bi_period_columns('p') }},
    extract(year from p.date_to)::integer as nam_ke_hoach,
    f.ma_don_vi,
    coalesce(f.ten_don_vi, 'Đơn vị ' || f.ma_don_vi || ' (chưa có trong danh mục đơn vị)') as ten_don_vi,
    f.loai,
    kind.label_vi as loai_label,
    case when {{ register_delivered('documents', 'f.ma_tinh') }} then f.has_plan end as has_plan,
    f.plan_so_ky_hieu,
    f.plan_ngay_ban_hanh
from {{ ref('fct_unit_plan_period') }} as f
join {{ ref('bi_dim_period') }} as p on p.ma_tinh = f.ma_tinh and p.period_code = f.period_code and p.cutoff = f.cutoff
left join {{ ref('label_unit_kind') }} as kind on kind.loai = f.loai
where f.cutoff = '{{ bi_cutoff() }}'

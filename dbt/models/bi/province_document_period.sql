{#-
  Documents of the province People's Committee serving a reform area, per period of the configured cut-off
  (marts.fct_province_document_period), with the citation the report prints and the section citing them.
  No rows without the documents register: see bi.register_delivery.
-#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code']}]) }}
select
    {{ bi_period_columns('p') }},
    d.so_ky_hieu,
    d.ngay_ban_hanh,
    d.loai,
    kind.label_vi as loai_label,
    coalesce(kind.citation_word, 'Văn bản') || ' số ' || d.so_ky_hieu || ' ngày '
        || to_char(d.ngay_ban_hanh, 'DD/MM/YYYY') as citation,
    d.linh_vuc_cchc,
    area.label_vi as linh_vuc_cchc_label,
    area.report_section,
    d.trich_yeu
from {{ ref('fct_province_document_period') }} as d
join {{ ref('bi_dim_period') }} as p on p.ma_tinh = d.ma_tinh and p.period_code = d.period_code and p.cutoff = d.cutoff
left join {{ ref('label_document_kind') }} as kind on kind.loai = d.loai
left join {{ ref('label_reform_area') }} as area on area.linh_vuc_cchc = d.linh_vuc_cchc
where d.cutoff = '{{ bi_cutoff() }}'

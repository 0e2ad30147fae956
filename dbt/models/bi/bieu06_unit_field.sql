{#- Biểu 06 per period, receiving unit and field (lĩnh vực) of the configured cut-off: the rows of the form. -#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code', 'ma_don_vi']}]) }}
{{ bi_bieu06(by_unit=true, by_field=true) }}

{#- Biểu 06 per period and receiving unit of the configured cut-off (all fields together). -#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code', 'ma_don_vi']}]) }}
{{ bi_bieu06(by_unit=true) }}

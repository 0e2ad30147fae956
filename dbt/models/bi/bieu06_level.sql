{#- Biểu 06 per period and level (Cấp tỉnh/huyện/xã) of the configured cut-off; units missing from
    agencies.csv have no level and appear in no row here (they do in bieu06_province and bieu06_unit). -#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code', 'cap'], 'unique': True}]) }}
{{ bi_bieu06(by_level=true) }}

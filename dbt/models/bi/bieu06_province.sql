{#- Biểu 06 for the whole province, one row per province and period of the configured cut-off. -#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code'], 'unique': True}]) }}
{{ bi_bieu06() }}

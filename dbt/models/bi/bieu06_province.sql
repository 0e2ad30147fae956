{#- Biểu 06 for the whole province, one row per period of the configured cut-off. -#}
{{ config(indexes=[{'columns': ['period_code'], 'unique': True}]) }}
{{ bi_bieu06() }}

{#- bieu06_unit_field under BOTH cut-offs (nd09 and calendar): every period appears twice, so any
    figure must be filtered on `cutoff` before summing. For comparing cut-offs only. -#}
{{ config(indexes=[{'columns': ['ma_tinh', 'period_code', 'cutoff', 'ma_don_vi']}]) }}
{{ bi_bieu06(by_unit=true, by_field=true, all_cutoffs=true) }}

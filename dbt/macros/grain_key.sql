{#- Key of one Biểu 06 row (province, period, cut-off, level, unit, field, channel); nulls are part of the key. -#}
{% macro grain_key(alias) -%}
    md5(concat_ws('|', {{ alias }}.ma_tinh, {{ alias }}.period_code, {{ alias }}.cutoff, coalesce({{ alias }}.cap, '∅'),
        coalesce({{ alias }}.ma_don_vi, '∅'), coalesce({{ alias }}.ma_linh_vuc, '∅'), {{ alias }}.kenh_thuc_hien))
{%- endmacro %}

{#- Helpers of the register tables of the BI schema (models/bi over the register marts). -#}

{#- The province and period columns a per-period BI table starts with, from bi_dim_period aliased `p` (as in the
    Biểu 06 tables). -#}
{% macro bi_period_columns(p) -%}
    {{ p }}.ma_tinh,
    {{ p }}.period_code,
    {{ p }}.cutoff,
    {{ p }}.period_kind,
    {{ p }}.period_kind_label,
    {{ p }}.period_label,
    {{ p }}.period_year,
    {{ p }}.date_from,
    {{ p }}.date_to
{%- endmacro %}

{#-
  Whether the province `ma_tinh` (a column expression) has a loaded file of the register `source_kind`
  (marts.fct_register_delivery). The registers are optional: without its file a register's figures are null
  ("chưa có số liệu"), never zero, as in report.json; another province's file does not count.
-#}
{% macro register_delivered(source_kind, ma_tinh) -%}
    exists (select 1 from {{ ref('fct_register_delivery') }} as delivery
            where delivery.ma_tinh = {{ ma_tinh }} and delivery.source_kind = '{{ source_kind }}')
{%- endmacro %}

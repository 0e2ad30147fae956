{#- Helpers of the register tables of the BI schema (models/bi over the register marts). -#}

{#- The period columns a per-period BI table starts with, from bi_dim_period aliased `p` (as in the Biểu 06 tables). -#}
{% macro bi_period_columns(p) -%}
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
  Whether a file of the register `source_kind` is loaded (marts.fct_register_delivery). The registers are
  optional: without its file a register's figures are null ("chưa có số liệu"), never zero, as in report.json.
-#}
{% macro register_delivered(source_kind) -%}
    exists (select 1 from {{ ref('fct_register_delivery') }} as delivery
            where delivery.source_kind = '{{ source_kind }}')
{%- endmacro %}

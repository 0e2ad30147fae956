{#- Local (Asia/Ho_Chi_Minh) wall-clock timestamp of a timestamptz: the counting rules work on local dates. -#}
{% macro local_ts(column) -%}
    ({{ column }} at time zone '{{ var("local_time_zone") }}')
{%- endmacro %}

{% macro local_date(column) -%}
    ({{ column }} at time zone '{{ var("local_time_zone") }}')::date
{%- endmacro %}

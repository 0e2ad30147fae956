{#-
  Post-hook of every model (dbt_project.yml): ANALYZE a model just built as a table, so the models built
  from it next plan on real statistics. Autovacuum analyzes a new table only later; without statistics
  the planner took joins on (ma_tinh, code) for a join on ma_tinh alone (one value per province) and ran
  cross products for minutes. Incremental models analyze themselves after a full build (their own
  post_hook); views have nothing to analyze.
-#}
{% macro analyze_new_table() -%}
    {%- if config.get('materialized') == 'table' -%}analyze {{ this }}{%- endif -%}
{%- endmacro %}

{#-
  Data tests on the big incremental marts (fct_dossier_status_log, fct_dossier, fct_dossier_period)
  carry `where: "__touched_dossiers__"`. At execution time the placeholder becomes:
    - `(ma_tinh, ma_ho_so) in (<dossiers this run recomputed>)` when intermediate.int_dossier_touched has rows,
      i.e. in an incremental run: only the rows the run rewrote are re-checked (index lookups);
    - `true` when it is empty (a full build or --full-refresh): every row is checked.
  Same mechanism as dbt's documented override of get_where_subquery; other `where` configs pass
  through unchanged.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- if '__touched_dossiers__' in where -%}
            {%- set where = where | replace('__touched_dossiers__', touched_dossiers_predicate()) -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% macro touched_dossiers_predicate() -%}
    {%- set touched = model_relation('int_dossier_touched') -%}
    {%- if touched is none -%}
        {{- return('true') -}}
    {%- endif -%}
    {%- set any_touched = run_query('select exists (select 1 from ' ~ touched ~ ')').columns[0].values()[0] -%}
    {%- if any_touched -%}
        {{- return('(ma_tinh, ma_ho_so) in (select ma_tinh, ma_ho_so from ' ~ touched ~ ')') -}}
    {%- else -%}
        {{- return('true') -}}
    {%- endif -%}
{%- endmacro %}

{#-
  The one documented exception to "every relation through ref() or source()"
  (tests/dbt/test_lineage.py enforces that no other model or macro names a relation).

  model_relation(name) returns the relation that model `name` of this project builds, looked up
  in dbt's graph (its configured database, schema and alias), or none when it does not exist
  (yet). It serves the two reads ref() cannot express:
    - int_dossier_touched reads the state of fct_dossier_status_log and fct_dossier as they were
      BEFORE this run (a ref would make it their child, and a cycle): the previous state every
      incremental dossier model needs is read here, in that one model;
    - the data tests' `where: "__touched_dossiers__"` filter reads int_dossier_touched at test
      time (macros/tests/where_touched.sql).
  Only at execution time: it returns none while dbt parses.
-#}
{% macro model_relation(name) -%}
    {%- if not execute -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ name) -%}
    {%- if node is none -%}
        {{- exceptions.raise_compiler_error('model_relation: no model named ' ~ name) -}}
    {%- endif -%}
    {{- return(adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias)) -}}
{%- endmacro %}

{#-
  received_total = resolved_total + pending_total (COUNTING_RULES), checked at the grain given by
  group_by (empty = every row). Also checks the two inner splits of the identity:
  resolved_on_time = resolved_early + resolved_on_due and pending_total = pending_in_time + pending_overdue.
-#}
{% test accounting_identity(model, group_by=[]) %}
    {%- set keys = group_by | join(', ') -%}
    select {{ keys ~ ',' if keys }}
        sum(received_total) as received_total,
        sum(resolved_total) as resolved_total,
        sum(pending_total) as pending_total
    from {{ model }}
    {% if keys %}group by {{ keys }}{% else %}group by ctid{% endif %}
    having sum(received_total) <> sum(resolved_total) + sum(pending_total)
        or sum(received_total) <> sum(carried_over) + sum(received_new)
        or sum(received_new) <> sum(received_online) + sum(received_direct_postal)
        or sum(resolved_on_time) <> sum(resolved_early) + sum(resolved_on_due)
        or sum(resolved_total) <> sum(resolved_on_time) + sum(resolved_late)
        or sum(pending_total) <> sum(pending_in_time) + sum(pending_overdue)
        or sum(withdrawn) > sum(resolved_on_due)
        or sum(pending_waiting) > sum(pending_in_time)
{% endtest %}

{#- No two rows share the same combination of columns (nulls compare equal, as in a GROUP BY). -#}
{% test unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as copies
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{#- Numeric column within [min_value, max_value] (nulls allowed). -#}
{% test between(model, column_name, min_value, max_value) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}


{#- A relationship between province-scoped codes: the parent must exist in the child's own province
    (dbt's `relationships` matches a code of any province, and joins a national warehouse on a non-unique key). -#}
{% test relationships_within_province(model, column_name, to, field) %}
select child.ma_tinh, child.{{ column_name }}
from (select * from {{ model }}) as child  -- a `where` config makes model an aliased subquery
where child.{{ column_name }} is not null
  and not exists (
      select 1 from {{ to }} as parent
      where parent.ma_tinh = child.ma_tinh and parent.{{ field }} = child.{{ column_name }})
{% endtest %}

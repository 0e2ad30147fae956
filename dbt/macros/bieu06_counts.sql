{#- The dossier figures of Biểu 06 counted over fct_dossier_period rows aliased `f`; `channel` = the dossier's channel. -#}
{% macro bieu06_counts(f, channel) -%}
        count(*) filter (where {{ f }}.is_carried_over) as carried_over,
        count(*) filter (where {{ f }}.is_received_new) as received_new,
        count(*) filter (where {{ f }}.is_received_new and {{ channel }} = 2) as received_online,
        count(*) filter (where {{ f }}.is_received_new and {{ channel }} in (1, 3)) as received_direct_postal,
        count(*) as received_total,
        count(*) filter (where {{ f }}.is_resolved) as resolved_total,
        count(*) filter (where {{ f }}.is_resolved_early) as resolved_early,
        count(*) filter (where {{ f }}.is_resolved_on_due) as resolved_on_due,
        count(*) filter (where {{ f }}.is_resolved_early or {{ f }}.is_resolved_on_due) as resolved_on_time,
        count(*) filter (where {{ f }}.is_resolved_late) as resolved_late,
        count(*) filter (where {{ f }}.is_withdrawn) as withdrawn,
        count(*) filter (where {{ f }}.is_pending) as pending_total,
        count(*) filter (where {{ f }}.is_pending and not {{ f }}.is_pending_overdue) as pending_in_time,
        count(*) filter (where {{ f }}.is_pending_overdue) as pending_overdue,
        count(*) filter (where {{ f }}.is_pending_waiting) as pending_waiting
{%- endmacro %}

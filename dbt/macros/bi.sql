{#- Helpers of the BI schema (models/bi): the configured cut-off and the Biểu 06 roll-up. -#}

{#- The cut-off BI tables carry, validated (var bi_cutoff, env CCHC_BI_CUTOFF; default nd09). -#}
{% macro bi_cutoff() -%}
    {%- set cutoff = var('bi_cutoff', 'nd09') | trim -%}
    {%- if cutoff not in ('nd09', 'calendar') -%}
        {{ exceptions.raise_compiler_error("var bi_cutoff must be 'nd09' or 'calendar', not '" ~ cutoff ~ "'") }}
    {%- endif -%}
    {{ return(cutoff) }}
{%- endmacro %}

{#- The dossier counts of COUNTING_RULES, in Biểu 06 column order. -#}
{% macro bieu06_figure_names() -%}
    {{ return(['carried_over', 'received_new', 'received_online', 'received_direct_postal', 'received_total',
               'resolved_total', 'resolved_early', 'resolved_on_due', 'resolved_on_time', 'resolved_late',
               'withdrawn', 'pending_total', 'pending_in_time', 'pending_overdue', 'pending_waiting']) }}
{%- endmacro %}

{#-
  Every count summed over the rows of `alias` (bigint), then on_time_rate and online_rate
  (percent, unrounded; null when the denominator is 0):
    on_time_rate = resolved_on_time / resolved_total × 100   (REPORT.md)
    online_rate  = received_online / received_new × 100      (COUNTING_RULES "Online rate")
-#}
{% macro bieu06_sums_and_rates(alias) -%}
    {% for fig in bieu06_figure_names() -%}
        sum({{ alias }}.{{ fig }})::bigint as {{ fig }},
    {% endfor -%}
        {{ dossier_rates('sum(' ~ alias ~ '.resolved_on_time)', 'sum(' ~ alias ~ '.resolved_total)',
                         'sum(' ~ alias ~ '.received_online)', 'sum(' ~ alias ~ '.received_new)') }}
{%- endmacro %}

{#- on_time_rate and online_rate of four count expressions (percent, unrounded; null when the denominator is 0):
    the one definition of both rates for every model that states them (the BI tables, marts.fct_province_period). -#}
{% macro dossier_rates(resolved_on_time, resolved_total, received_online, received_new) -%}
        (100.0 * {{ resolved_on_time }} / nullif({{ resolved_total }}, 0))::numeric as on_time_rate,
        (100.0 * {{ received_online }} / nullif({{ received_new }}, 0))::numeric as online_rate
{%- endmacro %}

{#-
  One Biểu 06 table of the BI schema: marts.agg_dossier_bieu06 summed to the grain
  province × period (+ level, + unit, + field; units are looked up within their province) with Vietnamese labels, counts and rates. Only the configured
  cut-off unless all_cutoffs (then `cutoff` is part of the grain). Levels: every row has its unit's
  level; with by_level only, rows of units missing from agencies.csv (no level) are left out, as in
  the report's by_level (they still count in the province and unit tables).
-#}
{% macro bi_bieu06(by_level=false, by_unit=false, by_field=false, all_cutoffs=false) -%}
select
    p.ma_tinh,
    p.period_code,
    p.cutoff,
    p.period_kind,
    kind.label_vi as period_kind_label,
    p.label_vi as period_label,
    p.period_year,
    p.date_from,
    p.date_to,
    {% if by_level or by_unit -%}
    a.cap,
    coalesce(level.label_vi, 'Đơn vị chưa xác định cấp') as cap_label,
    {% endif -%}
    {% if by_unit -%}
    a.ma_don_vi,
    coalesce(a.ten_don_vi, 'Đơn vị ' || coalesce(a.ma_don_vi, '?') || ' (chưa có trong danh mục đơn vị)') as ten_don_vi,
    {% endif -%}
    {% if by_field -%}
    a.ma_linh_vuc,
    coalesce(a.ten_linh_vuc, 'Lĩnh vực chưa xác định') as ten_linh_vuc,
    {% endif -%}
    {{ bieu06_sums_and_rates('a') }}
from {{ ref('agg_dossier_bieu06') }} as a
join {{ ref('dim_period') }} as p
  on p.ma_tinh = a.ma_tinh and p.period_code = a.period_code and p.cutoff = a.cutoff
join {{ ref('label_period_kind') }} as kind on kind.period_kind = p.period_kind
{% if by_level or by_unit -%}
left join {{ ref('label_level') }} as level on level.cap = a.cap
{% endif -%}
where {% if all_cutoffs %}true{% else %}a.cutoff = '{{ bi_cutoff() }}'{% endif %}
{% if by_level and not by_unit %}  and a.cap is not null
{% endif -%}
group by p.ma_tinh, p.period_code, p.cutoff, p.period_kind, kind.label_vi, p.label_vi, p.period_year, p.date_from, p.date_to
    {%- if by_level or by_unit %}, a.cap, level.label_vi{% endif %}
    {%- if by_unit %}, a.ma_don_vi, a.ten_don_vi{% endif %}
    {%- if by_field %}, a.ma_linh_vuc, a.ten_linh_vuc{% endif %}
{%- endmacro %}

-- The BI schema's Biểu 06 tables tell one story: per province and period of the configured cut-off, the province
-- row equals the sum of its units, of its unit × field rows, of the all-cut-offs table filtered on
-- that cut-off, and of marts.agg_dossier_bieu06; the level rows add up to the province less the
-- units that have no level. Returns the periods and figures that disagree.
{% set figures = bieu06_figure_names() %}
with sources as (
    select 'province' as source, ma_tinh, period_code, {% for f in figures %}{{ f }}{{ ',' if not loop.last }}{% endfor %}
    from {{ ref('bieu06_province') }}
    union all
    select 'unit', ma_tinh, period_code, {% for f in figures %}sum({{ f }}){{ ',' if not loop.last }}{% endfor %}
    from {{ ref('bieu06_unit') }} group by ma_tinh, period_code
    union all
    select 'unit_field', ma_tinh, period_code, {% for f in figures %}sum({{ f }}){{ ',' if not loop.last }}{% endfor %}
    from {{ ref('bieu06_unit_field') }} group by ma_tinh, period_code
    union all
    select 'all_cutoffs', ma_tinh, period_code, {% for f in figures %}sum({{ f }}){{ ',' if not loop.last }}{% endfor %}
    from {{ ref('bieu06_unit_field_all_cutoffs') }} where cutoff = '{{ bi_cutoff() }}' group by ma_tinh, period_code
    union all
    select 'marts', ma_tinh, period_code, {% for f in figures %}sum({{ f }}){{ ',' if not loop.last }}{% endfor %}
    from {{ ref('agg_dossier_bieu06') }} where cutoff = '{{ bi_cutoff() }}' group by ma_tinh, period_code
    union all
    select 'levels + no level', ma_tinh, period_code, {% for f in figures %}sum({{ f }}){{ ',' if not loop.last }}{% endfor %}
    from (
        select ma_tinh, period_code, {% for f in figures %}{{ f }}{{ ',' if not loop.last }}{% endfor %} from {{ ref('bieu06_level') }}
        union all
        select ma_tinh, period_code, {% for f in figures %}{{ f }}{{ ',' if not loop.last }}{% endfor %} from {{ ref('bieu06_unit') }}
        where cap is null
    ) as by_level
    group by ma_tinh, period_code
)
select ma_tinh, period_code
from sources
group by ma_tinh, period_code
having count(distinct ({% for f in figures %}{{ f }}{{ ',' if not loop.last }}{% endfor %})) > 1
    or count(*) <> 6

{#-
  Biểu 06/VPCP/KSTT: every dossier figure of REPORT.md at the grain
  province × period × cut-off × level × receiving unit × field × channel. Any coarser figure (province,
  level, unit, field) is a plain SUM over these rows. received_total = resolved_total +
  pending_total holds on every row (tested).
  Incremental (unique key grain_key): the touched dossiers' previous rows
  (int_dossier_period_before, with their previous unit/field/channel from int_dossier_touched) are
  subtracted and their new rows added, grain by grain; periods that are new are counted in
  full. A grain whose figures all drop to 0 is deleted (a full build has no such row).
  Pre-hook `set local enable_sort = off`: from ~5M fact rows on, the planner prefers sorting the join
  output on the six grain columns, twice as slow as hashing ~100k groups; it lasts only for this
  model's transaction.
-#}
{{ config(
    materialized='incremental',
    unique_key='grain_key',
    incremental_strategy='delete+insert',
    indexes=[{'columns': ['grain_key'], 'unique': True}, {'columns': ['ma_tinh', 'period_code', 'cutoff']}],
    pre_hook=["set local enable_sort = off"],
    post_hook=["{% if is_incremental() %}delete from {{ this }} where received_total = 0{% endif %}",
               "{% if not is_incremental() %}analyze {{ this }}{% endif %}"],
) }}
-- depends_on: {{ ref('int_dossier_touched') }}
-- depends_on: {{ ref('int_dossier_period_before') }}

{% set figures = var('bieu06_figures') -%}
{% set grain = ['ma_tinh', 'period_code', 'cutoff', 'cap', 'ma_don_vi', 'ma_linh_vuc', 'kenh_thuc_hien'] -%}

with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to
    from {{ ref('dim_period') }}
),

{% set incremental_run = is_incremental() %}
{% if incremental_run %}
new_periods as (
    select p.ma_tinh, p.period_code, p.cutoff
    from periods as p
    where not exists (select 1 from {{ this }} as a
                      where a.ma_tinh = p.ma_tinh and a.period_code = p.period_code and a.cutoff = p.cutoff)
),

signed as (
    -- + the touched dossiers' rows now, − their rows before this run (existing periods only)
    select
        f.ma_tinh, f.period_code, f.cutoff, d.cap, d.ma_don_vi, d.ma_linh_vuc, d.kenh_thuc_hien, 1 as sign,
        {{ bieu06_counts('f', 'd.kenh_thuc_hien') }}
    from {{ ref('fct_dossier_period') }} as f
    join {{ ref('fct_dossier') }} as d on d.ma_tinh = f.ma_tinh and d.ma_ho_so = f.ma_ho_so
    where (f.ma_tinh, f.ma_ho_so) in (select ma_tinh, ma_ho_so from {{ ref('int_dossier_touched') }})
    group by 1, 2, 3, 4, 5, 6, 7
    union all
    select
        f.ma_tinh, f.period_code, f.cutoff, t.old_cap, t.old_ma_don_vi, t.old_ma_linh_vuc, t.old_kenh_thuc_hien,
        -1 as sign,
        {{ bieu06_counts('f', 't.old_kenh_thuc_hien') }}
    from {{ ref('int_dossier_period_before') }} as f
    join {{ ref('int_dossier_touched') }} as t on t.ma_tinh = f.ma_tinh and t.ma_ho_so = f.ma_ho_so
    group by 1, 2, 3, 4, 5, 6, 7
),

delta as (
    select
        {{ grain | join(', ') }},
        {% for fig in figures %}sum(sign * {{ fig }}) as {{ fig }}{{ ',' if not loop.last }}
        {% endfor %}
    from signed
    where (ma_tinh, period_code, cutoff) not in (select ma_tinh, period_code, cutoff from new_periods)
    group by {{ grain | join(', ') }}
),

changed as (
    select
        {% for col in grain %}delta.{{ col }},
        {% endfor %}
        {% for fig in figures %}coalesce(current.{{ fig }}, 0) + delta.{{ fig }} as {{ fig }}{{ ',' if not loop.last }}
        {% endfor %}
    from delta
    left join {{ this }} as current
      on current.grain_key = {{ grain_key('delta') }}
),

{% endif %}

counted as (
    -- A full build counts every dossier; an incremental run only the periods that are new.
    select
        f.ma_tinh, f.period_code, f.cutoff, d.cap, d.ma_don_vi, d.ma_linh_vuc, d.kenh_thuc_hien,
        {{ bieu06_counts('f', 'd.kenh_thuc_hien') }}
    from {{ ref('fct_dossier_period') }} as f
    join {{ ref('fct_dossier') }} as d on d.ma_tinh = f.ma_tinh and d.ma_ho_so = f.ma_ho_so
    {% if incremental_run %}
    where (f.ma_tinh, f.period_code, f.cutoff) in (select ma_tinh, period_code, cutoff from new_periods)
    {% endif %}
    group by 1, 2, 3, 4, 5, 6, 7
),

figures as (
    select * from counted
    {% if incremental_run %}
    union all
    select * from changed
    {% endif %}
),

field_names as (
    select distinct on (ma_tinh, ma_linh_vuc) ma_tinh, ma_linh_vuc, ten_linh_vuc
    from {{ ref('dim_procedure') }}
    where ma_linh_vuc is not null
    order by ma_tinh, ma_linh_vuc, valid_from desc
)

select
    {{ grain_key('figures') }} as grain_key,
    figures.ma_tinh,
    figures.period_code,
    figures.cutoff,
    figures.cap,
    figures.ma_don_vi,
    figures.ma_linh_vuc,
    figures.kenh_thuc_hien,
    agency.ten_don_vi,
    field_names.ten_linh_vuc,
    periods.date_from,
    periods.date_to,
    {% for fig in figures %}figures.{{ fig }}::int as {{ fig }}{{ ',' if not loop.last }}
    {% endfor %}
from figures
join periods
  on periods.ma_tinh = figures.ma_tinh and periods.period_code = figures.period_code and periods.cutoff = figures.cutoff
left join {{ ref('dim_agency') }} as agency on agency.ma_tinh = figures.ma_tinh and agency.ma_don_vi = figures.ma_don_vi
left join field_names on field_names.ma_tinh = figures.ma_tinh and field_names.ma_linh_vuc = figures.ma_linh_vuc

{#-
  PAR Index per province, unit and assessment year: 100 × Σ appraised / Σ maximum over the applicable
  criteria (appraised score not null); unrounded. Band on the unrounded index (RAT_TOT > 90,
  TOT 80–90, KHA 65–<80, TRUNG_BINH 50–<65, KEM < 50) and rank within nhom (highest first,
  ties share a rank; units of one province are ranked among themselves) only for ranked units (xep_hang Y).
-#}
with units as (
    select
        ma_tinh,
        nam,
        ma_don_vi,
        min(nhom) as nhom,
        bool_or(xep_hang) as xep_hang,
        100.0 * sum(diem_tham_dinh) filter (where applicable)
            / nullif(sum(diem_toi_da) filter (where applicable), 0) as par_index
    from {{ ref('fct_par_index_criterion') }}
    group by ma_tinh, nam, ma_don_vi
)
select
    units.ma_tinh,
    units.nam,
    units.ma_don_vi,
    agency.ten_don_vi,
    units.nhom,
    units.xep_hang,
    units.par_index,
    case
        when not units.xep_hang or units.par_index is null then null
        when units.par_index > 90 then 'RAT_TOT'
        when units.par_index >= 80 then 'TOT'
        when units.par_index >= 65 then 'KHA'
        when units.par_index >= 50 then 'TRUNG_BINH'
        else 'KEM'
    end as band,
    case
        when units.xep_hang and units.par_index is not null then
            rank() over (partition by units.ma_tinh, units.nam, units.nhom, (units.xep_hang and units.par_index is not null)
                         order by units.par_index desc)
    end::int as rank_in_group
from units
left join {{ ref('dim_agency') }} as agency on agency.ma_tinh = units.ma_tinh and agency.ma_don_vi = units.ma_don_vi

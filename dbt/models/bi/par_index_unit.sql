{#- PAR Index (Chỉ số CCHC) per province, unit and assessment year with Vietnamese band and group labels. -#}
select
    u.ma_tinh,
    u.nam,
    (u.nam = max(u.nam) over (partition by u.ma_tinh)) as is_latest_year,
    u.ma_don_vi,
    coalesce(u.ten_don_vi, 'Đơn vị ' || u.ma_don_vi || ' (chưa có trong danh mục đơn vị)') as ten_don_vi,
    u.nhom,
    grp.label_vi as nhom_label,
    u.xep_hang,
    u.par_index::numeric as par_index,
    round(u.par_index::numeric, 2) as par_index_display,
    u.band,
    band.label_vi as band_label,
    band.sort_order as band_sort_order,
    u.rank_in_group
from {{ ref('fct_par_index_unit') }} as u
left join {{ ref('label_par_group') }} as grp on grp.nhom = u.nhom
left join {{ ref('label_par_band') }} as band on band.band = u.band

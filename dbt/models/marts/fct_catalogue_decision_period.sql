{#- Publication decisions per province, period, cut-off and kind (loai: MOI, SUA_DOI, BAI_BO), for BI. -#}
select
    p.ma_tinh,
    p.period_code,
    p.cutoff,
    d.loai,
    count(distinct d.so_quyet_dinh)::int as decisions,
    count(*)::int as procedures
from {{ ref('dim_period') }} as p
join {{ ref('stg_catalogue__decisions') }} as d
  on d.ma_tinh = p.ma_tinh and d.ngay_ban_hanh between p.date_from and p.date_to
group by p.ma_tinh, p.period_code, p.cutoff, d.loai

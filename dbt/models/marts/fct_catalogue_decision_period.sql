{#- Publication decisions per period, cut-off and kind (loai: MOI, SUA_DOI, BAI_BO), for BI. -#}
select
    p.period_code,
    p.cutoff,
    d.loai,
    count(distinct d.so_quyet_dinh)::int as decisions,
    count(*)::int as procedures
from {{ ref('dim_period') }} as p
join {{ ref('stg_catalogue__decisions') }} as d on d.ngay_ban_hanh between p.date_from and p.date_to
group by p.period_code, p.cutoff, d.loai

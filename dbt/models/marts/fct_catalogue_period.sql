{#-
  Procedure catalogue figures per province, period and cut-off (each province's own catalogue): from the latest catalogue snapshot dated
  on or before `to` (null figures when there is none), and the publication decisions signed in
  [from, to] (null when no decision file was loaded at all).
-#}
with periods as (
    select ma_tinh, period_code, cutoff, date_from, date_to from {{ ref('dim_period') }}
),
snapshot_of_period as (
    {{ snapshot_of_period(ref('stg_catalogue__procedures')) }}
),
catalogue as (
    select
        ma_tinh,
        snapshot_date,
        count(*) as in_force_total,
        count(*) filter (where cap_thuc_hien = 'TINH') as in_force_tinh,
        count(*) filter (where cap_thuc_hien = 'HUYEN') as in_force_huyen,
        count(*) filter (where cap_thuc_hien = 'XA') as in_force_xa,
        count(*) filter (where muc_do_dvc >= 2) as online_level_2_or_more,
        count(*) filter (where muc_do_dvc = 3) as online_level_3,
        count(*) filter (where muc_do_dvc = 4) as online_level_4,
        count(*) filter (where mot_cua = 'Y') as one_stop,
        count(*) filter (where lien_thong <> 'KHONG') as lien_thong_total,
        count(*) filter (where lien_thong = 'CUNG_CAP') as lien_thong_cung_cap,
        count(*) filter (where lien_thong = 'GIUA_CAC_CAP') as lien_thong_giua_cac_cap,
        count(*) filter (where lien_thong = 'NHOM') as lien_thong_nhom
    from {{ ref('stg_catalogue__procedures') }}
    where trang_thai = 'CON_HIEU_LUC'
    group by ma_tinh, snapshot_date
),
decisions as (
    select
        periods.ma_tinh,
        periods.period_code,
        periods.cutoff,
        count(distinct d.so_quyet_dinh) as decisions_published,
        count(d.ma_tthc) as procedures_published,
        count(*) filter (where d.loai = 'MOI') as published_new,
        count(*) filter (where d.loai = 'SUA_DOI') as published_amended,
        count(*) filter (where d.loai = 'BAI_BO') as published_abolished
    from periods
    left join {{ ref('stg_catalogue__decisions') }} as d
      on d.ma_tinh = periods.ma_tinh and d.ngay_ban_hanh between periods.date_from and periods.date_to
    group by periods.ma_tinh, periods.period_code, periods.cutoff
),
has_decisions as (
    -- per province: "no decision file loaded" is a fact about the province's own landing zone
    select provinces.ma_tinh,
           exists (select 1 from {{ ref('stg_catalogue__decisions') }} as d where d.ma_tinh = provinces.ma_tinh)
               as loaded
    from {{ ref('dim_province') }} as provinces
)
select
    s.ma_tinh,
    s.period_code,
    s.cutoff,
    s.snapshot_date,
    {% for col in ['in_force_total', 'in_force_tinh', 'in_force_huyen', 'in_force_xa', 'online_level_2_or_more',
                   'online_level_3', 'online_level_4', 'one_stop', 'lien_thong_total', 'lien_thong_cung_cap',
                   'lien_thong_giua_cac_cap', 'lien_thong_nhom'] %}
    case when s.snapshot_date is not null then coalesce(c.{{ col }}, 0)::int end as {{ col }},
    {% endfor %}
    {% for col in ['decisions_published', 'procedures_published', 'published_new', 'published_amended',
                   'published_abolished'] %}
    case when has_decisions.loaded then d.{{ col }}::int end as {{ col }}{{ ',' if not loop.last }}
    {% endfor %}
from snapshot_of_period as s
left join catalogue as c on c.ma_tinh = s.ma_tinh and c.snapshot_date = s.snapshot_date
join decisions as d on d.ma_tinh = s.ma_tinh and d.period_code = s.period_code and d.cutoff = s.cutoff
left join has_decisions on has_decisions.ma_tinh = s.ma_tinh

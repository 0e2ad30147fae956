{#-
  Published province-level PAR Index / SIPAS with the change against the year before:
  rank_change = rank of Y−1 − rank of Y (positive = up), sipas_change = sipas Y − sipas Y−1.
  National published data: ma_tinh is the ranked province (one row per year and ranked province,
  whichever zone delivered it), so a join on ma_tinh finds a province's own rank.
-#}
select
    r.nam,
    r.ma_tinh,
    r.ten_tinh,
    r.par_index,
    r.xep_hang,
    r.so_tinh,
    r.sipas,
    previous.xep_hang - r.xep_hang as rank_change,
    r.sipas - previous.sipas as sipas_change
from {{ ref('stg_indices__provincial_rankings') }} as r
left join {{ ref('stg_indices__provincial_rankings') }} as previous
  on previous.ma_tinh = r.ma_tinh and previous.nam = r.nam - 1

{#-
  Which register files are loaded, per province (whose landing zone holds them), by source kind and year of the file-name date (null for
  undated files). The registers are optional: the report states a register's figures only when
  its file was delivered, and "chưa có số liệu" otherwise (never a zero).
  The refs below only declare lineage: a nightly build rebuilds the models downstream of the raw
  tables that received files, and a new register file must refresh this table too.
-#}
-- depends_on: {{ ref('stg_edoc__documents') }}
-- depends_on: {{ ref('stg_legal__reviews') }}
-- depends_on: {{ ref('stg_feedback__pakn') }}
-- depends_on: {{ ref('stg_inspection__plan') }}
select
    ma_tinh,
    source_kind,
    extract(year from file_date)::int as file_year,
    count(*)::int as files_loaded,
    coalesce(sum(rows_loaded), 0)::int as rows_loaded
from {{ ref('stg_ingest__load_manifest') }}
where source_kind in ('documents', 'legal_reviews', 'feedback', 'inspection_plan')
group by ma_tinh, source_kind, extract(year from file_date)

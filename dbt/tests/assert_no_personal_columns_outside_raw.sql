-- depends_on: {{ ref("fct_dossier_status_log") }}
-- depends_on: {{ ref("fct_dossier") }}
-- depends_on: {{ ref("stg_onestop__dossier_log") }}
-- depends_on: {{ ref("stg_hr__staff") }}
-- Personal data (applicant name / ID number / phone, staff name / birth date, feedback sender / phone / text)
-- never leaves raw (the columns marked personal in include/ingest/sources.py; tests/dbt/test_shared_facts.py);
-- the applicant pseudonym stays out of marts (the schema BI reads).
select table_schema, table_name, column_name
from information_schema.columns
where table_catalog = current_database()
  and (
        (table_schema in ('staging', 'intermediate', 'marts')
         and column_name in ('chu_ho_so', 'so_giay_to_chu_ho_so', 'so_dien_thoai', 'ho_ten', 'ngay_sinh',
                             'nguoi_gui', 'noi_dung'))
     or (table_schema = 'marts' and column_name in ('applicant_pseudonym', 'noi_dung_xu_ly'))
  )

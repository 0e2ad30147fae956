{#- Vietnamese label of every close kind (marts.fct_dossier.close_kind). -#}
select code::text as close_kind, label_vi::text, label_en::text, statuses::text
from (values
    ('RESOLVED', 'Đã giải quyết', 'Resolved', '9, 10'),
    ('WITHDRAWN', 'Công dân rút hồ sơ', 'Withdrawn by the applicant', '7'),
    ('STOPPED', 'Dừng xử lý', 'Stopped', '8')
) as labels (code, label_vi, label_en, statuses)

{#- Vietnamese label of every period kind (bi.dim_period.period_kind). -#}
select code::text as period_kind, label_vi::text, label_en::text, sort_order::int
from (values
    ('MONTH', 'Tháng', 'Month', 1),
    ('QUARTER', 'Quý', 'Quarter', 2),
    ('HALF', '6 tháng', 'Half-year', 3),
    ('YEAR', 'Năm', 'Year', 4)
) as labels (code, label_vi, label_en, sort_order)

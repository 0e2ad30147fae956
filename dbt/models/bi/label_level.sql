{#- Vietnamese label of every administrative level code (dim_agency.cap, cap_thuc_hien). -#}
select code::text as cap, label_vi::text, label_en::text, sort_order::int
from (values
    ('TINH', 'Cấp tỉnh', 'Provincial level', 1),
    ('HUYEN', 'Cấp huyện', 'District level', 2),
    ('XA', 'Cấp xã', 'Commune level', 3)
) as labels (code, label_vi, label_en, sort_order)

{#- Vietnamese label of every kind of unit (agencies.csv `loai`): unit plans and the inspection plan. -#}
select code::text as loai, label_vi::text, label_en::text, sort_order::int
from (values
    ('SO_NGANH', 'Sở, ban, ngành', 'Provincial department', 1),
    ('UBND_HUYEN', 'UBND cấp huyện', 'District People''s Committee', 2),
    ('UBND_XA', 'UBND cấp xã', 'Commune People''s Committee', 3),
    ('DVSN', 'Đơn vị sự nghiệp công lập', 'Public service unit', 4),
    ('CQ_TRUNG_UONG', 'Cơ quan trung ương đóng trên địa bàn tỉnh', 'Central agency located in the province', 5),
    ('TRUNG_TAM_PVHCC', 'Trung tâm Phục vụ hành chính công', 'Public administrative service centre', 6),
    ('KHAC', 'Đơn vị khác', 'Other unit', 7)
) as labels (code, label_vi, label_en, sort_order)

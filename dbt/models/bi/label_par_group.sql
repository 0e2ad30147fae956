{#- Vietnamese label of every PAR Index assessment group (nhóm). -#}
select code::text as nhom, label_vi::text, label_en::text, sort_order::int
from (values
    ('SO_NGANH', 'Sở ngành', 'Provincial departments', 1),
    ('UBND_HUYEN', 'UBND cấp huyện', 'District People''s Committees', 2),
    ('DVSN', 'Đơn vị sự nghiệp công lập trực thuộc UBND tỉnh', 'Public service units under the PPC', 3),
    ('CQ_TRUNG_UONG', 'Cơ quan trung ương đóng trên địa bàn tỉnh', 'Central agencies located in the province', 4)
) as labels (code, label_vi, label_en, sort_order)

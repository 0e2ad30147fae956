{#- Vietnamese label of every submission channel (KenhThucHien). -#}
select code::smallint as kenh_thuc_hien, label_vi::text, label_en::text
from (values
    (1, 'Trực tiếp', 'In person'),
    (2, 'Trực tuyến', 'Online'),
    (3, 'Qua dịch vụ bưu chính công ích', 'Public postal service')
) as labels (code, label_vi, label_en)

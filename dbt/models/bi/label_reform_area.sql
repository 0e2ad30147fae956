{#- Vietnamese label of every reform area (edoc/documents.csv `linh_vuc_cchc`) and the report section that
    cites the province's documents of that area (docs/counting_rules.md "Registers"). -#}
select code::text as linh_vuc_cchc, label_vi::text, report_section::text, label_en::text, sort_order::int
from (values
    ('KE_HOACH_CCHC', 'Kế hoạch CCHC', 'I.1', 'Reform planning', 1),
    ('CHI_DAO', 'Chỉ đạo, điều hành CCHC', 'I.2', 'Direction of the reform', 2),
    ('KIEM_TRA', 'Kiểm tra CCHC', 'I.3', 'Reform inspections', 3),
    ('TUYEN_TRUYEN', 'Tuyên truyền CCHC', 'I.4', 'Reform communication', 4),
    ('THE_CHE', 'Cải cách thể chế', 'II.1', 'Institutional reform', 5),
    ('TTHC', 'Cải cách thủ tục hành chính', 'II.2', 'Administrative procedure reform', 6),
    ('BO_MAY', 'Tổ chức bộ máy, biên chế', 'II.3', 'Organisation and staffing', 7),
    ('CONG_CHUC', 'Quản lý cán bộ, công chức, viên chức', 'II.4', 'Civil service management', 8),
    ('TAI_CHINH_CONG', 'Cải cách tài chính công', 'II.5', 'Public finance reform', 9),
    ('HIEN_DAI_HOA', 'Hiện đại hóa nền hành chính', 'II.6', 'Modernising the administration', 10)
) as labels (code, label_vi, report_section, label_en, sort_order)

{#- Vietnamese label of every kind of document (edoc/documents.csv `loai`) and the word a citation starts
    with ("Kế hoạch số 07/KH-UBND ngày 17/01/2020"; include.report.registers.KIND_WORDS). -#}
select code::text as loai, label_vi::text, citation_word::text, label_en::text, sort_order::int
from (values
    ('KE_HOACH', 'Kế hoạch', 'Kế hoạch', 'Plan', 1),
    ('QUYET_DINH', 'Quyết định', 'Quyết định', 'Decision', 2),
    ('NGHI_QUYET', 'Nghị quyết', 'Nghị quyết', 'Resolution', 3),
    ('CHI_THI', 'Chỉ thị', 'Chỉ thị', 'Directive', 4),
    ('CONG_VAN', 'Công văn', 'Công văn', 'Official letter', 5),
    ('THONG_BAO', 'Thông báo', 'Thông báo', 'Notice', 6),
    ('BAO_CAO', 'Báo cáo', 'Báo cáo', 'Report', 7),
    ('KHAC', 'Văn bản khác', 'Văn bản', 'Other document', 8)
) as labels (code, label_vi, citation_word, label_en, sort_order)

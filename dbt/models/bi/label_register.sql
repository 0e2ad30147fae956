{#- Vietnamese label of every register (optional source; raw.load_manifest source_kind) and its file. -#}
select code::text as source_kind, label_vi::text, landing_file::text, label_en::text, sort_order::int
from (values
    ('documents', 'Sổ văn bản đi', 'edoc/documents.csv', 'Documents issued', 1),
    ('legal_reviews', 'Rà soát văn bản quy phạm pháp luật', 'legal/reviews.csv', 'Reviews of legal documents', 2),
    ('feedback', 'Phản ánh, kiến nghị về quy định hành chính', 'feedback/pakn_YYYYMMDD.jsonl',
     'Citizens'' feedback on regulations', 3),
    ('inspection_plan', 'Kế hoạch kiểm tra CCHC', 'inspection/plan_YYYY.csv', 'Reform inspection plan', 4)
) as labels (code, label_vi, landing_file, label_en, sort_order)

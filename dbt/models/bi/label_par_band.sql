{#- Vietnamese label and rule of every PAR Index band (COUNTING_RULES "PAR Index"), best first. -#}
select code::text as band, label_vi::text, rule_vi::text, label_en::text, sort_order::int
from (values
    ('RAT_TOT', 'Rất tốt', 'Chỉ số CCHC trên 90%', 'Very good (index > 90)', 1),
    ('TOT', 'Tốt', 'Chỉ số CCHC từ 80% đến 90%', 'Good (80 ≤ index ≤ 90)', 2),
    ('KHA', 'Khá', 'Chỉ số CCHC từ 65% đến dưới 80%', 'Fair (65 ≤ index < 80)', 3),
    ('TRUNG_BINH', 'Trung bình', 'Chỉ số CCHC từ 50% đến dưới 65%', 'Average (50 ≤ index < 65)', 4),
    ('KEM', 'Kém', 'Chỉ số CCHC dưới 50%', 'Poor (index < 50)', 5)
) as labels (code, label_vi, rule_vi, label_en, sort_order)

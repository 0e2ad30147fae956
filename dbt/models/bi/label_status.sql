{#- Vietnamese label of every dossier status (TrangThaiHoSo 1–10). -#}
select code::smallint as trang_thai_ho_so, label_vi::text, label_en::text
from (values
    (1, 'Mới đăng ký', 'Submitted online, not yet received'),
    (2, 'Được tiếp nhận', 'Received'),
    (3, 'Không được tiếp nhận', 'Refused at reception'),
    (4, 'Đang xử lý', 'Processing (also on resuming after a supplement)'),
    (5, 'Yêu cầu bổ sung giấy tờ', 'Waiting for the applicant to supplement'),
    (6, 'Yêu cầu thực hiện nghĩa vụ tài chính', 'Waiting for a payment'),
    (7, 'Công dân yêu cầu rút hồ sơ', 'Withdrawn by the applicant'),
    (8, 'Dừng xử lý', 'Stopped'),
    (9, 'Đã xử lý xong', 'Resolved'),
    (10, 'Đã trả kết quả', 'Result handed over')
) as labels (code, label_vi, label_en)

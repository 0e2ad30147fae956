-- The deduplicated status log: the latest copy of each Id (file with the latest date in its
-- name, then the last line). Quarantined copies never reach raw, so an earlier valid copy stands.
select distinct on (id)
    id, ma_ho_so, ma_tthc, ma_don_vi, kenh_thuc_hien, trang_thai_ho_so,
    thoi_diem_xu_ly, ngay_hen_tra, nguoi_xu_ly, noi_dung_xu_ly, applicant_pseudonym,
    file_date, _file_id, _line_no
from ({{ dossier_log_copies() }}) as copies
order by {{ latest_copy_order() }}

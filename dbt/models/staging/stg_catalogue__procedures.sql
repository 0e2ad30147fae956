{{ latest_copy('procedures', ['src.snapshot_date', 'src.ma_tthc'],
   'src.snapshot_date, src.ma_tthc, src.ten_tthc, src.ma_linh_vuc, src.ten_linh_vuc, src.cap_thuc_hien,
    src.ma_co_quan, src.muc_do_dvc, src.lien_thong, src.mot_cua, src.thoi_han_ngay, src.trang_thai,
    src.ngay_hieu_luc') }}

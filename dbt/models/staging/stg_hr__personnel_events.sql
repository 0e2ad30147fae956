{{ latest_copy('personnel_events', ['src.ma_su_kien'],
   'src.ma_su_kien, src.ma_can_bo, src.loai, src.ngay_hieu_luc, src.so_quyet_dinh') }}

-- ho_ten and ngay_sinh (personal data) stay in raw.
{{ latest_copy('staff', ['src.snapshot_date', 'src.ma_can_bo'],
   'src.snapshot_date, src.ma_can_bo, src.gioi_tinh, src.ma_don_vi, src.cap, src.loai, src.chuc_vu,
    src.dat_chuan, src.trang_thai') }}

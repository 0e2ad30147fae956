{{ latest_copy('par_index', ['src.nam', 'src.ma_don_vi', 'src.ma_tieu_chi'],
   'src.nam, src.ma_don_vi, src.nhom, src.xep_hang, src.linh_vuc, src.ma_tieu_chi, src.diem_toi_da,
    src.diem_tu_danh_gia, src.diem_tham_dinh') }}

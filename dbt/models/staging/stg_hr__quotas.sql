{{ latest_copy('quotas', ['src.nam', 'src.ma_don_vi', 'src.khoi', 'src.loai_chi_tieu'],
   'src.nam, src.ma_don_vi, src.khoi, src.loai_chi_tieu, src.so_luong') }}

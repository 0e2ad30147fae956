{{ latest_copy('sipas', ['src.nam', 'src.ma_phieu', 'src.ma_cau_hoi'],
   'src.nam, src.ma_phieu, src.ma_don_vi, src.yeu_to, src.ma_cau_hoi, src.muc_do') }}

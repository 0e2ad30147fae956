{{ latest_copy('decisions', ['src.so_quyet_dinh', 'src.ma_tthc'],
   'src.so_quyet_dinh, src.ngay_ban_hanh, src.ma_tthc, src.loai') }}

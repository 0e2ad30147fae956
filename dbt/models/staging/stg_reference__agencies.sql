{{ latest_copy('agencies', ['src.ma_don_vi'],
   'src.ma_don_vi, src.ten_don_vi, src.cap, src.loai, src.ma_don_vi_cha, src.tu_chu') }}

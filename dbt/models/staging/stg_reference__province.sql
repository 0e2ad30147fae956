{{ latest_copy('province', ['src.ma_tinh'], 'src.ma_tinh, src.ten_tinh') }}

{{ latest_copy('provincial_rankings', ['src.nam', 'src.ma_tinh'],
   'src.nam, src.ma_tinh, src.ten_tinh, src.par_index, src.xep_hang, src.so_tinh, src.sipas') }}

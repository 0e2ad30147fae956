{{ latest_copy('holidays', ['src.ngay'], 'src.ngay, src.loai, src.ten') }}

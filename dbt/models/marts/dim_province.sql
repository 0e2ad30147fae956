select ma_tinh, ten_tinh
from {{ ref('stg_reference__province') }}

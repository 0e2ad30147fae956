{#-
  Type-2 history of the procedure catalogue built from its full snapshots, per province (each
  province delivers its own catalogue; ma_tthc is keyed with ma_tinh): consecutive snapshots of the
  province in which a procedure has the same attributes form one version.
  valid_from = first snapshot of the version; valid_to = the day before the next snapshot in
  which the procedure changed or was missing; null while the version is in the latest snapshot.
-#}
with snapshots as (
    select ma_tinh, snapshot_date, row_number() over (partition by ma_tinh order by snapshot_date) as snapshot_no
    from (select distinct ma_tinh, snapshot_date from {{ ref('stg_catalogue__procedures') }}) as dates
),
rows as (
    select
        p.*,
        s.snapshot_no,
        md5(concat_ws('|', p.ten_tthc, p.ma_linh_vuc, p.ten_linh_vuc, p.cap_thuc_hien, p.ma_co_quan,
            p.muc_do_dvc, p.lien_thong, p.mot_cua, p.thoi_han_ngay, p.trang_thai, p.ngay_hieu_luc)) as attributes_hash
    from {{ ref('stg_catalogue__procedures') }} as p
    join snapshots as s using (ma_tinh, snapshot_date)
),
changes as (
    select
        rows.*,
        case
            when lag(snapshot_no) over w = snapshot_no - 1 and lag(attributes_hash) over w = attributes_hash then 0
            else 1
        end as starts_version
    from rows
    window w as (partition by ma_tinh, ma_tthc order by snapshot_no)
),
versioned as (
    select changes.*, sum(starts_version) over (partition by ma_tinh, ma_tthc order by snapshot_no) as version_no
    from changes
),
versions as (
    select
        ma_tinh,
        ma_tthc,
        version_no,
        min(snapshot_date) as valid_from,
        max(snapshot_no) as last_snapshot_no
    from versioned
    group by ma_tinh, ma_tthc, version_no
)
select
    md5(v.ma_tinh || '|' || v.ma_tthc || '|' || v.valid_from::text) as procedure_version_key,
    v.ma_tinh,
    v.ma_tthc,
    v.version_no::int as version_no,
    r.ten_tthc,
    r.ma_linh_vuc,
    r.ten_linh_vuc,
    r.cap_thuc_hien,
    r.ma_co_quan,
    r.muc_do_dvc,
    r.lien_thong,
    r.mot_cua,
    r.thoi_han_ngay,
    r.trang_thai,
    r.ngay_hieu_luc,
    v.valid_from,
    (next_snapshot.snapshot_date - 1) as valid_to,
    next_snapshot.snapshot_date is null as is_current
from versions as v
join versioned as r on r.ma_tinh = v.ma_tinh and r.ma_tthc = v.ma_tthc and r.snapshot_no = v.last_snapshot_no
left join snapshots as next_snapshot
  on next_snapshot.ma_tinh = v.ma_tinh and next_snapshot.snapshot_no = v.last_snapshot_no + 1

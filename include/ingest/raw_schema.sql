-- Raw layer: one table per source kind of SOURCES.md, typed, plus the file
-- and line each row came from. Restricted schema: it holds personal data.
create schema if not exists raw;

create table if not exists raw.load_manifest (
    file_id          bigserial primary key,
    source_kind      text        not null,
    path             text        not null,   -- relative to the province's landing zone
    size_bytes       bigint      not null,
    sha256           text        not null,
    file_date        date,                   -- from the file name, if it has one
    status           text        not null check (status in ('LOADED', 'FAILED', 'SUPERSEDED')),
    rows_read        integer,
    rows_loaded      integer,
    rows_quarantined integer,
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    error            text,
    check (status <> 'LOADED' or rows_read = rows_loaded + rows_quarantined)
);
-- Why a LOADED file holds no row ('no data row …'), added after the first release (hence alter).
alter table raw.load_manifest add column if not exists note text;
-- The province whose zone the file is in (its reference/province.csv): a file is (ma_tinh, path).
alter table raw.load_manifest add column if not exists ma_tinh text;
create index if not exists load_manifest_path_idx on raw.load_manifest (path, status);

-- Watermark of the last successful dbt build: every file up to this file_id is in the marts.
-- A nightly build rebuilds only models downstream of raw tables loaded after it
-- (include/nightly/build_plan.py).
create table if not exists raw.dbt_build_state (
    singleton             boolean     primary key default true check (singleton),
    built_through_file_id bigint      not null,
    built_at              timestamptz not null
);
-- Exactly once: at most one loaded copy of a province's path (a re-delivery supersedes the previous one).
drop index if exists raw.load_manifest_one_loaded_per_path;   -- before provinces: one per path
create unique index if not exists load_manifest_one_loaded_per_file
    on raw.load_manifest (ma_tinh, path) where status = 'LOADED';

create table if not exists raw.quarantine (
    file_id     bigint not null references raw.load_manifest (file_id),
    source_kind text   not null,
    line_no     integer,
    column_name text,
    value       text,
    reason      text   not null,
    raw_line    text
);
create index if not exists quarantine_file_idx on raw.quarantine (file_id);

create table if not exists raw.province (
    ma_tinh text, ten_tinh text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.agencies (
    ma_don_vi text, ten_don_vi text, cap text, loai text, ma_don_vi_cha text, tu_chu text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.holidays (
    ngay date, loai text, ten text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.dossier_log (
    id text, ma_ho_so text, ma_tthc text, ma_don_vi text,
    kenh_thuc_hien smallint, trang_thai_ho_so smallint,
    thoi_diem_xu_ly timestamptz, ngay_hen_tra timestamptz,
    nguoi_xu_ly text,
    chu_ho_so text, so_giay_to_chu_ho_so text, so_dien_thoai text,   -- personal data
    noi_dung_xu_ly text,
    applicant_pseudonym text,    -- HMAC of so_giay_to_chu_ho_so, computed by the loader
    _file_date date,
    _file_id bigint not null, _line_no integer not null);
create index if not exists dossier_log_file_idx on raw.dossier_log (_file_id);

create table if not exists raw.procedures (
    snapshot_date date, ma_tthc text, ten_tthc text, ma_linh_vuc text, ten_linh_vuc text,
    cap_thuc_hien text, ma_co_quan text, muc_do_dvc smallint, lien_thong text, mot_cua text,
    thoi_han_ngay integer, trang_thai text, ngay_hieu_luc date,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.decisions (
    so_quyet_dinh text, ngay_ban_hanh date, ma_tthc text, loai text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.staff (
    snapshot_date date, ma_can_bo text,
    ho_ten text, ngay_sinh date,      -- personal data
    gioi_tinh text, ma_don_vi text, cap text, loai text, chuc_vu text, dat_chuan text, trang_thai text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.quotas (
    nam integer, ma_don_vi text, khoi text, loai_chi_tieu text, so_luong integer,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.personnel_events (
    ma_su_kien text, ma_can_bo text, loai text, ngay_hieu_luc date, so_quyet_dinh text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.par_index (
    nam integer, ma_don_vi text, nhom text, xep_hang text, linh_vuc text, ma_tieu_chi text,
    diem_toi_da numeric, diem_tu_danh_gia numeric, diem_tham_dinh numeric,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.sipas (
    nam integer, ma_phieu text, ma_don_vi text, yeu_to text, ma_cau_hoi text, muc_do smallint,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.provincial_rankings (
    nam integer, ma_tinh text, ten_tinh text, par_index numeric, xep_hang integer, so_tinh integer,
    sipas numeric,
    _file_id bigint not null, _line_no integer not null);

-- Registers (optional sources).
create table if not exists raw.documents (
    so_ky_hieu text, ngay_ban_hanh date, loai text, co_quan text, linh_vuc_cchc text, nam_ke_hoach integer,
    la_qppl text, trich_yeu text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.legal_reviews (
    so_ky_hieu text, ngay_ra_soat date, co_quan_ra_soat text, ket_qua text,
    _file_id bigint not null, _line_no integer not null);

create table if not exists raw.feedback (
    id text, ma_pakn text, thoi_diem timestamptz, trang_thai smallint, ma_don_vi_xu_ly text, cong_khai boolean,
    nguoi_gui text, so_dien_thoai text, noi_dung text,   -- personal data
    _file_date date,
    _file_id bigint not null, _line_no integer not null);
create index if not exists feedback_file_idx on raw.feedback (_file_id);

create table if not exists raw.inspection_plan (
    nam integer, ma_don_vi text, thang_du_kien smallint, so_ke_hoach text,
    _file_id bigint not null, _line_no integer not null);

-- Every table of a source carries `_ma_tinh`, the province of the zone its file came from (codes are
-- unique only within a province). Added here, after the tables, so that every raw table with `_file_id`
-- gets it, including those of a warehouse loaded before provinces existed: there the one province of
-- raw.province is filled in.
do $$
declare
    t record;
    legacy_province text;
begin
    select min(ma_tinh) into legacy_province from raw.province;
    update raw.load_manifest set ma_tinh = legacy_province where ma_tinh is null;
    for t in
        select c.table_name from information_schema.columns c
        where c.table_schema = 'raw' and c.column_name = '_file_id'
          and not exists (select 1 from information_schema.columns m
                          where m.table_schema = 'raw' and m.table_name = c.table_name
                            and m.column_name = '_ma_tinh')
        order by c.table_name
    loop
        execute format('alter table raw.%I add column _ma_tinh text', t.table_name);
        execute format('update raw.%I set _ma_tinh = %L', t.table_name, legacy_province);
    end loop;
end $$;

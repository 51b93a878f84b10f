-- Unit grids (单元网格, GB/T 30428): a boundary polygon (GeoJSON, WGS-84), a 15-digit code
-- (the 12-digit village code + a 3-digit sequence), and the grid workers responsible for it.
-- The automatic one-per-village grids of the division import keep a null code and boundary.
alter table region_grid add column code varchar(15) unique check (code ~ '^[0-9]{15}$'),
    add column boundary jsonb,
    add column demo boolean not null default false,
    add column version int not null default 0,
    add column updated_at timestamptz;
alter table region_grid add constraint region_grid_code_in_village
    check (code is null or substr(code, 1, 12) = village_code);

-- user names of the access module (region does not read access's tables)
create table region_grid_worker (
    grid_id  bigint not null references region_grid on delete cascade,
    username text not null,
    primary key (grid_id, username)
);
create index region_grid_worker_user on region_grid_worker (username);

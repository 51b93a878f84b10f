-- Region: the county, its clusters (片区), towns (镇街), villages (村/社区) and grids (网格).
-- Codes are National Bureau of Statistics division codes (6 digits county, 9 town, 12 village).

create table region_county (
    code          varchar(6) primary key check (code ~ '^[0-9]{6}$'),
    name          text not null,
    province_code varchar(2) not null,
    city_code     varchar(4) not null,
    boundary      jsonb,          -- GeoJSON geometry (WGS-84), for display only
    label_lon     double precision,
    label_lat     double precision,
    imported_at   timestamptz not null default clock_timestamp()  -- the first county imported is the one served
);

-- Town types (创建类型) are data, not an enum: a county may define its own.
create table region_town_type (
    code     text primary key,
    name_zh  text not null,
    name_en  text not null,
    assumed  boolean not null default false,
    sort     int not null default 0
);

insert into region_town_type (code, name_zh, name_en, assumed, sort) values
    ('URBAN_NODE',        '都市节点型',   'Urban node',           true, 1),
    ('COUNTY_SUBCENTRE',  '县域副中心型', 'County sub-centre',    true, 2),
    ('CULTURE_TOURISM',   '文旅特色型',   'Culture and tourism',  true, 3),
    ('COMMERCE',          '商贸特色型',   'Commerce and trade',   true, 4),
    ('INDUSTRY',          '工业特色型',   'Industry',             true, 5),
    ('AGRICULTURE',       '农业特色型',   'Agriculture',          true, 6),
    ('GENERAL',           '一般型',       'General',              true, 7);

create table region_cluster (
    id               bigserial primary key,
    county_code      varchar(6) not null references region_county,
    name             text not null,
    lead_town_code   varchar(9),
    person_in_charge text,
    assumed          boolean not null default false,
    version          int not null default 0,
    unique (county_code, name)
);

create table region_town (
    code               varchar(9) primary key check (code ~ '^[0-9]{9}$'),
    county_code        varchar(6) not null references region_county,
    name               text not null,
    kind               text not null check (kind in ('SUBDISTRICT', 'TOWN', 'TOWNSHIP')),
    type_code          text references region_town_type,
    type_assumed       boolean not null default false,
    in_programme       boolean not null default false,
    programme_assumed  boolean not null default false,
    cluster_id         bigint references region_cluster on delete set null,
    cluster_assumed    boolean not null default false,
    longitude          double precision check (longitude between -180 and 180),
    latitude           double precision check (latitude between -90 and 90),
    version            int not null default 0
);
create index region_town_county on region_town (county_code);
create index region_town_cluster on region_town (cluster_id);

alter table region_cluster add constraint region_cluster_lead
    foreign key (lead_town_code) references region_town deferrable initially deferred;

-- Creation tier (样板/达标) per year.
create table region_town_tier (
    town_code varchar(9) not null references region_town on delete cascade,
    year      int not null check (year between 2019 and 2100),
    tier      text not null check (tier in ('MODEL', 'BASELINE', 'NONE')),
    assumed   boolean not null default false,
    primary key (town_code, year)
);

create table region_village (
    code       varchar(12) primary key check (code ~ '^[0-9]{12}$'),
    town_code  varchar(9) not null references region_town,
    name       text not null,
    kind       text not null check (kind in ('VILLAGE', 'COMMUNITY')),
    longitude  double precision check (longitude between -180 and 180),
    latitude   double precision check (latitude between -90 and 90),
    version    int not null default 0
);
create index region_village_town on region_village (town_code);

create table region_grid (
    id           bigserial primary key,
    village_code varchar(12) not null references region_village on delete cascade,
    name         text not null,
    created_at   timestamptz not null default now(),
    unique (village_code, name)
);

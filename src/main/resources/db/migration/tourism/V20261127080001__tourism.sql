-- Tourism: holidays (data), sites (scenic spots, culture-tourism project points, night markets),
-- routes across towns, and daily visitor and revenue figures per town.

create table tourism_holiday (
    year        int not null check (year between 2000 and 2100),
    code        text not null check (code ~ '^[a-z][a-z0-9-]{1,40}$'),
    name_zh     text not null,
    name_en     text not null,
    start_date  date not null,
    end_date    date not null,
    primary key (year, code),
    check (end_date >= start_date and end_date - start_date < 31)
);

create table tourism_site (
    id            bigserial primary key,
    town_code     varchar(9) not null,
    kind          text not null check (kind in ('SCENIC_SPOT', 'PROJECT_POINT', 'NIGHT_MARKET')),
    name          text not null,
    description   text,
    brand         text,
    opening_hours text,
    longitude     double precision check (longitude between -180 and 180),
    latitude      double precision check (latitude between -90 and 90),
    demo          boolean not null default false,
    version       int not null default 0
);
create index tourism_site_town on tourism_site (town_code, kind);

create table tourism_route (
    id          bigserial primary key,
    name        text not null,
    cluster_id  bigint,
    brand       text,
    description text,
    demo        boolean not null default false,
    version     int not null default 0
);

create table tourism_route_stop (
    route_id  bigint not null references tourism_route on delete cascade,
    seq       int not null,
    site_id   bigint not null references tourism_site on delete cascade,
    primary key (route_id, seq)
);

create table tourism_daily (
    town_code     varchar(9) not null,
    day           date not null,
    visitors      int not null check (visitors between 0 and 5000000),
    revenue_yuan  numeric(14, 2) not null check (revenue_yuan >= 0 and revenue_yuan < 10000000000),
    source        text not null check (source in ('ENTERED', 'IMPORTED', 'CHECKIN', 'DEMO')),
    updated_by    text,
    updated_at    timestamptz not null default now(),
    primary key (town_code, day)
);
create index tourism_daily_day on tourism_daily (day);

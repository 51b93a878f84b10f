-- Venues, visitors and check-ins. Personal data (phone, name) only as ciphertext; phones are
-- found through a keyed hash. Identifiable check-ins are deleted after the retention period and
-- survive only as anonymous daily counts.
create table checkin_venue (
    id            bigserial primary key,
    code          varchar(16) not null unique,
    name          varchar(120) not null,
    type          varchar(20) not null,
    town_code     varchar(12) not null,
    village_code  varchar(12),
    longitude     double precision,
    latitude      double precision,
    capacity      integer check (capacity is null or capacity > 0),
    manager       varchar(120),
    demo          boolean not null default false,
    created_at    timestamptz not null,
    retired_at    timestamptz,
    version       integer not null default 0
);
create index checkin_venue_town on checkin_venue (town_code);

create table checkin_visitor (
    id               bigserial primary key,
    phone_cipher     bytea,
    phone_index      bytea unique,
    name_cipher      bytea,
    consent_version  varchar(40),
    consent_at       timestamptz,
    registered_by    varchar(80),
    created_at       timestamptz not null,
    last_seen_at     timestamptz not null
);
create index checkin_visitor_last_seen on checkin_visitor (last_seen_at);

-- The long-lived cookie of a visitor's phone: only its SHA-256 is stored.
create table checkin_visitor_token (
    token_hash   bytea primary key,
    visitor_id   bigint not null references checkin_visitor (id) on delete cascade,
    created_at   timestamptz not null
);
create index checkin_visitor_token_visitor on checkin_visitor_token (visitor_id);

create table checkin_checkin (
    id               bigserial primary key,
    venue_id         bigint not null references checkin_venue (id),
    visitor_id       bigint not null references checkin_visitor (id) on delete cascade,
    checked_in_at    timestamptz not null,
    checked_out_at   timestamptz,
    auto_checkout    boolean not null default false,
    consent_version  varchar(40),
    registered_by    varchar(80)
);
create index checkin_checkin_venue_time on checkin_checkin (venue_id, checked_in_at);
create index checkin_checkin_visitor_time on checkin_checkin (visitor_id, checked_in_at);
create index checkin_checkin_open on checkin_checkin (checked_in_at) where checked_out_at is null;

-- What is left of check-ins after the purge: counts, no people.
create table checkin_daily_count (
    venue_id   bigint not null references checkin_venue (id),
    day        date not null,
    checkins   integer not null,
    demo       boolean not null default false,
    primary key (venue_id, day)
);

create table checkin_enterprise (
    id            bigserial primary key,
    uscc          char(18) not null unique,
    name          varchar(200) not null,
    town_code     varchar(12) not null,
    village_code  varchar(12),
    industry      varchar(40) not null,
    size          varchar(10) not null,
    workers       integer not null default 0 check (workers >= 0),
    demo          boolean not null default false,
    created_at    timestamptz not null,
    version       integer not null default 0
);
create index checkin_enterprise_town on checkin_enterprise (town_code);

create table checkin_resumption_report (
    id                 bigserial primary key,
    enterprise_id      bigint not null references checkin_enterprise (id) on delete cascade,
    day                date not null,
    workers_expected   integer not null check (workers_expected >= 0),
    workers_back       integer not null check (workers_back >= 0 and workers_back <= workers_expected),
    capacity_percent   integer not null check (capacity_percent between 0 and 100),
    needs              varchar(1000),
    case_requested_at  timestamptz,
    reported_by        varchar(80),
    created_at         timestamptz not null,
    unique (enterprise_id, day)
);
create index checkin_resumption_report_day on checkin_resumption_report (day);

-- Cases module: category catalogue, working calendar, cases with their append-only event log,
-- photos, inspections and supervision orders, Open311 clients.

create table cases_category (
    code          varchar(5) primary key,          -- kind letter (C 部件 / E 事件) + 大类 2 digits + 小类 2 digits
    kind          varchar(10) not null check (kind in ('COMPONENT', 'EVENT')),
    major_code    varchar(2) not null,
    major_name    varchar(60) not null,
    minor_code    varchar(2) not null,
    name          varchar(80) not null,
    acceptance    varchar(400) not null,          -- 立案条件
    limit_value   integer not null check (limit_value > 0),
    limit_unit    varchar(10) not null check (limit_unit in ('WORK_HOURS', 'WORK_DAYS')),
    closing       varchar(400) not null,          -- 结案条件
    default_unit  varchar(80) not null,           -- 默认责任单位
    active        boolean not null default true,
    version       integer not null default 0
);

-- Exceptions to the Monday–Friday week: official holidays and adjusted working weekends (调休).
create table cases_calendar_day (
    day   date primary key,
    kind  varchar(10) not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name  varchar(40) not null
);

create table cases_inspection (
    id           bigserial primary key,
    title        varchar(120) not null,
    mode         varchar(10) not null check (mode in ('OPEN', 'COVERT')),
    town_code    varchar(9) not null,
    inspectors   varchar(300) not null,
    checklist    text not null default '',
    held_on      date not null,
    created_by   varchar(60),
    demo         boolean not null default false
);

create table cases_order (
    id            bigserial primary key,
    ref           varchar(30) not null unique,
    title         varchar(160) not null,
    town_code     varchar(9) not null,
    issued_by     varchar(60) not null,
    issued_at     timestamptz not null,
    deadline      date not null,
    inspection_id bigint references cases_inspection(id),
    state         varchar(10) not null check (state in ('OPEN', 'CLOSED')),
    closed_at     timestamptz,
    demo          boolean not null default false,
    version       integer not null default 0
);
create index cases_order_town on cases_order (town_code, issued_at);

create table cases_case (
    id               bigserial primary key,
    ref              varchar(30) not null unique,
    source           varchar(30) not null,
    state            varchar(30) not null,
    category_code    varchar(5) not null references cases_category(code),
    town_code        varchar(9) not null,
    village_code     varchar(12),
    longitude        double precision not null,
    latitude         double precision not null,
    address          varchar(200),
    description      varchar(2000) not null,
    reporter_user    varchar(60),
    reporter_name    varchar(60),                  -- never shown publicly
    reporter_contact varchar(120),                 -- never shown publicly, never logged
    public_token     varchar(40) not null unique,  -- the reporter follows the case with it
    external_ref     varchar(120),
    unit             varchar(80),
    reported_at      timestamptz not null,
    accepted_at      timestamptz,
    dispatched_at    timestamptz,
    deadline         timestamptz,
    pending_extension integer,                     -- requested extra working hours/days, awaiting approval
    reminded_at      timestamptz,
    escalated_at     timestamptz,
    handled_at       timestamptz,
    closed_at        timestamptz,
    closing_reason   varchar(30),
    closed_on_time   boolean,
    rework_count     integer not null default 0,
    merged_into      bigint references cases_case(id),
    order_id         bigint references cases_order(id),
    inspection_id    bigint references cases_inspection(id),
    demo             boolean not null default false,
    version          integer not null default 0
);
create index cases_case_town_reported on cases_case (town_code, reported_at);
create index cases_case_open_deadline on cases_case (deadline) where closed_at is null;
create index cases_case_state on cases_case (state, town_code);
create index cases_case_category_geo on cases_case (category_code, latitude, longitude) where closed_at is null;
create index cases_case_order on cases_case (order_id);

-- Append-only: rows are inserted, never updated or deleted.
create table cases_event (
    id        bigserial primary key,
    case_id   bigint not null references cases_case(id),
    at        timestamptz not null,
    type      varchar(30) not null,
    actor     varchar(60),
    state     varchar(30) not null,
    note      varchar(1000)
);
create index cases_event_case on cases_event (case_id, id);

create or replace function cases_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'cases_event is append-only';
end $$;
create trigger cases_event_no_change before update or delete on cases_event
    for each row execute function cases_event_append_only();

create table cases_photo (
    id            bigserial primary key,
    case_id       bigint not null references cases_case(id),
    event_id      bigint references cases_event(id),
    path          varchar(300) not null,
    bytes         integer not null,
    width         integer not null,
    height        integer not null,
    uploaded_at   timestamptz not null
);
create index cases_photo_case on cases_photo (case_id);

create table cases_open311_client (
    id           bigserial primary key,
    name         varchar(80) not null,
    key_hash     varchar(64) not null unique,      -- SHA-256 of the api_key; the key itself is shown once
    active       boolean not null default true,
    created_at   timestamptz not null
);

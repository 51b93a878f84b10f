-- The village small brain (乡村小脑): a village's production, life and ecology scenarios.
-- Sensors stay in sensing (sensing_device.village_code); cases stay in cases. Demo rows say so.

create table village_brain (
    village_code varchar(12) primary key,
    town_code    varchar(9) not null,
    demo         boolean not null default false,
    created_at   timestamptz not null
);

-- 生产: plots and greenhouses, each watched by a soil-moisture sensor (and optionally soil and air temperature).
create table village_plot (
    id               bigserial primary key,
    village_code     varchar(12) not null references village_brain,
    name             text not null,
    greenhouse       boolean not null default false,
    crop             text not null,
    area_mu          numeric(8, 1) not null check (area_mu > 0),
    moisture_sensor  text,
    soil_temp_sensor text,
    air_temp_sensor  text,
    demo             boolean not null default false
);
create index village_plot_village on village_plot (village_code);

create table village_cooperative (
    id           bigserial primary key,
    village_code varchar(12) not null references village_brain,
    name         text not null,
    product      text not null,
    members      int not null check (members >= 0),
    output_tonnes numeric(10, 1) not null check (output_tonnes >= 0),
    output_yuan  bigint not null check (output_yuan >= 0),
    year         int not null,
    demo         boolean not null default false
);

create table village_sale (
    id           bigserial primary key,
    village_code varchar(12) not null references village_brain,
    product      text not null,
    channel      text not null,
    amount_yuan  bigint not null check (amount_yuan >= 0),
    sold_on      date not null,
    demo         boolean not null default false
);
create index village_sale_village on village_sale (village_code, sold_on);

-- 生活: elderly people living alone who consented to be watched (daily check-in or smart meter).
-- The name is stored for the grid worker's list and always shown masked; the consent is recorded.
create table village_elder (
    id               bigserial primary key,
    village_code     varchar(12) not null references village_brain,
    name             text not null,
    method           text not null check (method in ('CHECKIN', 'METER')),
    meter_sensor     text,
    consent_at       timestamptz not null,
    consent_by       text not null,
    last_checkin_at  timestamptz,
    case_requested_on date,
    demo             boolean not null default false,
    version          int not null default 0
);
create index village_elder_village on village_elder (village_code);

create table village_notice (
    id           bigserial primary key,
    village_code varchar(12) not null references village_brain,
    title        text not null,
    body         text not null,
    published_at timestamptz not null,
    demo         boolean not null default false
);

-- 生态: waste sorting by household group, and burning / littering reports.
create table village_waste_group (
    id           bigserial primary key,
    village_code varchar(12) not null references village_brain,
    group_name   text not null,
    households   int not null check (households > 0),
    sorted_households int not null check (sorted_households >= 0),
    checked_on   date not null,
    case_requested boolean not null default false,
    demo         boolean not null default false,
    check (sorted_households <= households)
);
create index village_waste_village on village_waste_group (village_code, checked_on);

create table village_report (
    id           bigserial primary key,
    village_code varchar(12) not null references village_brain,
    kind         text not null check (kind in ('BURNING', 'LITTERING')),
    description  text not null,
    reported_at  timestamptz not null,
    reported_by  text not null,
    demo         boolean not null default false
);
create index village_report_village on village_report (village_code, reported_at);

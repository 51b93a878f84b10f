-- 一镇一策 as a document: per town and year, the parts the county writes (tasks, responsible units,
-- milestones, conditions); the rest (type, tier, weak indicators, projects, funding) is read from
-- the data each time. Every saved version is kept.
create table evaluation_town_plan (
    town_code   varchar(9) not null,
    year        int not null check (year between 2000 and 2100),
    tasks       text not null,
    units       text not null,
    milestones  text not null,
    conditions  text not null,
    version     int not null default 1,
    updated_by  text not null,
    updated_at  timestamptz not null,
    primary key (town_code, year)
);

create table evaluation_town_plan_version (
    town_code   varchar(9) not null,
    year        int not null,
    version     int not null,
    tasks       text not null,
    units       text not null,
    milestones  text not null,
    conditions  text not null,
    updated_by  text not null,
    updated_at  timestamptz not null,
    primary key (town_code, year, version)
);

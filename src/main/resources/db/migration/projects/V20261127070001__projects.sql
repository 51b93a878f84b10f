-- Construction projects, enterprises and their assessment, quality and safety checks,
-- expert services and planning services (双师). Amounts in yuan, numeric(16,2).

create table projects_enterprise (
    id          bigserial primary key,
    uscc        char(18)     not null unique,
    name        varchar(200) not null,
    kind        varchar(20)  not null check (kind in ('CONSTRUCTION', 'SUPERVISION')),
    demo        boolean      not null default false,
    version     int          not null default 0,
    created_at  timestamptz  not null default now()
);

create table projects_project (
    id                    bigserial primary key,
    name                  varchar(200)  not null,
    dimension             varchar(20)   not null,
    category              varchar(100)  not null,
    budget                numeric(16,2) not null check (budget >= 0),
    status                varchar(20)   not null,
    start_date            date          not null,
    end_date              date          not null check (end_date >= start_date),
    longitude             double precision,
    latitude              double precision,
    construction_firm_id  bigint references projects_enterprise (id),
    supervision_firm_id   bigint references projects_enterprise (id),
    demo                  boolean       not null default false,
    version               int           not null default 0,
    created_at            timestamptz   not null default now()
);

create table projects_project_town (
    project_id  bigint     not null references projects_project (id) on delete cascade,
    town_code   varchar(9) not null,
    primary key (project_id, town_code)
);
create index projects_project_town_town on projects_project_town (town_code);

-- planned and actual investment of one project in one month (first day of the month)
create table projects_investment (
    project_id  bigint        not null references projects_project (id) on delete cascade,
    month       date          not null check (extract(day from month) = 1),
    planned     numeric(16,2) not null check (planned >= 0),
    actual      numeric(16,2) not null check (actual >= 0),
    primary key (project_id, month)
);

create table projects_milestone (
    id          bigserial primary key,
    project_id  bigint       not null references projects_project (id) on delete cascade,
    name        varchar(200) not null,
    due_date    date         not null,
    done_date   date
);

create table projects_photo (
    id            bigserial primary key,
    project_id    bigint       not null references projects_project (id) on delete cascade,
    file_name     varchar(100) not null,
    content_type  varchar(40)  not null,
    size_bytes    int          not null,
    width         int          not null,
    height        int          not null,
    uploaded_at   timestamptz  not null
);

-- the county's assessment rules (考核办法): criterion weights are data, not code
create table projects_assessment_weight (
    criterion  varchar(30)  primary key check (criterion in ('QUALITY', 'PROGRESS', 'CIVILISED_CONSTRUCTION')),
    weight     numeric(5,2) not null check (weight >= 0),
    assumed    boolean      not null default true
);
insert into projects_assessment_weight (criterion, weight, assumed) values
    ('QUALITY', 50, true), ('PROGRESS', 30, true), ('CIVILISED_CONSTRUCTION', 20, true);

create table projects_assessment (
    id              bigserial primary key,
    enterprise_id   bigint       not null references projects_enterprise (id),
    project_id      bigint       not null references projects_project (id),
    inspected_on    date         not null,
    quality         numeric(5,2) not null check (quality between 0 and 100),
    progress        numeric(5,2) not null check (progress between 0 and 100),
    civilised       numeric(5,2) not null check (civilised between 0 and 100),
    note            varchar(500)
);
create index projects_assessment_enterprise on projects_assessment (enterprise_id, inspected_on);

create table projects_check (
    id          bigserial primary key,
    kind        varchar(20)  not null check (kind in ('QUALITY', 'SAFETY', 'QUALITY_AND_SAFETY')),
    title       varchar(200) not null,
    town_code   varchar(9)   not null,
    project_id  bigint references projects_project (id),
    checked_on  date         not null,
    inspectors  varchar(300) not null,
    demo        boolean      not null default false
);
create index projects_check_town_date on projects_check (town_code, checked_on);

create table projects_check_item (
    check_id  bigint       not null references projects_check (id) on delete cascade,
    position  int          not null,
    item      varchar(300) not null,
    passed    boolean      not null,
    primary key (check_id, position)
);

create table projects_finding (
    id            bigserial primary key,
    check_id      bigint        not null references projects_check (id) on delete cascade,
    project_id    bigint references projects_project (id),
    town_code     varchar(9)    not null,
    description   varchar(1000) not null,
    longitude     double precision,
    latitude      double precision,
    rectified     boolean       not null default false,
    rectified_at  timestamptz,
    version       int           not null default 0
);
create index projects_finding_check on projects_finding (check_id);

create table projects_expert_visit (
    id            bigserial primary key,
    expert        varchar(100) not null,
    town_code     varchar(9)   not null,
    project_id    bigint references projects_project (id),
    topic         varchar(300) not null,
    visited_on    date         not null,
    person_times  int          not null check (person_times > 0),
    demo          boolean      not null default false
);
create index projects_expert_visit_town_date on projects_expert_visit (town_code, visited_on);

create table projects_planner (
    id    bigserial primary key,
    name  varchar(100) not null,
    role  varchar(20)  not null check (role in ('CHIEF_DESIGNER', 'RESIDENT_PLANNER')),
    organisation varchar(200),
    demo  boolean      not null default false
);

create table projects_planner_town (
    planner_id  bigint     not null references projects_planner (id) on delete cascade,
    town_code   varchar(9) not null,
    primary key (planner_id, town_code)
);

create table projects_seminar (
    id          bigserial primary key,
    planner_id  bigint        not null references projects_planner (id),
    town_code   varchar(9)    not null,
    held_on     date          not null,
    topic       varchar(300)  not null,
    minutes     text          not null,
    demo        boolean       not null default false
);
create index projects_seminar_town_date on projects_seminar (town_code, held_on);

create table projects_review_round (
    id             bigserial primary key,
    scheme         varchar(300) not null,
    town_code      varchar(9)   not null,
    project_id     bigint references projects_project (id),
    round_no       int          not null check (round_no > 0),
    held_on        date         not null,
    reviewers      varchar(500) not null,
    comments       text         not null,
    decision       varchar(20)  not null check (decision in ('APPROVED', 'REVISE', 'REJECTED')),
    next_round_on  date check (next_round_on is null or next_round_on > held_on),
    demo           boolean      not null default false
);
create index projects_review_round_town_date on projects_review_round (town_code, held_on);

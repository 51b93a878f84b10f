-- Evaluation: indicator catalogues per year, town assessments with values and evidence,
-- satisfaction survey answers, funding policies. Town codes refer to region's towns by value
-- only (no foreign key into another module's tables).

create table evaluation_catalogue (
    year                   int primary key check (year between 2019 and 2100),
    title                  text not null,
    bonus_cap              numeric(8, 2) not null check (bonus_cap >= 0),
    baseline_common_min    numeric(8, 2) not null,
    model_total_min        numeric(8, 2) not null,
    model_satisfaction_min numeric(8, 2) not null,
    survey_min_responses   int not null default 30,
    assumed                boolean not null default true,
    version                int not null default 0
);

create table evaluation_indicator (
    year        int not null references evaluation_catalogue on delete cascade,
    code        text not null check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    sort        int not null,
    name        text not null,
    dimension   text not null,
    category    text not null check (category in ('COMMON', 'TYPE_SPECIFIC')),
    town_types  text[] not null default '{}',
    unit        text not null,
    kind        text not null check (kind in ('NUMBER', 'PERCENT', 'BOOLEAN')),
    direction   text not null check (direction in ('HIGHER', 'LOWER')),
    target      numeric(18, 4) not null,
    rule        text not null,
    weight      numeric(8, 2) not null check (weight >= 0),
    hard        boolean not null default false,
    signature   boolean not null default false,
    evidence    text not null default '',
    assumed     boolean not null default true,
    primary key (year, code)
);

create table evaluation_survey_question (
    year  int not null references evaluation_catalogue on delete cascade,
    no    int not null check (no between 1 and 50),
    text  text not null,
    primary key (year, no)
);

create table evaluation_assessment (
    id             bigserial primary key,
    town_code      varchar(9) not null check (town_code ~ '^[0-9]{9}$'),
    year           int not null references evaluation_catalogue,
    status         text not null check (status in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'LOCKED')),
    review_comment text,
    submitted_at   timestamptz,
    reviewed_at    timestamptz,
    reviewed_by    text,
    locked_at      timestamptz,
    version        int not null default 0,
    unique (town_code, year)
);

create table evaluation_value (
    assessment_id bigint not null references evaluation_assessment on delete cascade,
    indicator     text not null,
    value         numeric(18, 4) not null,
    source        text not null check (source in ('MANUAL', 'COMPUTED', 'DEMO')),
    source_detail text not null default '',
    note          text not null default '',
    entered_by    text,
    entered_at    timestamptz not null,
    primary key (assessment_id, indicator)
);

create table evaluation_evidence (
    id            bigserial primary key,
    assessment_id bigint not null references evaluation_assessment on delete cascade,
    indicator     text not null,
    filename      text not null,
    content_type  text not null,
    size          int not null,
    content       bytea not null,
    uploaded_by   text,
    uploaded_at   timestamptz not null
);
create index evaluation_evidence_assessment on evaluation_evidence (assessment_id, indicator);

-- One answer per respondent and town-year; the respondent is known only by a salted hash of a
-- random browser token, never by name, phone or address.
create table evaluation_survey_response (
    id            bigserial primary key,
    town_code     varchar(9) not null,
    year          int not null,
    respondent    varchar(64) not null,
    answers       smallint[] not null,
    share         real not null check (share between 0 and 1), -- mean worth of the answers, kept for fast tallies
    answered_at   timestamptz not null,
    unique (town_code, year, respondent)
);

create table evaluation_funding_policy (
    year      int primary key check (year between 2019 and 2100),
    pool      bigint not null check (pool >= 0),
    town_cap  bigint check (town_cap is null or town_cap >= 0),
    assumed   boolean not null default true,
    policy    jsonb not null,
    version   int not null default 0
);

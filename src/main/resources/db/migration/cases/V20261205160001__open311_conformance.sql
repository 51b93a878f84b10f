-- Open311 GeoReport v2 to the letter (issue 16).
--
-- media_url: the picture a GeoReport client links to (http or https), kept and returned as given.
-- position_estimated: the report named only an address, so the stored position is a stand-in (the
-- county's label point); it is never published as the request's lat/long.
alter table cases_case add column media_url varchar(500);
alter table cases_case add column position_estimated boolean not null default false;

-- Reports whose town nobody could tell (no attribute[town], no seat near the position, no town or
-- village named in the address) wait here for the county's dispatcher (待分派), who places them in a
-- town, which opens the case, or voids them. The client follows one by its token until it has a
-- service_request_id. The reporter's name and contact move to the case (or are dropped when the
-- report is voided) at that decision.
create table cases_open311_triage (
    id               bigserial primary key,
    token            varchar(40) not null unique,
    category_code    varchar(5) not null references cases_category(code),
    longitude        double precision,
    latitude         double precision,
    address          varchar(200),
    description      varchar(2000) not null,
    media_url        varchar(500),
    reporter_name    varchar(60),
    reporter_contact varchar(120),
    received_at      timestamptz not null,
    state            varchar(10) not null check (state in ('WAITING', 'PLACED', 'VOIDED')),
    case_id          bigint references cases_case(id),
    decided_by       varchar(60),
    decided_at       timestamptz,
    note             varchar(400)
);
create index cases_open311_triage_waiting on cases_open311_triage (received_at) where state = 'WAITING';

-- 全程代办: a resident's service request taken through configurable steps by an agent; the
-- resident follows it with a tracking code, without an account.
create table cases_service_type (
    code     varchar(30) primary key,
    name     varchar(80) not null,
    steps    text not null,            -- step names separated by '|', in order
    active   boolean not null default true
);

create table cases_service_request (
    id                bigserial primary key,
    tracking_code     varchar(20) not null unique,
    type_code         varchar(30) not null references cases_service_type(code),
    town_code         varchar(9) not null,
    summary           varchar(500) not null,
    applicant_name    varchar(60),       -- never shown publicly
    applicant_contact varchar(120),      -- never shown publicly, never logged
    step_index        integer not null default 0,
    state             varchar(10) not null check (state in ('OPEN', 'DONE', 'CANCELLED')),
    agent             varchar(60) not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           integer not null default 0
);
create index cases_service_request_town on cases_service_request (town_code, state);

create table cases_service_step (
    id          bigserial primary key,
    request_id  bigint not null references cases_service_request(id),
    step_index  integer not null,
    step_name   varchar(80) not null,
    done_at     timestamptz not null,
    actor       varchar(60) not null,
    note        varchar(500)
);
create index cases_service_step_request on cases_service_step (request_id, id);

insert into cases_service_type (code, name, steps) values
('GENERIC', '通用代办', '材料收取|部门办理|结果送达'),
('INDIVIDUAL_BUSINESS', '个体工商户登记代办', '材料收取|市场监管部门办理|执照送达'),
('RURAL_HOUSE', '农村建房审批代办', '材料收取|村级审核|镇级审批|结果送达'),
('ELDERLY_ALLOWANCE', '高龄津贴申领代办', '材料收取|民政部门审核|结果告知');

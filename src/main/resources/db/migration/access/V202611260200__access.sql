-- Access: users with one role and one jurisdiction each, personal API tokens, the audit log.

create table access_user (
    id                bigserial primary key,
    username          text not null unique check (username ~ '^[a-z0-9._-]{2,40}$'),
    display_name      text not null,
    password_hash     text not null,
    role              text not null check (role in ('COUNTY_ADMIN', 'CLUSTER_LEAD', 'TOWN_STAFF', 'GRID_WORKER',
                          'INSPECTOR', 'EXPERT', 'AGENT', 'ENTERPRISE', 'DUTY_OFFICER')),
    jurisdiction_level text not null check (jurisdiction_level in ('COUNTY', 'CLUSTER', 'TOWN', 'VILLAGE')),
    jurisdiction_code  text not null,
    enabled           boolean not null default true,
    failed_logins     int not null default 0,
    locked_until      timestamptz,
    created_at        timestamptz not null default now(),
    version           int not null default 0
);

create table access_api_token (
    id           bigserial primary key,
    user_id      bigint not null references access_user on delete cascade,
    name         text not null,
    token_hash   text not null unique,      -- SHA-256 of the token; the token itself is shown once
    prefix       text not null,             -- first characters, to recognise a token in the list
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index access_api_token_user on access_api_token (user_id);

create table access_audit (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    username    text,                      -- null for anonymous public writes
    action      text not null,             -- e.g. "POST /towns/330182104/position"
    target      text,
    outcome     int not null,              -- HTTP status or 0 for non-HTTP actions
    remote_addr text
);
create index access_audit_at on access_audit (at desc);
create index access_audit_user on access_audit (username, at desc);

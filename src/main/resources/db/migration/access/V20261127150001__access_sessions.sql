-- Login sessions (Spring Session JDBC, its PostgreSQL schema with the module's prefix), so that a
-- restart of the application does not log everyone out. Expired sessions are deleted every minute.
create table access_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint access_session_pk primary key (primary_id)
);
create unique index access_session_ix1 on access_session (session_id);
create index access_session_ix2 on access_session (expiry_time);
create index access_session_ix3 on access_session (principal_name);

create table access_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint access_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint access_session_attributes_fk foreign key (session_primary_id) references access_session (primary_id) on delete cascade
);

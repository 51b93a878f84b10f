-- Who gets which town's messages, through which channel.
create table notify_roster (
    id            bigserial primary key,
    town_code     text,                 -- null: every town
    name          text not null,
    channel       text not null,
    target        text not null,        -- URL or phone number; never shown in clear
    secret        text,                 -- DingTalk robot signing secret
    min_severity  integer not null default 0,
    active        boolean not null default true,
    created_at    timestamptz not null
);

-- Every attempt to deliver, with retries and back-off.
create table notify_delivery (
    id               bigserial primary key,
    roster_id        bigint references notify_roster (id) on delete set null,
    channel          text not null,
    target_shown     text not null,
    town_code        text,
    severity         integer not null,
    title            text not null,
    body             text not null,
    reference        text,
    status           text not null,     -- PENDING, SENT, FAILED
    attempts         integer not null default 0,
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz
);
create index notify_delivery_due on notify_delivery (next_attempt_at) where status = 'PENDING';
create index notify_delivery_reference on notify_delivery (reference);

-- Alarm rules per kind; a sensor's own threshold_high / rate_of_rise override them.
create table sensing_alarm_rule (
    kind               text not null,
    type               text not null,          -- THRESHOLD, RATE_OF_RISE
    direction          text not null default 'ABOVE',
    threshold          double precision,       -- null: only from the sensor's override (manholes: 80 % of rim)
    rate_per_hour      double precision,
    duration_minutes   integer not null default 0,
    hysteresis         double precision not null default 0,
    level              text not null,          -- blue, yellow, orange, red
    primary key (kind, type)
);
insert into sensing_alarm_rule (kind, type, direction, threshold, rate_per_hour, duration_minutes, hysteresis, level) values
    ('manhole_level', 'THRESHOLD', 'ABOVE', null, null, 5, 0.1, 'orange'),
    ('manhole_level', 'RATE_OF_RISE', 'ABOVE', null, 0.6, 10, 0, 'yellow'),
    ('river_level', 'THRESHOLD', 'ABOVE', null, null, 10, 0.2, 'orange'),
    ('rain_gauge', 'THRESHOLD', 'ABOVE', 20, null, 0, 5, 'yellow'),
    ('pipe_flow', 'THRESHOLD', 'ABOVE', null, null, 10, 0, 'yellow'),
    ('hydrant_pressure', 'THRESHOLD', 'BELOW', 0.1, null, 15, 0.05, 'orange'),
    ('smoke', 'THRESHOLD', 'ABOVE', 1, null, 0, 0.5, 'red'),
    ('cover_tilt', 'THRESHOLD', 'ABOVE', 15, null, 2, 5, 'orange'),
    ('soil_moisture', 'THRESHOLD', 'BELOW', 10, null, 360, 3, 'blue');

-- Alarms: at most one open (active or acknowledged) per sensor and type.
create table sensing_alarm (
    id                     bigserial primary key,
    sensor_id              text not null references sensing_device (id),
    town_code              text not null,
    type                   text not null,      -- THRESHOLD, RATE_OF_RISE, OVERFLOW_FORECAST
    level                  text not null,
    state                  text not null,      -- ACTIVE, ACKNOWLEDGED, CLEARED
    raised_at              timestamptz not null,
    updated_at             timestamptz not null,
    value                  double precision,
    predicted_overflow_at  timestamptz,
    why                    text,
    acknowledged_at        timestamptz,
    acknowledged_by        text,
    cleared_at             timestamptz,
    case_requested         boolean not null default false,
    version                integer not null default 0
);
create unique index sensing_alarm_one_open on sensing_alarm (sensor_id, type) where state <> 'CLEARED';
create index sensing_alarm_open on sensing_alarm (state, raised_at) where state <> 'CLEARED';
create index sensing_alarm_town on sensing_alarm (town_code, raised_at desc);

-- Every forecaster warning, for the season report.
create table sensing_warning (
    id                     bigserial primary key,
    sensor_id              text not null,
    issued_at              timestamptz not null,
    predicted_overflow_at  timestamptz,
    level                  text not null,
    why                    text
);
create index sensing_warning_sensor on sensing_warning (sensor_id, issued_at);

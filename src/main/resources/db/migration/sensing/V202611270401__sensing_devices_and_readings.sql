-- Sensors (devices) and their readings.
create table sensing_device (
    id               text primary key,
    kind             text not null,
    town_code        text not null,
    name             text not null,
    lat              double precision,
    lon              double precision,
    rim_level_m      double precision,
    gauge_id         text,
    threshold_high   double precision,
    rate_of_rise     double precision,
    token_hash       text not null unique,
    token_prefix     text not null,
    demo             boolean not null default false,
    last_seen_at     timestamptz,
    last_value       double precision,
    last_value_at    timestamptz,
    created_at       timestamptz not null,
    version          integer not null default 0
);
create index sensing_device_town on sensing_device (town_code);

-- Raw readings, one row per (sensor, time): resending a reading changes nothing.
-- Monthly partitions are created ahead by a scheduled job (and on demand for late readings).
create table sensing_reading (
    sensor_id    text not null,
    observed_at  timestamptz not null,
    value        double precision not null,
    received_at  timestamptz not null,
    primary key (sensor_id, observed_at)
) partition by range (observed_at);
create index sensing_reading_time_brin on sensing_reading using brin (observed_at);

-- Hourly roll-ups for charts: kept up to date by ingest from the rows it actually inserted.
create table sensing_reading_hourly (
    sensor_id  text not null,
    hour       timestamptz not null,
    n          integer not null,
    min_value  double precision not null,
    max_value  double precision not null,
    sum_value  double precision not null,
    primary key (sensor_id, hour)
);

-- Which instance forecasts which catchment (a manhole with a rim level). An owner renews its
-- leases every heartbeat; a lease not renewed in time (the owner died) is claimed by another
-- instance. Times are the database's clock, so the instances' clocks need not agree.
create table sensing_forecast_lease (
    catchment   text primary key,
    owner       text,
    expires_at  timestamptz not null default '-infinity',
    claimed_at  timestamptz
);
create index sensing_forecast_lease_owner on sensing_forecast_lease (owner);

-- The instances taking part, so each claims only its share of the catchments.
create table sensing_forecast_instance (
    instance    text primary key,
    expires_at  timestamptz not null
);

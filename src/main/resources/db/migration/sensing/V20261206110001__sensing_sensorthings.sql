-- OGC SensorThings API over the sensing module. Things, Locations, Sensors, ObservedProperties,
-- Datastreams and FeaturesOfInterest are kept here with the numeric ids the standard needs; a
-- registered device is mirrored as a Thing (the device and its site) with one Datastream (its one
-- quantity). Observations are the rows of sensing_reading themselves (no copy): a Datastream's
-- stream_key is the sensor_id its readings carry.
create table sta_thing (
    id           bigserial primary key,
    name         text not null,
    description  text not null default '',
    properties   jsonb,
    device_id    text unique references sensing_device (id) on delete cascade,
    town_code    text
);
create index sta_thing_town on sta_thing (town_code);

create table sta_location (
    id             bigserial primary key,
    name           text not null,
    description    text not null default '',
    encoding_type  text not null,
    location       jsonb not null,
    properties     jsonb,
    device_id      text unique references sensing_device (id) on delete cascade,
    town_code      text
);

create table sta_thing_location (
    thing_id     bigint not null references sta_thing (id) on delete cascade,
    location_id  bigint not null references sta_location (id) on delete cascade,
    primary key (thing_id, location_id)
);
create index sta_thing_location_location on sta_thing_location (location_id);

create table sta_historical_location (
    id        bigserial primary key,
    thing_id  bigint not null references sta_thing (id) on delete cascade,
    time      timestamptz not null
);
create index sta_historical_location_thing on sta_historical_location (thing_id);

create table sta_location_history (
    historical_location_id  bigint not null references sta_historical_location (id) on delete cascade,
    location_id             bigint not null references sta_location (id) on delete cascade,
    primary key (historical_location_id, location_id)
);
create index sta_location_history_location on sta_location_history (location_id);

create table sta_sensor (
    id             bigserial primary key,
    name           text not null,
    description    text not null default '',
    encoding_type  text not null,
    metadata       text not null,
    properties     jsonb,
    device_id      text unique references sensing_device (id) on delete cascade,
    town_code      text
);

create table sta_observed_property (
    id           bigserial primary key,
    name         text not null,
    definition   text not null,
    description  text not null default '',
    properties   jsonb,
    kind         text unique,
    town_code    text
);

create table sta_datastream (
    id                    bigserial primary key,
    name                  text not null,
    description           text not null default '',
    observation_type      text not null,
    unit_of_measurement   jsonb not null,
    properties            jsonb,
    thing_id              bigint not null references sta_thing (id) on delete cascade,
    sensor_id             bigint not null references sta_sensor (id) on delete cascade,
    observed_property_id  bigint not null references sta_observed_property (id) on delete cascade,
    stream_key            text not null unique,
    device_id             text unique references sensing_device (id) on delete cascade,
    town_code             text
);
create index sta_datastream_thing on sta_datastream (thing_id);
create index sta_datastream_sensor on sta_datastream (sensor_id);
create index sta_datastream_property on sta_datastream (observed_property_id);

create table sta_feature (
    id             bigserial primary key,
    name           text not null,
    description    text not null default '',
    encoding_type  text not null,
    feature        jsonb not null,
    properties     jsonb,
    location_id    bigint unique references sta_location (id) on delete set null,
    town_code      text
);

-- The readings get what an Observation needs beyond (sensor, time, value): a numeric id (from a
-- sequence, indexed in every partition), and the optional result time, interval end, quality,
-- parameters and feature of interest. A device's readings leave these null.
create sequence sta_observation_id;
alter table sensing_reading add column id bigint not null default nextval('sta_observation_id');
alter table sensing_reading add column result_time timestamptz;
alter table sensing_reading add column phenomenon_end timestamptz;
alter table sensing_reading add column valid_from timestamptz;
alter table sensing_reading add column valid_to timestamptz;
alter table sensing_reading add column result_quality jsonb;
alter table sensing_reading add column parameters jsonb;
alter table sensing_reading add column feature_id bigint;
create index sensing_reading_id on sensing_reading (id);
create index sensing_reading_feature on sensing_reading (feature_id) where feature_id is not null;

-- A device becomes a Thing with its Location, a Sensor and one Datastream of its kind's
-- ObservedProperty; renaming or moving it follows. Done in the database so no path that
-- registers a device can forget it.
create function sta_mirror_new(d sensing_device) returns void language plpgsql as $$
declare
    thing bigint;
    loc bigint;
    hl bigint;
    sensor bigint;
    property bigint;
    unit text;
begin
    unit := case upper(d.kind)
        when 'MANHOLE_LEVEL' then 'm' when 'RIVER_LEVEL' then 'm' when 'RAIN_GAUGE' then 'mm'
        when 'PIPE_FLOW' then 'm³/s' when 'HYDRANT_PRESSURE' then 'MPa' when 'COVER_TILT' then '°'
        when 'SOIL_MOISTURE' then '%' else '' end;
    insert into sta_thing (name, description, properties, device_id, town_code)
        values (d.name, lower(d.kind), jsonb_build_object('deviceId', d.id, 'kind', lower(d.kind)), d.id, d.town_code)
        returning id into thing;
    if d.lat is not null and d.lon is not null then
        insert into sta_location (name, description, encoding_type, location, device_id, town_code)
            values (d.name, d.name, 'application/geo+json',
                    jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(d.lon, d.lat)), d.id, d.town_code)
            returning id into loc;
        insert into sta_thing_location values (thing, loc);
        insert into sta_historical_location (thing_id, time) values (thing, d.created_at) returning id into hl;
        insert into sta_location_history values (hl, loc);
    end if;
    insert into sta_sensor (name, description, encoding_type, metadata, device_id, town_code)
        values (d.name, lower(d.kind), 'text/plain', lower(d.kind), d.id, d.town_code)
        returning id into sensor;
    insert into sta_observed_property (name, definition, description, kind)
        values (lower(d.kind), 'urn:townbrain:sensing:kind:' || lower(d.kind), lower(d.kind), lower(d.kind))
        on conflict (kind) do nothing;
    select id into property from sta_observed_property where kind = lower(d.kind);
    insert into sta_datastream (name, description, observation_type, unit_of_measurement, thing_id, sensor_id,
                                observed_property_id, stream_key, device_id, town_code)
        values (d.name, lower(d.kind), 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
                jsonb_build_object('name', unit, 'symbol', unit, 'definition', 'urn:townbrain:unit:' || lower(d.kind)),
                thing, sensor, property, d.id, d.id, d.town_code);
end $$;

create function sta_mirror_device() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform sta_mirror_new(new);
        return new;
    end if;
    update sta_thing set name = new.name, town_code = new.town_code where device_id = new.id;
    update sta_sensor set name = new.name, town_code = new.town_code where device_id = new.id;
    update sta_datastream set name = new.name, town_code = new.town_code where device_id = new.id;
    if new.lat is not null and new.lon is not null then
        update sta_location set name = new.name, town_code = new.town_code,
               location = jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(new.lon, new.lat))
         where device_id = new.id;
    end if;
    return new;
end $$;

create trigger sta_mirror_device_insert after insert on sensing_device
    for each row execute function sta_mirror_device();
create trigger sta_mirror_device_update after update of name, town_code, lat, lon on sensing_device
    for each row execute function sta_mirror_device();

-- the devices registered before
select sta_mirror_new(d) from sensing_device d order by d.created_at;

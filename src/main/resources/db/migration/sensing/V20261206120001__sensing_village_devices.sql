-- Sensors of a village's small brain (乡村小脑) name their village, so that an alarm that
-- persists becomes a case for that village's grid worker, not only for the town.
alter table sensing_device add column village_code varchar(12);
create index sensing_device_village on sensing_device (village_code) where village_code is not null;

-- Rules of the new kinds. Limits, with their sources:
--   air temperature ≥ 37 °C for an hour: CMA high-temperature orange signal (daily maximum ≥ 37 °C);
--   soil temperature ≥ 35 °C for an hour: root-zone heat stress for most vegetables [assumed];
--   ammonia ≥ 2.0 mg/L for 30 min: GB 3838-2002 class V limit for NH3-N (worse is 劣V);
--   smart meter ≤ 0.03 kW for 12 hours: nobody switched anything on for half a day [assumed];
--   sewage terminal outflow ≤ 0.05 m³/h for 2 hours: the terminal has stopped [assumed].
insert into sensing_alarm_rule (kind, type, direction, threshold, rate_per_hour, duration_minutes, hysteresis, level) values
    ('air_temperature', 'THRESHOLD', 'ABOVE', 37, null, 60, 1, 'orange'),
    ('soil_temperature', 'THRESHOLD', 'ABOVE', 35, null, 60, 1, 'blue'),
    ('ammonia', 'THRESHOLD', 'ABOVE', 2.0, null, 30, 0.2, 'yellow'),
    ('power_meter', 'THRESHOLD', 'BELOW', 0.03, null, 720, 0.02, 'orange'),
    ('sewage_flow', 'THRESHOLD', 'BELOW', 0.05, null, 120, 0.05, 'yellow')
on conflict do nothing;

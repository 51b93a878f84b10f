-- One case per alarm episode: the alarms of one sensor that follow each other within the episode
-- gap (a storm: threshold, rate of rise, forecast, the same threshold again after a brief clear)
-- share the case of the episode's first alarm; episode_of names that alarm.
alter table sensing_alarm add column episode_of bigint;
create index sensing_alarm_sensor_raised on sensing_alarm (sensor_id, raised_at);

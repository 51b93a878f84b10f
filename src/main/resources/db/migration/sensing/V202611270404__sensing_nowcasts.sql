-- Rain nowcasts as the weather service issued them (POST /api/sensing/nowcasts), so that the
-- overflow forecaster has them again after a restart. Kept two days from issue, as in memory.
create table sensing_nowcast (
    gauge_id    text not null,
    issued_at   timestamptz not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz not null,
    rain_mm     double precision not null check (rain_mm >= 0),
    primary key (gauge_id, issued_at, valid_from, valid_to)
);
create index sensing_nowcast_issued on sensing_nowcast (issued_at);

-- ShedLock's table (JDBC provider, database time): one row per background job; whoever moves
-- lock_until into the future runs the job, every other instance skips that period.
create table platform_job_lock (
    name        varchar(64) primary key,
    lock_until  timestamp not null,
    locked_at   timestamp not null,
    locked_by   varchar(255) not null
);

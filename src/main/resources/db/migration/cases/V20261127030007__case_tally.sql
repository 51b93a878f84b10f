-- A tally of case figures per town and day of report, and per town and month of report, so that
-- the figures of a province-sized set of towns over a year sum a few tens of thousands of rows
-- instead of aggregating every case reported in the period (CaseStatistics, the cockpit).
--
-- The figures are those of "cases reported in the period, their state now": each case counts in
-- the row of its town and day of report, and a change of its state moves its counts within that
-- row. Triggers on cases_case keep the tally in the same transaction as every insert, update and
-- delete of a case, whoever writes it (the lifecycle, a bulk import, an operator's fix), so it is
-- never out of step. Figures that depend on the moment of asking (overdue now) cannot be tallied:
-- they are counted from cases_due, a narrow copy of the open cases that have a deadline, kept by
-- the same triggers (a province's ~30k open cases lie on ~20k pages of cases_case).

-- The time zone whose calendar days the tally counts in: the cases module's setting
-- (townbrain.cases.zone). When the setting changes, the application rebuilds the tally at start.
create table cases_tally_zone (
    zone  varchar(60) not null
);
create unique index cases_tally_zone_one_row on cases_tally_zone ((true));
insert into cases_tally_zone (zone) values ('Asia/Shanghai');

create table cases_tally (
    town_code       varchar(9) not null,
    span            varchar(5) not null check (span in ('DAY', 'MONTH')),
    day             date not null,                 -- the day of report, or the first day of the month
    reported        integer not null default 0,
    accepted        integer not null default 0,    -- accepted and neither voided nor merged
    closed          integer not null default 0,
    closed_on_time  integer not null default 0,
    handled         integer not null default 0,    -- reported back and neither voided nor merged
    rework          integer not null default 0,    -- reworked at least once and neither voided nor merged
    primary key (town_code, span, day)
) with (fillfactor = 80);   -- room on the page: counters change in place (HOT), the indexes stay
-- the whole county's rows of a period (the PK serves a list of towns)
create index cases_tally_span_day on cases_tally (span, day);

-- The statement that adds the signed counts of a set of case rows (sign +1 or -1 per row) to the
-- tally. One definition of what each case counts for, used by the triggers and the rebuild.
-- Rows whose counts do not change (a reminder, a contact purged) touch nothing and lock nothing.
-- Rows are upserted in one order, span then day then town, so that two statements never wait for
-- each other crosswise, and a bulk load or rebuild lays each day's rows, and the months, together.
create function cases_tally_sql(changes text) returns text language sql immutable as $fn$
select format($sql$
    insert into cases_tally as t (town_code, span, day, reported, accepted, closed, closed_on_time, handled, rework)
    select * from (
        select c.town_code, s.span, s.day,
               sum(c.sign) as reported,
               sum(case when c.accepted_at is not null and c.state not in ('VOIDED', 'MERGED') then c.sign else 0 end) as accepted,
               sum(case when c.state = 'CLOSED' then c.sign else 0 end) as closed,
               sum(case when c.state = 'CLOSED' and c.closed_on_time then c.sign else 0 end) as closed_on_time,
               sum(case when c.handled_at is not null and c.state not in ('VOIDED', 'MERGED') then c.sign else 0 end) as handled,
               sum(case when c.rework_count > 0 and c.state not in ('VOIDED', 'MERGED') then c.sign else 0 end) as rework
        from (%s) c
        cross join lateral (select (c.reported_at at time zone z.zone)::date as day from cases_tally_zone z) d
        cross join lateral (values ('DAY', d.day), ('MONTH', date_trunc('month', d.day::timestamp)::date)) s(span, day)
        group by 1, 2, 3) g
    where (g.reported, g.accepted, g.closed, g.closed_on_time, g.handled, g.rework) <> (0, 0, 0, 0, 0, 0)
    order by 2, 3, 1
    on conflict (town_code, span, day) do update set
        reported = t.reported + excluded.reported, accepted = t.accepted + excluded.accepted,
        closed = t.closed + excluded.closed, closed_on_time = t.closed_on_time + excluded.closed_on_time,
        handled = t.handled + excluded.handled, rework = t.rework + excluded.rework
    $sql$, changes)
$fn$;

-- Open cases with a deadline (the ones that can be overdue), with what the overdue figures need.
create function cases_can_be_late(state varchar, deadline timestamptz) returns boolean language sql immutable
    return state not in ('CLOSED', 'VOIDED', 'MERGED', 'PARKED') and deadline is not null;
create table cases_due (
    case_id      bigint primary key,
    town_code    varchar(9) not null,
    reported_at  timestamptz not null,
    deadline     timestamptz not null,
    unhandled    boolean not null          -- dispatched or in progress, not reported back: due to handle
);
create index cases_due_town on cases_due (town_code, reported_at);

-- Statement-level with transition tables: a bulk insert of a million cases is one grouped upsert.
create function cases_tally_keep() returns trigger language plpgsql as $$
begin
    execute cases_tally_sql(case tg_op
        when 'INSERT' then 'select 1 as sign, n.* from cases_new n'
        when 'DELETE' then 'select -1 as sign, o.* from cases_old o'
        else 'select -1 as sign, o.* from cases_old o union all select 1 as sign, n.* from cases_new n' end);
    if tg_op = 'DELETE' then
        delete from cases_due d using cases_old o where d.case_id = o.id;
    elsif tg_op = 'UPDATE' then
        delete from cases_due d using cases_old o where d.case_id = o.id
            and not exists (select 1 from cases_new n where n.id = o.id and cases_can_be_late(n.state, n.deadline));
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into cases_due as d (case_id, town_code, reported_at, deadline, unhandled)
        select n.id, n.town_code, n.reported_at, n.deadline, n.handled_at is null and n.state in ('DISPATCHED', 'IN_PROGRESS')
        from cases_new n where cases_can_be_late(n.state, n.deadline)
        order by n.id
        on conflict (case_id) do update set town_code = excluded.town_code, reported_at = excluded.reported_at,
            deadline = excluded.deadline, unhandled = excluded.unhandled
        where (d.town_code, d.reported_at, d.deadline, d.unhandled)
            is distinct from (excluded.town_code, excluded.reported_at, excluded.deadline, excluded.unhandled);
    end if;
    return null;
end $$;

create trigger cases_tally_insert after insert on cases_case
    referencing new table as cases_new for each statement execute function cases_tally_keep();
create trigger cases_tally_update after update on cases_case
    referencing old table as cases_old new table as cases_new for each statement execute function cases_tally_keep();
create trigger cases_tally_delete after delete on cases_case
    referencing old table as cases_old for each statement execute function cases_tally_keep();

create function cases_tally_clear() returns trigger language plpgsql as $$
begin
    delete from cases_tally;
    delete from cases_due;
    return null;
end $$;
create trigger cases_tally_truncate after truncate on cases_case
    for each statement execute function cases_tally_clear();

-- Counts the tally (in the zone of cases_tally_zone) and the due cases again from all cases;
-- returns the tally rows written. The caller locks cases_case against writers first.
create function cases_tally_rebuild() returns integer language plpgsql as $$
declare
    written integer;
begin
    delete from cases_tally;
    execute cases_tally_sql('select 1 as sign, c.* from cases_case c');
    get diagnostics written = row_count;
    delete from cases_due;
    insert into cases_due (case_id, town_code, reported_at, deadline, unhandled)
    select c.id, c.town_code, c.reported_at, c.deadline, c.handled_at is null and c.state in ('DISPATCHED', 'IN_PROGRESS')
    from cases_case c where cases_can_be_late(c.state, c.deadline);
    return written;
end $$;

select cases_tally_rebuild();

-- One open visit per visitor and venue. Two instances answering the same visitor's scans at the
-- same moment each found no open visit and each wrote one (47 of 2,218 pairs in a two-instance
-- run); the unique index makes the second writer wait for the first and then answer with its row.
-- Open duplicates already stored are closed when the next one began (the newest stays open).
with open_visits as (
    select id, lead(checked_in_at) over (partition by visitor_id, venue_id order by checked_in_at, id) as next_in
    from checkin_checkin where checked_out_at is null)
update checkin_checkin c set checked_out_at = o.next_in, auto_checkout = true
from open_visits o where o.id = c.id and o.next_in is not null;

create unique index checkin_checkin_one_open_visit on checkin_checkin (visitor_id, venue_id) where checked_out_at is null;

-- As before (V20261127170001), and: a visitor still checked in at the venue from before the
-- same-visit window is checked out when their new visit begins; a visit that another writer
-- committed meanwhile (the index above turned this one away) is answered as the same visit. The
-- statement for the whole group stays one; only such rows take a second look, one by one.
create or replace function checkin_returning_group(p_codes text[], p_hashes text[], p_now timestamptz, p_stale timestamptz,
                                                   p_since timestamptz)
    returns table (r_n bigint, r_checkin bigint, r_visitor bigint, r_code text, r_name text, r_same boolean)
    language plpgsql volatile
    set plan_cache_mode = force_generic_plan
as $$
declare
    r record;
    v_id bigint;
begin
    for r in
        with found as materialized (
            select w.n, v.id as venue_id, v.code, v.name, p.id as visitor_id, p.last_seen_at,
                   nextval('checkin_checkin_id_seq') as new_id
            from unnest(p_codes, p_hashes) with ordinality as w(code, hash, n)
            cross join lateral (select cv.id, cv.code, cv.name from checkin_venue cv
                                where cv.code = w.code and cv.retired_at is null) v
            cross join lateral (select t.visitor_id from checkin_visitor_token t
                                where t.token_hash = decode(w.hash, 'hex')) t
            cross join lateral (select cp.id, cp.last_seen_at from checkin_visitor cp where cp.id = t.visitor_id) p),
        touched as (update checkin_visitor set last_seen_at = p_now
                    where id in (select f.visitor_id from found f where f.last_seen_at < p_stale)),
        same as (select f.n, c.id from found f
                 cross join lateral (select cc.id from checkin_checkin cc
                                     where cc.venue_id = f.venue_id and cc.visitor_id = f.visitor_id
                                       and cc.checked_in_at > p_since and cc.checked_out_at is null
                                     order by cc.checked_in_at desc limit 1) c),
        inserted as (insert into checkin_checkin (id, venue_id, visitor_id, checked_in_at)
                     select f.new_id, f.venue_id, f.visitor_id, p_now from found f
                     where not exists (select 1 from same s where s.n = f.n)
                     on conflict (visitor_id, venue_id) where checked_out_at is null do nothing
                     returning id)
        select f.n, f.venue_id, f.visitor_id, f.code::text as code, f.name::text as name, s.id as same_id, i.id as new_id
        from found f left join same s on s.n = f.n left join inserted i on i.id = f.new_id
    loop
        r_n := r.n;
        r_visitor := r.visitor_id;
        r_code := r.code;
        r_name := r.name;
        if r.same_id is not null or r.new_id is not null then
            r_checkin := coalesce(r.same_id, r.new_id);
            r_same := r.same_id is not null;
        else
            -- an open visit this statement did not take as the same one: from before the window, or just committed by another writer
            update checkin_checkin set checked_out_at = p_now, auto_checkout = true
            where visitor_id = r.visitor_id and venue_id = r.venue_id and checked_out_at is null and checked_in_at <= p_since;
            insert into checkin_checkin (venue_id, visitor_id, checked_in_at) values (r.venue_id, r.visitor_id, p_now)
            on conflict (visitor_id, venue_id) where checked_out_at is null do nothing
            returning id into v_id;
            r_same := v_id is null;
            if v_id is null then
                select cc.id into v_id from checkin_checkin cc
                where cc.visitor_id = r.visitor_id and cc.venue_id = r.venue_id and cc.checked_out_at is null;
            end if;
            r_checkin := v_id;
        end if;
        return next;
    end loop;
end
$$;

-- A returning visitor's check-in first asks whether they are still checked in at this venue
-- within the same-visit window. Keyed by visitor and time, the index made that walk through every
-- check-in the visitor made in the window at any venue (a courier or an inspector makes dozens);
-- keyed by visitor, venue and time it is one probe. Look-ups by visitor alone (trace by phone,
-- retention, the cascade from a purged visitor) use its first column as before.
create index checkin_checkin_visitor_venue_time on checkin_checkin (visitor_id, venue_id, checked_in_at);
drop index checkin_checkin_visitor_time;

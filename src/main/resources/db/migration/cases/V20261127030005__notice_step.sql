-- The third time-limit step: public notice (通报) to the level above when a case stays overdue
-- for as long again as its whole limit.
alter table cases_case add column noticed_at timestamptz;

-- Issue 22: anyone could answer the satisfaction survey again and again with a fresh browser,
-- and move an accepted town's score, tier and funding.
--
-- 1. Answers are bound to one-time survey codes the county issues (a printed slip per household
--    or a list for a venue): only the code's hash is kept, one answer per code.
create table evaluation_survey_code (
    town_code  varchar(9) not null check (town_code ~ '^[0-9]{9}$'),
    year       int not null,
    code_hash  varchar(64) not null,
    batch      bigint not null,       -- one issue of codes: who, when, how many (the county's record)
    issued_at  timestamptz not null,
    issued_by  text not null,
    used_at    timestamptz,
    primary key (town_code, year, code_hash)
);
create index evaluation_survey_code_batch on evaluation_survey_code (batch);
create sequence evaluation_survey_code_batch_seq;

-- 2. The satisfaction figure is frozen when the county accepts an assessment: later answers
--    never change an accepted or locked result.
alter table evaluation_assessment add column survey_responses int, add column survey_share real;
update evaluation_assessment a set survey_responses = coalesce(t.n, 0), survey_share = t.share
from (select a2.id, count(r.id) as n, avg(r.share) as share
      from evaluation_assessment a2 left join evaluation_survey_response r on r.town_code = a2.town_code and r.year = a2.year
      group by a2.id) t
where t.id = a.id and a.status in ('ACCEPTED', 'LOCKED');

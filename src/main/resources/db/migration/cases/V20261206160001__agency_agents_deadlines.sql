-- 全程代办 made whole: each step of a service type has a limit in working days; a request is
-- assigned to an agent (代办员); the current step's deadline and the reminder/overdue marks are
-- kept on the request so the watch sends each notice once; demo requests are marked.
alter table cases_service_type add column step_days text;   -- working days per step, '|' separated, same order as steps

update cases_service_type set step_days = '1|5|1' where code = 'GENERIC';
update cases_service_type set step_days = '1|3|1' where code = 'INDIVIDUAL_BUSINESS';
update cases_service_type set step_days = '2|5|10|2' where code = 'RURAL_HOUSE';
update cases_service_type set step_days = '1|10|2' where code = 'ELDERLY_ALLOWANCE';

alter table cases_service_request
    add column assignee        varchar(40),          -- the agent's username
    add column assignee_name   varchar(80),
    add column step_started_at timestamptz,
    add column step_deadline   timestamptz,
    add column reminded_at     timestamptz,
    add column overdue_at      timestamptz,
    add column demo            boolean not null default false;

update cases_service_request set step_started_at = updated_at where state = 'OPEN';

alter table cases_service_step add column deadline timestamptz;

create index cases_service_request_due on cases_service_request (step_deadline) where state = 'OPEN';

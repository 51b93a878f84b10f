-- The unit grid (region_grid.code) a case's position lies in, when it lies in one.
alter table cases_case add column grid_code varchar(15);
create index cases_case_grid on cases_case (grid_code) where grid_code is not null;

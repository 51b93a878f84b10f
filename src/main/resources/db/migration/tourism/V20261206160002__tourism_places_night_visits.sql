-- Visitors counted per site and night (the 909 night-economy markets report theirs), and the old
-- filler demo places ("乾潭文旅项目点 01–33（演示）", routes "…01–18（演示）") removed: the demo
-- loader puts plausible, labelled demo places with positions and routes in their stead.
create table tourism_site_visits (
    site_id   bigint not null references tourism_site on delete cascade,
    day       date not null,
    visitors  int not null check (visitors between 0 and 1000000),
    primary key (site_id, day)
);
create index tourism_site_visits_day on tourism_site_visits (day);

delete from tourism_route where demo;
delete from tourism_site where demo;

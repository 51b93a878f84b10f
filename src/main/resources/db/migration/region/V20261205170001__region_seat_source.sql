-- Where each seat position comes from, and who placed it when (the region pages show it).
-- position_source: 'ADCODE' (Vonng/adcode, CC-BY-4.0, loaded with the demo county),
-- 'COUNTY_ADMIN' (县级管理员校正), 'TOWN_STAFF' (placed by town staff); null = not recorded.
alter table region_town add column position_source text,
    add column position_by text, add column position_at timestamptz;
alter table region_village add column position_source text,
    add column position_by text, add column position_at timestamptz;

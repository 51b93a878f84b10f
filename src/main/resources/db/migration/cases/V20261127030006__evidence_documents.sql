-- Evidence is photos and PDF documents: a document has no pixel size but a page count.
alter table cases_photo add column media_type varchar(60) not null default 'image/jpeg';
alter table cases_photo add column pages integer;
alter table cases_photo alter column width drop not null;
alter table cases_photo alter column height drop not null;

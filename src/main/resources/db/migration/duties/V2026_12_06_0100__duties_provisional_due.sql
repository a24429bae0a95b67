-- "Working days" (REQUIREMENTS.md): a working-day deadline that reaches a year whose holiday notice is
-- not loaded is counted Monday to Friday there and kept provisional. What it was counted from and how
-- many working days, so loading the year recomputes it without the catalog (whose overlay may have
-- changed since); both stay null for deadlines that are not counted in working days.
alter table duties_duty add column due_provisional boolean not null default false;
alter table duties_duty add column due_counted_from timestamp with time zone;
alter table duties_duty add column due_working_days int;
-- the banners count the open provisional deadlines, and a load finds those that reach its year
create index duties_duty_provisional on duties_duty (due_provisional, due_date);

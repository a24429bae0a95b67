-- The annual assessment (A12) asks of every duty of a year whether it was done on time, which needs its
-- first submission and whether any submission came late. Both are kept on the duty as each submission is
-- recorded, so a year's tally reads one row per duty instead of probing the submissions twice per duty
-- (3.3 s → well under a second for a million duties on PostgreSQL; bench/README.md).
alter table duties_duty add column first_submitted_at timestamp with time zone;
alter table duties_duty add column submitted_late boolean not null default false;
update duties_duty set
    first_submitted_at = (select min(s.submitted_at) from duties_submission s where s.duty_id = duties_duty.id),
    submitted_late = exists (select 1 from duties_submission s where s.duty_id = duties_duty.id and s.late = true)
  where exists (select 1 from duties_submission s where s.duty_id = duties_duty.id);

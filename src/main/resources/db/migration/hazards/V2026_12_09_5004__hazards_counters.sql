-- Issue 19 point 3 (A11.3, A12): the rectification rate of the year (the dashboard's chart and the annual
-- assessment's hazards item) read counters instead of the year's hazards. One row per unit and month of the
-- effective due date (yyyymm): settled_n the hazards that count whatever the time (closed, or fed back and
-- awaiting verification), waiting_n the others (they count once their effective due time has passed), on_time_n
-- those done on time (HazardOutcomeQueries.ON_TIME). Kept by a trigger in the writing transaction
-- (db/vendor/postgresql, db/vendor/h2); HazardCounters.reconcile() recounts and repairs.
create table hazards_counter (
    org_id      bigint not null,
    due_month   int    not null,
    settled_n   bigint not null default 0,
    waiting_n   bigint not null default 0,
    on_time_n   bigint not null default 0,
    primary key (org_id, due_month)
);
insert into hazards_counter (org_id, due_month, settled_n, waiting_n, on_time_n)
select h.org_id, extract(year from h.effective_due_date) * 100 + extract(month from h.effective_due_date),
       sum(case when h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED' then 1 else 0 end),
       sum(case when h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED' then 0 else 1 end),
       sum(case when h.overdue_at is null and h.status in ('FEEDBACK_SUBMITTED','CLOSED','RISK_ACCEPTED') then 1 else 0 end)
from hazards_hazard h
group by h.org_id, extract(year from h.effective_due_date) * 100 + extract(month from h.effective_due_date);

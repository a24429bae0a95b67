-- Issue 19 point 3: what the compliance matrix needs of the duties, kept per (subject, rule) instead of aggregated
-- over the look-back's duties on every view. Triggers on duties_duty keep it in the writing transaction
-- (V2026_12_11_0601 in db/vendor/postgresql and db/vendor/h2); ComplianceTally counts the same from scratch,
-- compares and rebuilds (the nightly reconcile). A cell whose conditions do not decide it (fixed_status null) is
-- OVERDUE when overdue_n > 0, else DUE when pending_n > 0, else COMPLIANT when closed_due lies in the look-back
-- (ComplianceMatrix.status): the time-based part is a comparison with now at read time, never a write.
create table duties_matrix_tally (
    subject_kind     varchar(16)  not null,
    subject_id       bigint       not null,
    rule_id          varchar(100) not null,
    overdue_n        int          not null default 0,  -- duties in state OVERDUE
    pending_n        int          not null default 0,  -- duties in state OPEN, SUBMITTED or RETURNED
    closed_due       timestamp with time zone,          -- the latest due time of a closed (ACCEPTED, WAIVED) duty
    primary key (subject_kind, subject_id, rule_id)     -- the cells' key order: the matrix joins on it
);

insert into duties_matrix_tally (subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due)
select d.subject_kind, d.subject_id, d.rule_id,
       sum(case when d.state = 'OVERDUE' then 1 else 0 end),
       sum(case when d.state in ('OPEN','SUBMITTED','RETURNED') then 1 else 0 end),
       max(case when d.state not in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end)
from duties_duty d
group by d.subject_kind, d.subject_id, d.rule_id;

-- Issue 19 point 3 (third step): the compliance matrix's counts by status, kept instead of counted over every
-- cell on each view. One row per (subject kind, rule, owner, responsible organisation, class, recurring, latest
-- closed due time) counts the listed cells of that description; triggers on duties_matrix_cell keep it in the
-- writing transaction (V2026_12_12_0604 in db/vendor/postgresql and db/vendor/h2) — the cells task's writes and
-- the duty triggers' alike. A view sums a few thousand rows instead of reading 430,000 cells at 10,000 systems.
-- The status is a function of the row (ComplianceMatrix.SUMMARY_STATUS), the one part that depends on the time
-- (a closed duty leaving the 400-day look-back) being a comparison of closed_due with now at read time.
-- ComplianceTally.reconcile recounts it nightly; rows whose count fell to 0 are deleted there.
create table duties_matrix_summary (
    subject_kind     varchar(16)  not null,
    rule_id          varchar(100) not null,
    org_id           bigint       not null,   -- the subjects' owner (the organisation filter)
    responsible_org  bigint       not null,   -- who must act (the scope); 0: the placeholder rows, seen by everyone (null in the cells)
    cls              varchar(16)  not null,   -- NOT_EVALUABLE, NOT_APPLICABLE: the conditions decided; else OVERDUE, PENDING,
                                              -- CLOSED (a closed duty, none live) or NONE (no duty) by the tally
    recurring        boolean      not null,
    closed_due       timestamp with time zone not null, -- CLOSED: the latest closed due time; else the epoch (a key is never null)
    n                bigint       not null default 0,
    primary key (subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due)
);

insert into duties_matrix_summary (subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due, n)
select subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due, count(*) from (
    select c.subject_kind, c.rule_id, c.org_id, coalesce(c.responsible_org, 0) responsible_org,
           case when c.fixed_status is not null then c.fixed_status when c.overdue_n > 0 then 'OVERDUE' when c.pending_n > 0 then 'PENDING'
                when c.closed_due is not null then 'CLOSED' else 'NONE' end cls,
           c.recurring,
           case when c.fixed_status is null and c.overdue_n = 0 and c.pending_n = 0 and c.closed_due is not null then c.closed_due
                else timestamp with time zone '1970-01-01 00:00:00+00' end closed_due
    from duties_matrix_cell c where c.listed) x
group by subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due;

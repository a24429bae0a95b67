-- Issue 19 point 3 (third step): the tally moves into the cells' rows, so that one row per (subject, rule) carries
-- both what the conditions say (written by the cells task) and what the duties say (overdue_n, pending_n,
-- closed_due, moved by the duty triggers), and the counts by status (duties_matrix_summary, V2026_12_12_0603) can
-- follow each row's change alone: both writers update the same row, so the row's lock orders them and a trigger
-- on this one table sees every change before and after (two tables would need one to read the other's
-- uncommitted state). A row the duties keep for a subject or rule not in the matrix (a system that left the
-- platform, a rule no longer in the catalog) is not listed: its cell columns are null until the cells task lists it.
alter table duties_matrix_cell add column overdue_n int not null default 0;   -- duties in state OVERDUE
alter table duties_matrix_cell add column pending_n int not null default 0;   -- duties in state OPEN, SUBMITTED or RETURNED
alter table duties_matrix_cell add column closed_due timestamp with time zone; -- the latest due time of a closed (ACCEPTED, WAIVED) duty
alter table duties_matrix_cell add column listed boolean not null default false; -- a row of the matrix (the cells task's), not only a tally
update duties_matrix_cell set listed = true;
alter table duties_matrix_cell alter column kind_pos drop not null;
alter table duties_matrix_cell alter column rule_pos drop not null;
alter table duties_matrix_cell alter column subject_name drop not null;
alter table duties_matrix_cell alter column org_id drop not null;
alter table duties_matrix_cell alter column org_name drop not null;
alter table duties_matrix_cell alter column recurring drop not null;

update duties_matrix_cell c set (overdue_n, pending_n, closed_due) = (select t.overdue_n, t.pending_n, t.closed_due from duties_matrix_tally t
        where t.subject_kind = c.subject_kind and t.subject_id = c.subject_id and t.rule_id = c.rule_id)
where exists (select 1 from duties_matrix_tally t where t.subject_kind = c.subject_kind and t.subject_id = c.subject_id and t.rule_id = c.rule_id);

insert into duties_matrix_cell (subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due)
select t.subject_kind, t.subject_id, t.rule_id, t.overdue_n, t.pending_n, t.closed_due from duties_matrix_tally t
where (t.overdue_n <> 0 or t.pending_n <> 0 or t.closed_due is not null)
  and not exists (select 1 from duties_matrix_cell c where c.subject_kind = t.subject_kind and c.subject_id = t.subject_id and c.rule_id = t.rule_id);

-- Issue 19 point 3: duties_matrix_summary follows every write to duties_matrix_cell in the writing transaction —
-- the cells task's and the duty triggers' (V2026_12_12_0601) alike. One statement-level trigger per operation
-- reads the transition tables: each listed row counts -1 in its old class and +1 in its new one, one grouped
-- upsert in key order (so two transactions lock summary rows in the same order); a change that leaves a row in
-- its class (a second open duty, a renamed subject) nets to zero and is skipped. The class is the one of
-- V2026_12_12_0603 (and ComplianceSummaryTrigger on H2, ComplianceTally.SUMMARY_COUNTED for the reconcile).
create or replace function duties_matrix_summary_apply() returns trigger language plpgsql as $$
declare
    source text;
begin
    source := case tg_op
        when 'INSERT' then 'select 1 sign, n.* from duties_summary_new n'
        when 'DELETE' then 'select -1 sign, o.* from duties_summary_old o'
        else 'select -1 sign, o.* from duties_summary_old o union all select 1 sign, n.* from duties_summary_new n' end;
    execute format($q$
    insert into duties_matrix_summary as s (subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due, n)
    select c.subject_kind, c.rule_id, c.org_id, coalesce(c.responsible_org, 0),
           case when c.fixed_status is not null then c.fixed_status when c.overdue_n > 0 then 'OVERDUE' when c.pending_n > 0 then 'PENDING'
                when c.closed_due is not null then 'CLOSED' else 'NONE' end,
           c.recurring,
           case when c.fixed_status is null and c.overdue_n = 0 and c.pending_n = 0 and c.closed_due is not null then c.closed_due
                else timestamp with time zone '1970-01-01 00:00:00+00' end,
           sum(c.sign)
    from (%s) c
    where c.listed
    group by 1, 2, 3, 4, 5, 6, 7
    having sum(c.sign) <> 0
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict (subject_kind, rule_id, org_id, responsible_org, cls, recurring, closed_due) do update set n = s.n + excluded.n
    $q$, source);
    return null;
end
$$;

create trigger duties_matrix_summary_insert after insert on duties_matrix_cell referencing new table as duties_summary_new
    for each statement execute function duties_matrix_summary_apply();
create trigger duties_matrix_summary_update after update on duties_matrix_cell referencing old table as duties_summary_old new table as duties_summary_new
    for each statement execute function duties_matrix_summary_apply();
create trigger duties_matrix_summary_delete after delete on duties_matrix_cell referencing old table as duties_summary_old
    for each statement execute function duties_matrix_summary_apply();

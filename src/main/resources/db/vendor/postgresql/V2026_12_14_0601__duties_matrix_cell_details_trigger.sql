-- Issue 19 point 3 (fourth step): the cells' kept details (V2026_12_14_0600: next due time, newest duty, newest
-- submission, latest due time of an accepted late submission) follow every write to duties_duty and
-- duties_submission in the writing transaction. duties_matrix_details_recount gives the statement that recounts them
-- for a set of keys (run by the trigger function itself: a nested function does not see the transition tables) from
-- the keys' duties (index duties_duty_subject) and their submissions (index duties_submission_duty), writing only
-- the rows whose details changed; the tally function of V2026_12_12_0601 calls it for the keys a statement touched
-- (a row inserted or deleted, or whose key, state or due time changed: a reminder count touches none), and a
-- statement-level trigger on duties_submission for the keys of the submissions' duties. H2: ComplianceTallyTrigger
-- and ComplianceEvidenceTrigger. ComplianceTally.COUNTED is the count from scratch both are checked against.
create or replace function duties_matrix_details_recount(keys text) returns text language plpgsql immutable as $$
begin
    -- the statement's text, executed by the calling trigger function: only it sees its transition tables
    return format($q$
    update duties_matrix_cell t set next_due = x.next_due, latest_duty = x.latest_duty, latest_submission = x.latest_submission,
           late_due = x.late_due
    from (select k.subject_kind, k.subject_id, k.rule_id,
                 (select min(d.due_at) from duties_duty d where d.rule_id = k.rule_id and d.subject_kind = k.subject_kind
                     and d.subject_id = k.subject_id and d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE')) next_due,
                 (select max(d.id) from duties_duty d where d.rule_id = k.rule_id and d.subject_kind = k.subject_kind
                     and d.subject_id = k.subject_id) latest_duty,
                 (select max(s.id) from duties_duty d join duties_submission s on s.duty_id = d.id where d.rule_id = k.rule_id
                     and d.subject_kind = k.subject_kind and d.subject_id = k.subject_id) latest_submission,
                 (select max(d.due_at) from duties_duty d where d.rule_id = k.rule_id and d.subject_kind = k.subject_kind
                     and d.subject_id = k.subject_id and exists (select 1 from duties_submission s where s.duty_id = d.id and s.late
                     and s.decision = 'ACCEPTED')) late_due
          from (select distinct subject_kind, subject_id, rule_id from (%s) keys) k) x
    where t.subject_kind = x.subject_kind and t.subject_id = x.subject_id and t.rule_id = x.rule_id
      and (t.next_due, t.latest_duty, t.latest_submission, t.late_due) is distinct from (x.next_due, x.latest_duty, x.latest_submission, x.late_due)
    $q$, keys);
end
$$;

create or replace function duties_matrix_tally_apply() returns trigger language plpgsql as $$
declare
    source text;
    left_keys text;
begin
    source := case tg_op
        when 'INSERT' then 'select 1 sign, n.subject_kind, n.subject_id, n.rule_id, n.state, n.due_at from duties_tally_new n'
        when 'DELETE' then 'select -1 sign, o.subject_kind, o.subject_id, o.rule_id, o.state, o.due_at from duties_tally_old o'
        else 'select -1 sign, o.subject_kind, o.subject_id, o.rule_id, o.state, o.due_at from duties_tally_old o union all '
             'select 1 sign, n.subject_kind, n.subject_id, n.rule_id, n.state, n.due_at from duties_tally_new n' end;
    execute format($q$
    insert into duties_matrix_cell as t (subject_kind, subject_id, rule_id, overdue_n, pending_n, closed_due)
    select d.subject_kind, d.subject_id, d.rule_id, sum(d.sign * (d.state = 'OVERDUE')::int),
           sum(d.sign * (d.state in ('OPEN','SUBMITTED','RETURNED'))::int),
           max(case when d.sign = 1 and d.state not in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end)
    from (%s) d
    group by 1, 2, 3
    having sum(d.sign * (d.state = 'OVERDUE')::int) <> 0 or sum(d.sign * (d.state in ('OPEN','SUBMITTED','RETURNED'))::int) <> 0
        or max(case when d.sign = 1 and d.state not in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end) is not null
    order by 1, 2, 3
    on conflict (subject_kind, subject_id, rule_id) do update set
        overdue_n = t.overdue_n + excluded.overdue_n, pending_n = t.pending_n + excluded.pending_n,
        closed_due = greatest(t.closed_due, excluded.closed_due)
    $q$, source);
    if tg_op <> 'INSERT' then
        left_keys := 'select o.subject_kind, o.subject_id, o.rule_id from duties_tally_old o '
            'where o.state not in (''OPEN'',''SUBMITTED'',''RETURNED'',''OVERDUE'')';
        if tg_op = 'UPDATE' then
            left_keys := left_keys || ' and not exists (select 1 from duties_tally_new n where n.id = o.id and n.subject_kind = o.subject_kind '
                'and n.subject_id = o.subject_id and n.rule_id = o.rule_id and n.due_at = o.due_at '
                'and n.state not in (''OPEN'',''SUBMITTED'',''RETURNED'',''OVERDUE''))';
        end if;
        execute format($q$
        update duties_matrix_cell t set closed_due = (select max(d.due_at) from duties_duty d where d.rule_id = t.rule_id
               and d.subject_kind = t.subject_kind and d.subject_id = t.subject_id and d.state not in ('OPEN','SUBMITTED','RETURNED','OVERDUE'))
        where (t.subject_kind, t.subject_id, t.rule_id) in (%s)
        $q$, left_keys);
    end if;
    -- the details of the keys a row joined or left (a change of key, state or due time; not a reminder count)
    execute duties_matrix_details_recount(case tg_op
        when 'INSERT' then 'select n.subject_kind, n.subject_id, n.rule_id from duties_tally_new n'
        when 'DELETE' then 'select o.subject_kind, o.subject_id, o.rule_id from duties_tally_old o'
        else 'select o.subject_kind, o.subject_id, o.rule_id from duties_tally_old o where not exists (select 1 from duties_tally_new n '
             'where n.id = o.id and n.subject_kind = o.subject_kind and n.subject_id = o.subject_id and n.rule_id = o.rule_id '
             'and n.state = o.state and n.due_at = o.due_at) union all '
             'select n.subject_kind, n.subject_id, n.rule_id from duties_tally_new n where not exists (select 1 from duties_tally_old o '
             'where n.id = o.id and n.subject_kind = o.subject_kind and n.subject_id = o.subject_id and n.rule_id = o.rule_id '
             'and n.state = o.state and n.due_at = o.due_at)' end);
    return null;
end
$$;

create or replace function duties_matrix_evidence_apply() returns trigger language plpgsql as $$
begin
    execute duties_matrix_details_recount('select d.subject_kind, d.subject_id, d.rule_id from duties_duty d where d.id in ('
        || case tg_op
               when 'INSERT' then 'select n.duty_id from duties_evidence_new n'
               when 'DELETE' then 'select o.duty_id from duties_evidence_old o'
               else 'select o.duty_id from duties_evidence_old o union select n.duty_id from duties_evidence_new n' end
        || ')');
    return null;
end
$$;

create trigger duties_matrix_evidence_insert after insert on duties_submission referencing new table as duties_evidence_new
    for each statement execute function duties_matrix_evidence_apply();
create trigger duties_matrix_evidence_update after update on duties_submission referencing old table as duties_evidence_old new table as duties_evidence_new
    for each statement execute function duties_matrix_evidence_apply();
create trigger duties_matrix_evidence_delete after delete on duties_submission referencing old table as duties_evidence_old
    for each statement execute function duties_matrix_evidence_apply();

-- The existing cells' details, counted once per key in one pass over the duties and one over the submissions
-- (set-based: the same figures as the trigger's recount, without a subquery per cell).
update duties_matrix_cell c set next_due = k.next_due, latest_duty = k.latest_duty, latest_submission = k.latest_submission,
       late_due = k.late_due
from (select d.subject_kind, d.subject_id, d.rule_id,
             min(case when d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end) next_due, max(d.id) latest_duty,
             max(s.latest_submission) latest_submission, max(case when s.late_n > 0 then d.due_at end) late_due
      from duties_duty d left join (select duty_id, max(id) latest_submission,
                                           sum(case when late and decision = 'ACCEPTED' then 1 else 0 end) late_n
                                    from duties_submission group by duty_id) s on s.duty_id = d.id
      group by d.subject_kind, d.subject_id, d.rule_id) k
where k.subject_kind = c.subject_kind and k.subject_id = c.subject_id and k.rule_id = c.rule_id
  and (c.overdue_n <> 0 or c.pending_n <> 0 or c.closed_due is not null);

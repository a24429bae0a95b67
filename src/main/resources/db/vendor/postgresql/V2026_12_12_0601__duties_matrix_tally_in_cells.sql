-- Issue 19 point 3 (third step): the duty triggers of V2026_12_11_0601 now move the tally in the cells' rows
-- (V2026_12_12_0600): the same function, writing duties_matrix_cell instead of duties_matrix_tally. A key with no
-- cell yet is inserted unlisted (listed defaults to false) and listed by the cells task when its subject and rule
-- are in the matrix. The triggers themselves are unchanged.
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
    return null;
end
$$;

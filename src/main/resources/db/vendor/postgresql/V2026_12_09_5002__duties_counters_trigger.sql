-- Issue 19 point 3: duties_counter follows every write to duties_duty in the writing transaction. One
-- statement-level trigger per operation reads the statement's transition tables, so a bulk update of a
-- million rows costs one grouped upsert, not a million; rows whose contribution did not change (a reminder
-- count, an escalation) net to zero and are skipped. The upsert runs in key order, so two transactions lock
-- counter rows in the same order. The contributions are DutyCounters.CONTRIBUTIONS (the rebuild's) with a sign.
create or replace function duties_counter_apply() returns trigger language plpgsql as $$
declare
    source text;
begin
    source := case tg_op
        when 'INSERT' then 'select 1 sign, n.* from duties_counter_new n'
        when 'DELETE' then 'select -1 sign, o.* from duties_counter_old o'
        else 'select -1 sign, o.* from duties_counter_old o union all select 1 sign, n.* from duties_counter_new n' end;
    execute format($q$
    insert into duties_counter as c (org_id, party, rule_id, article, due_month, open_n, returned_n, overdue_n, submitted_n,
                                     accepted_n, waived_n, on_time_n)
    select d.org_id, d.party, d.rule_id, d.article, (extract(year from d.due_date) * 100 + extract(month from d.due_date))::int,
           sum(d.sign * (d.state = 'OPEN')::int), sum(d.sign * (d.state = 'RETURNED')::int),
           sum(d.sign * (d.state = 'OVERDUE')::int), sum(d.sign * (d.state = 'SUBMITTED')::int),
           sum(d.sign * (d.state = 'ACCEPTED')::int), sum(d.sign * (d.state = 'WAIVED')::int),
           sum(d.sign * (coalesce(d.state in ('SUBMITTED','ACCEPTED') and d.overdue_at is null and d.submitted_late = false
               and (d.first_submitted_at <= d.due_at or (d.closed_at is not null and d.closed_at <= d.due_at)), false))::int)
    from (%s) d
    group by 1, 2, 3, 4, 5
    having sum(d.sign * (d.state = 'OPEN')::int) <> 0 or sum(d.sign * (d.state = 'RETURNED')::int) <> 0
        or sum(d.sign * (d.state = 'OVERDUE')::int) <> 0 or sum(d.sign * (d.state = 'SUBMITTED')::int) <> 0
        or sum(d.sign * (d.state = 'ACCEPTED')::int) <> 0 or sum(d.sign * (d.state = 'WAIVED')::int) <> 0
        or sum(d.sign * (coalesce(d.state in ('SUBMITTED','ACCEPTED') and d.overdue_at is null and d.submitted_late = false
               and (d.first_submitted_at <= d.due_at or (d.closed_at is not null and d.closed_at <= d.due_at)), false))::int) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (org_id, party, rule_id, article, due_month) do update set
        open_n = c.open_n + excluded.open_n, returned_n = c.returned_n + excluded.returned_n, overdue_n = c.overdue_n + excluded.overdue_n,
        submitted_n = c.submitted_n + excluded.submitted_n, accepted_n = c.accepted_n + excluded.accepted_n,
        waived_n = c.waived_n + excluded.waived_n, on_time_n = c.on_time_n + excluded.on_time_n
    $q$, source);
    return null;
end
$$;

create trigger duties_counter_insert after insert on duties_duty referencing new table as duties_counter_new
    for each statement execute function duties_counter_apply();
create trigger duties_counter_update after update on duties_duty referencing old table as duties_counter_old new table as duties_counter_new
    for each statement execute function duties_counter_apply();
create trigger duties_counter_delete after delete on duties_duty referencing old table as duties_counter_old
    for each statement execute function duties_counter_apply();

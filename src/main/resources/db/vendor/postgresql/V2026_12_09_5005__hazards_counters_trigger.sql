-- Issue 19 point 3: hazards_counter follows every write to hazards_hazard in the writing transaction, as
-- duties_counter does (V2026_12_09_5002): one statement-level trigger over the transition tables, rows whose
-- contribution did not change net to zero, upserts in key order. The contribution is HazardCounters.CONTRIBUTIONS.
create or replace function hazards_counter_apply() returns trigger language plpgsql as $$
declare
    source text;
begin
    source := case tg_op
        when 'INSERT' then 'select 1 sign, n.* from hazards_counter_new n'
        when 'DELETE' then 'select -1 sign, o.* from hazards_counter_old o'
        else 'select -1 sign, o.* from hazards_counter_old o union all select 1 sign, n.* from hazards_counter_new n' end;
    execute format($q$
    insert into hazards_counter as c (org_id, due_month, settled_n, waiting_n, on_time_n)
    select h.org_id, (extract(year from h.effective_due_date) * 100 + extract(month from h.effective_due_date))::int,
           sum(h.sign * (h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED')::int),
           sum(h.sign * (not (h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED'))::int),
           sum(h.sign * (h.overdue_at is null and h.status in ('FEEDBACK_SUBMITTED','CLOSED','RISK_ACCEPTED'))::int)
    from (%s) h
    group by 1, 2
    having sum(h.sign * (h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED')::int) <> 0
        or sum(h.sign * (not (h.closed_at is not null or h.status = 'FEEDBACK_SUBMITTED'))::int) <> 0
        or sum(h.sign * (h.overdue_at is null and h.status in ('FEEDBACK_SUBMITTED','CLOSED','RISK_ACCEPTED'))::int) <> 0
    order by 1, 2
    on conflict (org_id, due_month) do update set settled_n = c.settled_n + excluded.settled_n,
        waiting_n = c.waiting_n + excluded.waiting_n, on_time_n = c.on_time_n + excluded.on_time_n
    $q$, source);
    return null;
end
$$;

create trigger hazards_counter_insert after insert on hazards_hazard referencing new table as hazards_counter_new
    for each statement execute function hazards_counter_apply();
create trigger hazards_counter_update after update on hazards_hazard referencing old table as hazards_counter_old new table as hazards_counter_new
    for each statement execute function hazards_counter_apply();
create trigger hazards_counter_delete after delete on hazards_hazard referencing old table as hazards_counter_old
    for each statement execute function hazards_counter_apply();

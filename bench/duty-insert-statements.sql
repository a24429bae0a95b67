\timing on
-- one statement per row (what a JDBC batch of one-row inserts does): statement-level triggers run 5,000 times
begin;
do $$
declare s record;
begin
  for s in select id, org_id, name from systems_system order by id limit 5000 loop
    insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, party,
      period_start, triggered_at, due_date, due_at, state, created_at)
    values ('A7.4-monthly|SYSTEM:' || s.id || '|2026-11-01', 'A7.4-monthly', 'A7.4', 'bench', 'SYSTEM', s.id, s.name, s.org_id, 'UNIT',
      date '2026-11-01', now(), date '2026-11-30', now() + interval '1 day', 'OPEN', now())
    on conflict do nothing;
  end loop;
end $$;
rollback;
-- the same 5,000 rows as 10 statements of 500 rows (what insertMissing does now)
begin;
do $$
declare k int;
begin
  for k in 0..9 loop
    insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, party,
      period_start, triggered_at, due_date, due_at, state, created_at)
    select 'A7.4-monthly|SYSTEM:' || s.id || '|2026-11-01', 'A7.4-monthly', 'A7.4', 'bench', 'SYSTEM', s.id, s.name, s.org_id, 'UNIT',
      date '2026-11-01', now(), date '2026-11-30', now() + interval '1 day', 'OPEN', now()
    from (select * from systems_system order by id limit 500 offset k * 500) s
    on conflict do nothing;
  end loop;
end $$;
rollback;

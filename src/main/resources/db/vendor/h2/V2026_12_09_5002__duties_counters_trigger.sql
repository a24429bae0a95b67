-- Issue 19 point 3: duties_counter follows every write to duties_duty in the writing transaction
-- (H2: a Java row trigger; PostgreSQL: db/vendor/postgresql, one statement-level trigger).
create trigger duties_counter_h2 after insert, update, delete on duties_duty for each row call 'cn.govcloud.guard.duties.internal.DutyCounterTrigger';

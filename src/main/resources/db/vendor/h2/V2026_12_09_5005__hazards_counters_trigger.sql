-- Issue 19 point 3: hazards_counter follows every write to hazards_hazard in the writing transaction
-- (H2: a Java row trigger; PostgreSQL: db/vendor/postgresql, one statement-level trigger).
create trigger hazards_counter_h2 after insert, update, delete on hazards_hazard for each row call 'cn.govcloud.guard.hazards.internal.HazardCounterTrigger';

-- Issue 19 point 3: duties_matrix_tally follows every write to duties_duty in the writing transaction
-- (H2: a Java row trigger that recounts the keys a row left and joined; PostgreSQL: db/vendor/postgresql).
create trigger duties_matrix_tally_h2 after insert, update, delete on duties_duty for each row call 'cn.govcloud.guard.duties.internal.ComplianceTallyTrigger';

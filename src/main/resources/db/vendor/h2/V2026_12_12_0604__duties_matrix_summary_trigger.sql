-- Issue 19 point 3: duties_matrix_summary follows every write to duties_matrix_cell in the writing transaction
-- (H2: a Java row trigger; PostgreSQL: db/vendor/postgresql, one statement-level trigger per operation).
create trigger duties_matrix_summary_h2 after insert, update, delete on duties_matrix_cell for each row call 'cn.govcloud.guard.duties.internal.ComplianceSummaryTrigger';

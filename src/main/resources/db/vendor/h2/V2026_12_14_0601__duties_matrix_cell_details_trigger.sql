-- Issue 19 point 3 (fourth step): the cells' kept details (V2026_12_14_0600) follow every write to the submissions
-- in the writing transaction (H2: a Java row trigger recounting the key of the submission's duty); the writes to the
-- duties recount them in ComplianceTallyTrigger (V2026_12_11_0601). PostgreSQL: db/vendor/postgresql.
create trigger duties_matrix_evidence_h2 after insert, update, delete on duties_submission for each row call 'cn.govcloud.guard.duties.internal.ComplianceEvidenceTrigger';

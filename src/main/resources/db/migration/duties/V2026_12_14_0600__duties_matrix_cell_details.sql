-- Issue 19 point 3 (fourth step): what a page of the compliance matrix shows of each row's duties is kept in the
-- cell's row too, so a page is one keyset query on the cells' order index (joined by primary key to the latest
-- duty and the latest submission) rather than an aggregate over the page's duties at view time. Kept by the same
-- triggers as the tally (db/vendor/postgresql and db/vendor/h2, V2026_12_14_0601): on every write to duties_duty
-- and duties_submission the touched keys' four columns are recounted from their duties (index duties_duty_subject).
-- They are kept over all the key's duties; the 400-day look-back is applied at read time (ComplianceMatrix: the
-- latest duty and the latest submission's duty are checked against it, a row whose newest duty or evidence left the
-- look-back — rare — is read from the duties as before). ComplianceTally.COUNTED counts them from scratch too.
alter table duties_matrix_cell add column next_due timestamp with time zone; -- the earliest due time of a live (OPEN, SUBMITTED, RETURNED, OVERDUE) duty
alter table duties_matrix_cell add column latest_duty bigint;                -- the key's newest duty (greatest id)
alter table duties_matrix_cell add column latest_submission bigint;          -- the newest submission (greatest id) to any of the key's duties
alter table duties_matrix_cell add column late_due timestamp with time zone; -- the latest due time of a duty with an accepted late submission
-- The backfill of existing cells is in the vendor migrations V2026_12_14_0601 (set-based on PostgreSQL: a correlated
-- subquery per cell that aggregates the submissions ran for more than six minutes on a city of 1 M duties).

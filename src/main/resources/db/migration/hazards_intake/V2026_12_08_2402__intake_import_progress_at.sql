-- Issue 24 point 7: when a background import last reported progress; one silent for long (its server
-- stopped mid-import, so its transaction was rolled back) reads as failed, not as running forever.
alter table intake_import add column progress_at timestamp with time zone;

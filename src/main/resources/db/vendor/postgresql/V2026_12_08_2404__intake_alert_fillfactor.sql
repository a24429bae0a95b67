-- Issue 19 point 2: room on each page of intake_alert for its groups' updates (HOT updates: no index
-- is written again when only first_at, last_at and event_count change).
alter table intake_alert set (fillfactor = 80);

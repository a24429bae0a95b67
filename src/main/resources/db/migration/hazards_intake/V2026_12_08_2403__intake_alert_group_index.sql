-- Issue 19 point 2: a Suricata group grows by updates of first_at, last_at and event_count; with
-- last_at in an index every such update wrote all seven indexes again. The group is found by its key
-- (a handful of rows per key), the time filtered after: with the key alone indexed the update can stay
-- on its page (PostgreSQL's HOT update; the table keeps room for it, see the PostgreSQL-only migration).
drop index intake_alert_group;
create index intake_alert_group on intake_alert (group_key);

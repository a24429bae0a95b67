-- Issue 10 (A10.2, A11.3): the dashboards count open hazards (closed_at is null) by severity and by age
-- since notified, for the whole city and for one unit.
create index hazards_hazard_open on hazards_hazard (closed_at, severity, notified_at);
create index hazards_hazard_org_open on hazards_hazard (org_id, closed_at, severity, notified_at);
-- the rectification rate of the year: hazards notified in it, by unit
create index hazards_hazard_notified on hazards_hazard (notified_at, org_id);

-- Issue 10 (A10.3): the drills of a half-year on the dashboard. (Incidents by month use the
-- assessment's index on confirmed_at; incidents are few.)
create index incidents_drill_date on incidents_drill (drill_date);

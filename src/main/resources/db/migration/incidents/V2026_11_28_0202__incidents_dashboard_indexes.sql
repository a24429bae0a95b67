-- Issue 10 (A10.3–A10.5): incidents of a year by grade and month, and the drills of a half-year.
create index incidents_incident_confirmed on incidents_incident (confirmed_at, grade);
create index incidents_drill_date on incidents_drill (drill_date);

-- The annual assessment (A12) counts incidents by the year they were confirmed in.
create index incidents_incident_confirmed on incidents_incident (confirmed_at, org_id);

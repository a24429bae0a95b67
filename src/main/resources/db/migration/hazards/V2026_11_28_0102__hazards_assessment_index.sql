-- The annual assessment (A12) counts hazards by the year their effective due date falls in.
create index hazards_hazard_effective_due on hazards_hazard (effective_due_date, org_id);

-- The annual assessment (A12) counts each party's duties by due date across all organisations.
create index duties_duty_party_due_date on duties_duty (party, due_date, org_id);

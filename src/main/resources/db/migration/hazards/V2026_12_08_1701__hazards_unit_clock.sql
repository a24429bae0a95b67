-- issue 17 point 1 (A10.2, A11.3): the unit's clock stops at its written feedback; the warner verifies on
-- its own clock (the follow-up duty raised at feedback); a returned feedback restarts the unit's clock
-- with the duty the catalog raises on the return.
alter table hazards_hazard add column feedback_at timestamp with time zone;
alter table hazards_hazard add column followup_duty_id bigint;
alter table hazards_hazard add column followup_due_at timestamp with time zone;
alter table hazards_hazard add column return_duty_id bigint;

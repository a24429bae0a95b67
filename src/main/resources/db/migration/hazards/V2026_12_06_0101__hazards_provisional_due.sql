-- The hazard's due dates are copies of its duties' (A10.2): the flag travels with them, and a loaded
-- year that moves the duty's date moves these (DutyDueRecomputed).
alter table hazards_hazard add column due_provisional boolean not null default false;

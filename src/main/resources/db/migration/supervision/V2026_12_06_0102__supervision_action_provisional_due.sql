-- A scheduling action's due date is its duty's or its hazard's (A11.3): the flag travels with it.
alter table supervision_action add column due_provisional boolean not null default false;

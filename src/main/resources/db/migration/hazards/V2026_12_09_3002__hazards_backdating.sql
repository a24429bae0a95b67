-- issue 17 point 3 (A10.2, A11.3): a hazard recorded after the fact (a paper notice dated earlier). The
-- notice's own date is kept in stated_notified_at with the notice document; until the supervisor
-- confirms the backdating the clock runs from the record time (notified_at = created_at).
alter table hazards_hazard add column stated_notified_at timestamp with time zone;
alter table hazards_hazard add column notice_document_id bigint;
alter table hazards_hazard add column notice_filename varchar(255);
alter table hazards_hazard add column backdating_status varchar(20);
alter table hazards_hazard add column backdating_decided_by varchar(100);
alter table hazards_hazard add column backdating_decided_at timestamp with time zone;
alter table hazards_hazard add column backdating_reason varchar(2000);

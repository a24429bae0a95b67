-- Issue 23 point 10: the inspection form remembers its inspector. The login of whoever saved a result, so the form can
-- offer the inspector name that person last entered (A11.3 records who inspected; this records who typed it).
alter table supervision_inspection_item add column recorded_by varchar(100);

-- Issue 22 point 3 (A2, 第二条: the government cloud hosts only 非涉密 systems): the unit declares at registration that
-- the system processes no state secrets — the declaration, who declared (the named declarant) and when. A system
-- without it may not ask for admission (409 naming A2). Existing systems are not declared for them: a unit declares.
alter table systems_system add column non_classified boolean default false not null;
alter table systems_system add column non_classified_declarant varchar(100);
alter table systems_system add column non_classified_at timestamp with time zone;
alter table systems_system add column non_classified_by varchar(100);

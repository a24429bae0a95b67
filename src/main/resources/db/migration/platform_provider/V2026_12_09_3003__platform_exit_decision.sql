-- issue 17 point 14 (A5.6 "向主管部门提交申请"): the competent department (the supervisor) decides on the
-- provider's exit application: accepts it or objects, with a reason.
alter table platform_exit add column decision varchar(10);
alter table platform_exit add column decision_reason varchar(2000);
alter table platform_exit add column decided_by varchar(100);
alter table platform_exit add column decided_at timestamp with time zone;

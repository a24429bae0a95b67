-- Issue 17 point 4: whether a system is critical information infrastructure (关键信息基础设施, 关基), as the
-- protection department (保护工作部门) identified it, recorded by the supervisor; rule conditions read it as `cii`.
alter table systems_system add column cii boolean default false not null;
alter table systems_system add column cii_department varchar(200);
alter table systems_system add column cii_recorded_at timestamp with time zone;
alter table systems_system add column cii_recorded_by varchar(100);

-- One period's duty of a recurring rule (the month's scheduling, the quarter's inspection, the year's
-- assessment: A11.3, A12) is found by rule and period, however many duties its subject owes.
create index duties_duty_rule_period on duties_duty (rule_id, period_start);
-- A subject's latest duties (a system's page, an incident's reports on the platform, which owes two duties a day).
create index duties_duty_subject_latest on duties_duty (subject_kind, subject_id, due_at);

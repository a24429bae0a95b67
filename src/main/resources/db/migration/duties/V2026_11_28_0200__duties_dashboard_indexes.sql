-- Issue 10 (A11.3, A12): the dashboards count open and overdue duties by rule, for the whole city and
-- for one organisation. With these, PostgreSQL answers from the index alone however many closed duties
-- a year leaves behind.
create index duties_duty_state_rule on duties_duty (state, rule_id);
create index duties_duty_org_state_rule on duties_duty (org_id, state, rule_id);

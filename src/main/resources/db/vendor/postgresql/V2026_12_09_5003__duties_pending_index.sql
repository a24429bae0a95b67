-- Issue 19 point 3: the annual ranking takes whole settled months from duties_counter and counts only the
-- waiting duties (open, returned, overdue) of the months not settled yet from the duties themselves; this
-- partial index holds just those, so that count is an index-only scan of a few weeks' waiting duties.
create index duties_duty_pending_due on duties_duty (party, due_date, org_id) include (due_at, rule_id, article)
    where state in ('OPEN','RETURNED','OVERDUE');

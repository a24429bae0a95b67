-- Issue 19 point 3 (fourth step): the cells' kept details (V2026_12_14_0600) follow every write to the submissions
-- in the writing transaction (H2: a Java row trigger recounting the key of the submission's duty); the writes to the
-- duties recount them in ComplianceTallyTrigger (V2026_12_11_0601). PostgreSQL: db/vendor/postgresql.
create trigger duties_matrix_evidence_h2 after insert, update, delete on duties_submission for each row call 'cn.govcloud.guard.duties.internal.ComplianceEvidenceTrigger';

-- The existing cells' details (the embedded database of a demo or a small city: one subquery per cell is fine there).
update duties_matrix_cell c set (next_due, latest_duty, latest_submission, late_due) = (
        select min(case when d.state in ('OPEN','SUBMITTED','RETURNED','OVERDUE') then d.due_at end), max(d.id), max(s.latest_submission),
               max(case when s.late_n > 0 then d.due_at end)
        from duties_duty d left join (select duty_id, max(id) latest_submission,
                                             sum(case when late and decision = 'ACCEPTED' then 1 else 0 end) late_n
                                      from duties_submission group by duty_id) s on s.duty_id = d.id
        where d.subject_kind = c.subject_kind and d.subject_id = c.subject_id and d.rule_id = c.rule_id)
where c.overdue_n <> 0 or c.pending_n <> 0 or c.closed_due is not null;

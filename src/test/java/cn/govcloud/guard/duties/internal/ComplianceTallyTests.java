package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.DutyState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 19 point 3 (A13): the compliance matrix's tally per (subject, rule) follows every write to the duties in the
 * writing transaction (a trigger on PostgreSQL and on H2) and agrees with a count from scratch after a series of
 * changes — state changes through the duty store, an extension, a waiver, a reminder, a duty moved to another subject
 * and rule, deletions, a set-based update; a difference is found and repaired by the reconcile path.
 */
@AppTest
class ComplianceTallyTests {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DutyStore store;
    @Autowired
    Submissions submissions;
    @Autowired
    ComplianceTally tally;

    private long duty(long subject, String rule, LocalDate day, String state) {
        String key = "test:tally:" + UUID.randomUUID();
        Instant dueAt = endOf(day);
        jdbc.sql("insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, "
                        + "party, triggered_at, due_date, due_at, state, created_at) values (:key, :rule, 'A7.2', 'test', 'SYSTEM', :s, "
                        + "'计数测试系统', :s, 'UNIT', :at, :due, :dueAt, :state, :at)")
                .param("key", key).param("rule", rule).param("s", subject)
                .param("at", dueAt.minusSeconds(30 * 86_400L).atOffset(ZoneOffset.UTC))
                .param("due", day).param("dueAt", dueAt.atOffset(ZoneOffset.UTC)).param("state", state).update();
        return jdbc.sql("select id from duties_duty where occurrence_key = :key").param("key", key).query(Long.class).single();
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    private List<Object> kept(long subject, String rule) {
        return tally.kept().get("SYSTEM|" + subject + "|" + rule);
    }

    @Test
    void A13_theTallyAgreesWithACountFromScratchAfterASeriesOfChanges() {
        long s = 900_000_000L + (System.nanoTime() % 90_000_000L);
        long other = s + 1;
        LocalDate march10 = LocalDate.parse("2026-03-10");
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(duty(s, i % 2 == 0 ? "A7.2-tally" : "A8.1-tally", march10.plusDays(i * 9L), "OPEN"));
            }
            assertThat(kept(s, "A7.2-tally")).isEqualTo(java.util.Arrays.asList(0L, 3L, null));
            // submitted, accepted: a closed duty's due time is kept
            long first = submissions.insert(ids.get(0), endOf(march10).minusSeconds(3600), "unit", "计数", Map.of(), false);
            assertThat(store.transition(ids.get(0), DutyState.OPEN, DutyState.SUBMITTED, null)).isTrue();
            assertThat(store.transition(ids.get(0), DutyState.SUBMITTED, DutyState.ACCEPTED, endOf(march10))).isTrue();
            assertThat(kept(s, "A7.2-tally")).isEqualTo(java.util.Arrays.asList(0L, 2L, endOf(march10)));
            // the details a page of the matrix shows: the next live due time, the newest duty and submission (issue 19 point 3)
            assertThat(tally.detailsKept().get("SYSTEM|" + s + "|A7.2-tally"))
                    .isEqualTo(java.util.Arrays.asList(endOf(march10.plusDays(18)), ids.get(4), first, null));
            // overdue, submitted late, returned
            Instant late = endOf(march10.plusDays(9)).plusSeconds(60);
            assertThat(store.markOverdue(ids.get(1), late)).isTrue();
            assertThat(kept(s, "A8.1-tally")).isEqualTo(java.util.Arrays.asList(1L, 2L, null));
            submissions.insert(ids.get(1), late.plusSeconds(60), "unit", "计数", Map.of(), true);
            assertThat(store.transition(ids.get(1), DutyState.OVERDUE, DutyState.SUBMITTED, null)).isTrue();
            assertThat(store.transition(ids.get(1), DutyState.SUBMITTED, DutyState.RETURNED, null)).isTrue();
            // a late submission accepted after all (a decision changed on the submission): its due time is kept as a late acceptance
            long lateOne = jdbc.sql("select max(id) from duties_submission where duty_id = :d").param("d", ids.get(1)).query(Long.class).single();
            submissions.decide(lateOne, "ACCEPTED", late.plusSeconds(120), "supervisor", null);
            assertThat(tally.detailsKept().get("SYSTEM|" + s + "|A8.1-tally").get(3)).isEqualTo(endOf(march10.plusDays(9)));
            assertThat(tally.differences()).as("tally and details against a count from scratch").isEmpty();
            // an extension, a waiver (closed: its due time counts), a reminder (no change)
            store.moveDue(ids.get(2), LocalDate.parse("2026-05-20"), endOf(LocalDate.parse("2026-05-20")));
            store.waive(ids.get(4), "测试豁免", "supervisor", endOf(march10));
            jdbc.sql("update duties_duty set reminders_sent = 2 where id = :id").param("id", ids.get(3)).update();
            assertThat(kept(s, "A7.2-tally")).isEqualTo(java.util.Arrays.asList(0L, 1L, endOf(march10.plusDays(36))));
            // the latest closed duty moves to another subject and rule: the key it left recounts its latest closed due time
            jdbc.sql("update duties_duty set subject_id = :other, rule_id = 'A8.2-tally' where id = :id").param("other", other)
                    .param("id", ids.get(4)).update();
            assertThat(kept(s, "A7.2-tally")).isEqualTo(java.util.Arrays.asList(0L, 1L, endOf(march10)));
            assertThat(kept(other, "A8.2-tally")).isEqualTo(java.util.Arrays.asList(0L, 0L, endOf(march10.plusDays(36))));
            // a closed duty reopened (returned after acceptance), one deleted, one set-based update of several rows
            jdbc.sql("update duties_duty set state = 'RETURNED', closed_at = null where id = :id").param("id", ids.get(0)).update();
            assertThat(kept(s, "A7.2-tally")).isEqualTo(java.util.Arrays.asList(0L, 2L, null));
            jdbc.sql("delete from duties_duty where id = :id").param("id", ids.get(5)).update();
            jdbc.sql("update duties_duty set state = 'OVERDUE', overdue_at = :at where subject_id in (:s) and subject_kind = 'SYSTEM' and state in "
                            + "('OPEN', 'RETURNED')").param("at", endOf(LocalDate.parse("2026-06-01")).atOffset(ZoneOffset.UTC))
                    .param("s", List.of(s, other)).update();
            jdbc.sql("update duties_duty set state = 'ACCEPTED', closed_at = due_at where subject_id in (:s) and subject_kind = 'SYSTEM' "
                    + "and rule_id = 'A8.1-tally'").param("s", List.of(s, other)).update();
            assertThat(tally.differences()).as("the tally against a count from scratch").isEmpty();
            assertThat(tally.summaryKept()).as("the summary against a count from scratch").isEqualTo(tally.summaryCounted());
        } finally {
            jdbc.sql("delete from duties_submission where duty_id in (select id from duties_duty where subject_kind = 'SYSTEM' and subject_id in (:s))")
                    .param("s", List.of(s, other)).update();
            jdbc.sql("delete from duties_duty where subject_kind = 'SYSTEM' and subject_id in (:s)").param("s", List.of(s, other)).update();
        }
        // deleting is a change too: nothing of the two subjects is left in the tally
        assertThat(kept(s, "A7.2-tally")).isNull();
        assertThat(kept(other, "A8.2-tally")).isNull();
        assertThat(tally.differences()).isEmpty();
    }

    @Test
    void A13_aTallyThatDiffersIsFoundAndRebuiltByReconcile() {
        long s = 800_000_000L + (System.nanoTime() % 90_000_000L);
        try {
            duty(s, "A7.2-tally", LocalDate.parse("2026-04-10"), "OPEN");
            assertThat(tally.differences()).isEmpty();
            jdbc.sql("update duties_matrix_cell set pending_n = pending_n + 5 where subject_kind = 'SYSTEM' and subject_id = :s")
                    .param("s", s).update();
            assertThat(tally.differences()).hasSize(1);
            assertThat(tally.reconcile()).isEqualTo(1);
            assertThat(tally.differences()).isEmpty();
            assertThat(tally.reconcile()).isZero();
        } finally {
            jdbc.sql("delete from duties_duty where subject_kind = 'SYSTEM' and subject_id = :s").param("s", s).update();
        }
    }
}

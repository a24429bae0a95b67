package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.DutyOutcomes;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 19 point 3 (A11.3 dashboard, A12 ranking): the duty counters follow every state change in its own
 * transaction (a trigger on PostgreSQL and on H2), agree with a count from scratch after a series of changes,
 * and the dashboard's and the ranking's figures read from them are the figures counted from the duties.
 * A difference is found and repaired by the reconcile path.
 */
@AppTest
class DutyCountersTests {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DutyStore store;
    @Autowired
    Submissions submissions;
    @Autowired
    DutyCounters counters;
    @Autowired
    DutyOutcomeQueries outcomes;
    @Autowired
    DutyFiguresQuery figures;

    /** A duty due at the end of {@code day} in Beijing (as the calendar's deadlines are). */
    private long duty(long org, String party, String rule, LocalDate day, String state) {
        String key = "test:counters:" + UUID.randomUUID();
        Instant dueAt = day.plusDays(1).atStartOfDay(ZONE).toInstant();
        jdbc.sql("insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, "
                        + "party, triggered_at, due_date, due_at, state, created_at) values (:key, :rule, 'A7.2', 'test', 'UNIT', :org, "
                        + "'计数测试单位', :org, :party, :at, :due, :dueAt, :state, :at)")
                .param("key", key).param("rule", rule).param("org", org).param("party", party)
                .param("at", dueAt.minusSeconds(30 * 86_400L).atOffset(ZoneOffset.UTC))
                .param("due", day).param("dueAt", dueAt.atOffset(ZoneOffset.UTC)).param("state", state).update();
        return jdbc.sql("select id from duties_duty where occurrence_key = :key").param("key", key).query(Long.class).single();
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    @Test
    void A11_3_A12_countersAgreeWithACountFromScratchAfterASeriesOfStateChanges() {
        long org = 800_000 + (System.nanoTime() % 90_000);
        long other = org + 1;
        try {
            changes(org, other);
            assertThat(counters.differences()).as("counters against a count from scratch").isEmpty();
            figuresAgree(org);
        } finally {
            jdbc.sql("delete from duties_submission where duty_id in (select id from duties_duty where org_id in (:orgs))")
                    .param("orgs", List.of(org, other)).update();
            jdbc.sql("delete from duties_duty where org_id in (:orgs)").param("orgs", List.of(org, other)).update();
        }
        // deleting is a change too: nothing of the two organisations is left in the counters
        assertThat(counters.differences()).isEmpty();
        assertThat(jdbc.sql("select count(*) from duties_counter where org_id in (:orgs) and (open_n <> 0 or returned_n <> 0 or overdue_n <> 0 "
                + "or submitted_n <> 0 or accepted_n <> 0 or waived_n <> 0 or on_time_n <> 0)").param("orgs", List.of(org, other))
                .query(Long.class).single()).isZero();
    }

    private void changes(long org, long other) {
        LocalDate march10 = LocalDate.parse("2026-03-10");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(duty(org, "UNIT", i % 2 == 0 ? "A7.2-count" : "A8.1-count", march10.plusDays(i * 9L), "OPEN"));
        }
        long provider = duty(org, "PROVIDER", "A9.1-count", march10, "OPEN");
        long december = duty(org, "UNIT", "A7.2-count", LocalDate.parse("2026-12-30"), "OPEN");
        // submitted on time, then accepted
        submissions.insert(ids.get(0), endOf(march10).minusSeconds(3600), "unit", "计数", Map.of(), false);
        assertThat(store.transition(ids.get(0), DutyState.OPEN, DutyState.SUBMITTED, null)).isTrue();
        assertThat(store.transition(ids.get(0), DutyState.SUBMITTED, DutyState.ACCEPTED, endOf(march10))).isTrue();
        // overdue, then submitted late, returned, submitted again
        Instant late = endOf(march10.plusDays(9)).plusSeconds(60);
        assertThat(store.markOverdue(ids.get(1), late)).isTrue();
        submissions.insert(ids.get(1), late.plusSeconds(60), "unit", "计数", Map.of(), true);
        assertThat(store.transition(ids.get(1), DutyState.OVERDUE, DutyState.SUBMITTED, null)).isTrue();
        assertThat(store.transition(ids.get(1), DutyState.SUBMITTED, DutyState.RETURNED, null)).isTrue();
        // an extension moves a duty into another month; a waiver; a reminder (no change to any counter)
        store.moveDue(ids.get(2), LocalDate.parse("2026-05-20"), endOf(LocalDate.parse("2026-05-20")));
        store.waive(ids.get(3), "测试豁免", "supervisor", endOf(march10));
        jdbc.sql("update duties_duty set reminders_sent = 2 where id = :id").param("id", ids.get(4)).update();
        // a duty handed to another organisation and another rule, one deleted, one set-based update of several rows
        jdbc.sql("update duties_duty set org_id = :other, rule_id = 'A8.2-count' where id = :id").param("other", other).param("id", ids.get(5)).update();
        jdbc.sql("delete from duties_duty where id = :id").param("id", provider).update();
        jdbc.sql("update duties_duty set state = 'OVERDUE', overdue_at = :at where org_id in (:orgs) and state = 'OPEN' and due_date < :day")
                .param("at", endOf(LocalDate.parse("2026-06-01")).atOffset(ZoneOffset.UTC)).param("orgs", List.of(org, other))
                .param("day", LocalDate.parse("2026-06-01")).update();
        submissions.insert(december, endOf(LocalDate.parse("2026-12-29")), "unit", "计数", Map.of(), false);
        assertThat(store.transition(december, DutyState.OPEN, DutyState.SUBMITTED, null)).isTrue();
    }

    /** The ranking's tally and the dashboard's duties by rule, from the counters, are the figures counted from the duties. */
    private void figuresAgree(long org) {
        List<DutyOutcomes.Selection> selections = new ArrayList<>();
        for (String now : List.of("2026-03-12T00:00:00Z", "2026-05-31T12:00:00Z", "2026-06-02T00:00:00Z", "2026-12-07T02:00:00Z",
                "2027-01-02T00:00:00Z", "2027-03-01T00:00:00Z")) {
            for (Party party : Party.values()) {
                Instant at = Instant.parse(now);
                selections.add(new DutyOutcomes.Selection(party, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), List.of(), List.of(), at));
                selections.add(new DutyOutcomes.Selection(party, LocalDate.parse("2026-03-15"), LocalDate.parse("2026-11-20"), List.of("A7."),
                        List.of(), at));
                selections.add(new DutyOutcomes.Selection(party, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), List.of("A8.1"),
                        List.of("A7.2"), at));
                selections.add(new DutyOutcomes.Selection(party, LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-25"), List.of(), List.of(), at));
            }
        }
        Comparator<DutyOutcomes.Tally> byOrg = Comparator.comparingLong(DutyOutcomes.Tally::orgId);
        for (DutyOutcomes.Selection s : selections) {
            List<DutyOutcomes.Tally> counted = new ArrayList<>(outcomes.tally(s));
            List<DutyOutcomes.Tally> scratch = new ArrayList<>(outcomes.tallyFromScratch(s));
            counted.sort(byOrg);
            scratch.sort(byOrg);
            assertThat(counted).as("tally of %s", s).isEqualTo(scratch);
        }
        assertThat(outcomes.tally(new DutyOutcomes.Selection(Party.UNIT, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), List.of(),
                List.of(), Instant.parse("2026-12-07T02:00:00Z")))).anyMatch(t -> t.orgId() == org);
        Actor supervisor = new Actor(1, "sup", "监管", 1, "市大数据中心", OrgKind.SUPERVISOR, Set.of(Role.SUPERVISOR), Set.of(), false);
        Actor unit = new Actor(2, "unit", "单位", org, "计数测试单位", OrgKind.UNIT, Set.of(Role.UNIT_SECURITY_OFFICER), Set.of(), false);
        for (Actor a : List.of(supervisor, unit)) {
            for (int limit : List.of(3, 10, 100)) {
                assertThat(figures.byRule(a, limit)).as("duties by rule for %s, top %d", a.username(), limit)
                        .isEqualTo(figures.byRuleFromScratch(a, limit));
            }
        }
        assertThat(figures.byRule(unit, 10)).isNotEmpty();
    }

    @Test
    void A12_aCounterThatDiffersIsFoundAndRebuiltByReconcile() {
        long org = 700_000 + (System.nanoTime() % 90_000);
        try {
            duty(org, "UNIT", "A7.2-count", LocalDate.parse("2026-04-10"), "OPEN");
            assertThat(counters.differences()).isEmpty();
            jdbc.sql("update duties_counter set open_n = open_n + 5 where org_id = :org").param("org", org).update();
            assertThat(counters.differences()).hasSize(1);
            assertThat(counters.reconcile()).isEqualTo(1);
            assertThat(counters.differences()).isEmpty();
            assertThat(counters.reconcile()).isZero();
        } finally {
            jdbc.sql("delete from duties_duty where org_id = :org").param("org", org).update();
        }
    }
}

package cn.govcloud.guard.hazards.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.hazards.HazardOutcomes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 19 point 3 (A11.3 dashboard, A12 hazards item): the hazard counters follow every change of a hazard in
 * its own transaction (a trigger on PostgreSQL and on H2), agree with a count from scratch after a series of
 * changes, and the year's rectification tally read from them is the tally counted from the hazards.
 */
@AppTest
class HazardCountersTests {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HazardCounters counters;
    @Autowired
    HazardOutcomeQueries outcomes;

    private static java.time.OffsetDateTime endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant().atOffset(ZoneOffset.UTC);
    }

    private long hazard(long org, LocalDate due) {
        String title = "计数测试隐患-" + System.nanoTime();
        jdbc.sql("insert into hazards_hazard (system_id, system_name, org_id, warner_org_id, raised_by, raised_by_name, title, severity, source, "
                        + "status, notified_at, due_date, due_at, effective_due_date, effective_due_at, created_at) values (1, '计数测试系统', :org, 1, "
                        + "'test', '测试', :title, 'HIGH', 'MANUAL', 'NOTIFIED', :at, :due, :dueAt, :due, :dueAt, :at)")
                .param("org", org).param("title", title).param("at", endOf(due.minusDays(10))).param("due", due).param("dueAt", endOf(due)).update();
        return jdbc.sql("select id from hazards_hazard where title = :t").param("t", title).query(Long.class).single();
    }

    private void set(long id, String assignments, Object... values) {
        var spec = jdbc.sql("update hazards_hazard set " + assignments + " where id = :id").param("id", id);
        for (int i = 0; i < values.length; i++) {
            spec = spec.param("v" + i, values[i]);
        }
        spec.update();
    }

    @Test
    void A11_3_A12_hazardCountersAgreeWithACountFromScratchAfterASeriesOfChanges() {
        long org = 600_000 + (System.nanoTime() % 90_000);
        try {
            LocalDate march10 = LocalDate.parse("2026-03-10");
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(hazard(org, march10.plusDays(i * 11L)));
            }
            long december = hazard(org, LocalDate.parse("2026-12-30"));
            // acknowledged, fed back on time, closed by the warner
            set(ids.get(0), "status = 'ACKNOWLEDGED', acknowledged_at = :v0", endOf(march10.minusDays(9)));
            set(ids.get(0), "status = 'FEEDBACK_SUBMITTED', feedback_at = :v0", endOf(march10.minusDays(1)));
            set(ids.get(0), "status = 'CLOSED', closed_at = :v0, closed_by = 'sup'", endOf(march10.plusDays(3)));
            // overdue, then fed back late
            set(ids.get(1), "status = 'IN_PROGRESS', acknowledged_at = :v0, overdue_at = :v1", endOf(march10), endOf(march10.plusDays(11)));
            set(ids.get(1), "status = 'FEEDBACK_SUBMITTED', feedback_at = :v0", endOf(march10.plusDays(14)));
            // risk accepted; an extension into another month; a return; moved to another unit; deleted
            set(ids.get(2), "status = 'RISK_ACCEPTED', acknowledged_at = :v0, closed_at = :v0", endOf(march10));
            set(ids.get(3), "effective_due_date = :v0, effective_due_at = :v1", LocalDate.parse("2026-06-15"), endOf(LocalDate.parse("2026-06-15")));
            set(ids.get(4), "status = 'RETURNED', acknowledged_at = :v0", endOf(march10));
            set(ids.get(5), "org_id = :v0", org + 1);
            jdbc.sql("delete from hazards_hazard where id = :id").param("id", ids.get(6)).update();
            set(december, "status = 'FEEDBACK_SUBMITTED', acknowledged_at = :v0, feedback_at = :v0", endOf(LocalDate.parse("2026-12-20")));

            assertThat(counters.differences()).as("counters against a count from scratch").isEmpty();
            Comparator<HazardOutcomes.Tally> byOrg = Comparator.comparingLong(HazardOutcomes.Tally::orgId);
            for (String now : List.of("2026-03-12T00:00:00Z", "2026-05-31T12:00:00Z", "2026-06-02T00:00:00Z", "2026-12-07T02:00:00Z",
                    "2027-01-02T00:00:00Z", "2027-03-01T00:00:00Z")) {
                for (LocalDate[] range : List.of(new LocalDate[]{LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")},
                        new LocalDate[]{LocalDate.parse("2026-03-15"), LocalDate.parse("2026-11-20")},
                        new LocalDate[]{LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-25")})) {
                    Instant at = Instant.parse(now);
                    List<HazardOutcomes.Tally> counted = new ArrayList<>(outcomes.tally(range[0], range[1], at));
                    List<HazardOutcomes.Tally> scratch = new ArrayList<>(outcomes.tallyFromScratch(range[0], range[1], at));
                    counted.sort(byOrg);
                    scratch.sort(byOrg);
                    assertThat(counted).as("tally %s..%s at %s", range[0], range[1], now).isEqualTo(scratch);
                }
            }
            assertThat(outcomes.tally(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), Instant.parse("2026-12-07T02:00:00Z")))
                    .anyMatch(t -> t.orgId() == org);
            // a counter that differs is found and rebuilt
            jdbc.sql("update hazards_counter set waiting_n = waiting_n + 3 where org_id = :org and due_month = 202603").param("org", org).update();
            assertThat(counters.differences()).hasSize(1);
            assertThat(counters.reconcile()).isEqualTo(1);
            assertThat(counters.differences()).isEmpty();
        } finally {
            jdbc.sql("delete from hazards_hazard where org_id in (:orgs)").param("orgs", List.of(org, org + 1)).update();
        }
        assertThat(counters.differences()).isEmpty();
    }
}

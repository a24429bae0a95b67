package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.DutyOutcomes;
import cn.govcloud.guard.rules.Rule.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A12: a duty is done on time when submitted by its due time, never overdue and with no late
 * submission. The first submission and the late flag are kept on the duty as each submission is
 * recorded, and the year's tally reads only them.
 */
@AppTest
class DutyOutcomesTests {
    static final Instant DUE = Instant.parse("2026-03-10T16:00:00Z"); // 24:00 on 10 March in Baotou

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Submissions submissions;
    @Autowired
    DutyOutcomes outcomes;

    private long duty(long org, String state) {
        String key = "test:a12:" + UUID.randomUUID();
        jdbc.sql("insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, "
                        + "party, triggered_at, due_date, due_at, state, created_at) values (:key, 'A7.2-test', 'A7.2', 'test', 'UNIT', :org, "
                        + "'考核测试单位', :org, 'UNIT', :at, :due, :dueAt, :state, :at)")
                .param("key", key).param("org", org).param("at", OffsetDateTime.parse("2026-03-01T00:00:00Z"))
                .param("due", LocalDate.parse("2026-03-10")).param("dueAt", DUE.atOffset(ZoneOffset.UTC)).param("state", state).update();
        return jdbc.sql("select id from duties_duty where occurrence_key = :key").param("key", key).query(Long.class).single();
    }

    @Test
    void aDutySubmittedByItsDueTimeIsOnTimeALateOrMissingOneIsNot_A12() {
        long org = 900_000 + (System.nanoTime() % 90_000);
        try {
            check(org);
        } finally {
            // an organisation that does not exist: its duties would only confuse the other tests' lists
            jdbc.sql("delete from duties_submission where duty_id in (select id from duties_duty where org_id = :org)").param("org", org).update();
            jdbc.sql("delete from duties_duty where org_id = :org").param("org", org).update();
        }
    }

    private void check(long org) {
        long onTime = duty(org, "SUBMITTED");
        submissions.insert(onTime, DUE.minusSeconds(3600), "unit", "考核测试", Map.of(), false);
        long late = duty(org, "SUBMITTED");
        submissions.insert(late, DUE.plusSeconds(3600), "unit", "考核测试", Map.of(), true);
        long returnedThenOnTime = duty(org, "ACCEPTED");
        submissions.insert(returnedThenOnTime, DUE.minusSeconds(7200), "unit", "考核测试", Map.of(), false);
        submissions.insert(returnedThenOnTime, DUE.minusSeconds(60), "unit", "考核测试", Map.of(), false);
        long neverDone = duty(org, "OPEN");

        var selection = new DutyOutcomes.Selection(Party.UNIT, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), List.of(),
                List.of(), Instant.parse("2026-04-01T00:00:00Z"));
        var tally = outcomes.tally(selection).stream().filter(t -> t.orgId() == org).findFirst().orElseThrow();
        assertThat(tally.due()).isEqualTo(4);
        assertThat(tally.onTime()).isEqualTo(2);

        var records = outcomes.outcomes(org, selection);
        assertThat(records).extracting(DutyOutcomes.Outcome::id).containsExactlyInAnyOrder(onTime, late, returnedThenOnTime, neverDone);
        assertThat(records).filteredOn(DutyOutcomes.Outcome::onTime).extracting(DutyOutcomes.Outcome::id)
                .containsExactlyInAnyOrder(onTime, returnedThenOnTime);
        // the time shown as done is the first submission
        assertThat(records.stream().filter(r -> r.id() == returnedThenOnTime).findFirst().orElseThrow().doneAt())
                .isEqualTo(DUE.minusSeconds(7200));
        assertThat(records.stream().filter(r -> r.id() == neverDone).findFirst().orElseThrow().doneAt()).isNull();
    }
}

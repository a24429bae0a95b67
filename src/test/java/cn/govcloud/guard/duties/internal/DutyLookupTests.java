package cn.govcloud.guard.duties.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform owes two duties a day, so after a year it owes more duties than any page shows. The
 * workflows that file one period's duty (the month's scheduling, the quarter's inspection, the
 * half-year's drill, the A12 assessment) must find it however many older duties there are.
 */
@AppTest
class DutyLookupTests {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Duties duties;

    @Test
    void aPeriodsDutyIsFoundBehindSixHundredOlderDutiesOfTheSameSubject_A11_3() {
        long subject = 800_000 + (System.nanoTime() % 90_000);
        try {
            for (int i = 0; i < 600; i++) {
                insert(subject, "A5.4-daily-inspection", LocalDate.parse("2025-01-01").plusDays(i), "ACCEPTED");
            }
            insert(subject, "A11.3-monthly-scheduling", LocalDate.parse("2026-11-01"), "OPEN");

            assertThat(duties.ofRuleAndPeriod("A11.3-monthly-scheduling", LocalDate.parse("2026-11-01")))
                    .filteredOn(d -> d.subjectId() == subject).extracting(Duty::ruleId).containsExactly("A11.3-monthly-scheduling");
            assertThat(duties.ofSubjectAndRule(SubjectKind.PLATFORM, subject, "A11.3-monthly-scheduling")).hasSize(1);
            List<Duty> latest = duties.ofSubject(SubjectKind.PLATFORM, subject);
            assertThat(latest).hasSize(500);
            assertThat(latest.get(latest.size() - 1).ruleId()).as("the newest duty is the last, by due time").isEqualTo("A11.3-monthly-scheduling");
        } finally {
            jdbc.sql("delete from duties_duty where subject_kind = 'PLATFORM' and subject_id = :s").param("s", subject).update();
        }
    }

    private void insert(long subject, String rule, LocalDate period, String state) {
        OffsetDateTime due = period.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into duties_duty (occurrence_key, rule_id, article, catalog_version, subject_kind, subject_id, subject_name, org_id, "
                        + "party, period_start, triggered_at, due_date, due_at, state, created_at) values (:key, :rule, 'A5.4', 'test', 'PLATFORM', "
                        + ":s, '测试平台', :s, 'PROVIDER', :period, :due, :dueDate, :due, :state, :due)")
                .param("key", "test:lookup:" + subject + ":" + rule + ":" + period).param("rule", rule).param("s", subject)
                .param("period", period).param("due", due).param("dueDate", period.plusDays(1)).param("state", state).update();
    }
}

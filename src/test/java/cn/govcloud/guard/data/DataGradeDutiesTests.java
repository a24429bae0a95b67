package cn.govcloud.guard.data;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.systems.SystemDataGrades;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A8.2: the half-yearly backup-policy check is owed for exactly the systems whose data catalog holds
 * important or core data (就高从严: the highest grade of their data sets), read from the data module.
 */
@AppTest
class DataGradeDutiesTests {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DutyEngine engine;
    @Autowired
    SystemDataGrades grades;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void backupPolicyCheckIsOwedOnlyForSystemsHoldingImportantOrCoreData_A8_2() {
        List<Long> important = jdbc.sql("select distinct d.system_id from data_dataset d where d.grade in ('CORE', 'IMPORTANT')")
                .query(Long.class).list();
        assertThat(important).as("the demo city catalogues important data").isNotEmpty();
        long graded = jdbc.sql("select min(d.system_id) from data_dataset d join systems_system s on s.id = d.system_id "
                + "where d.grade in ('CORE', 'IMPORTANT') and s.state = 'ADMITTED'").query(Long.class).single();
        assertThat(grades.gradeOf(graded)).isIn("important", "core");
        assertThat(grades.aboveGeneral()).containsKey(graded).doesNotContainValue("general");
        long plain = jdbc.sql("select id from systems_system s where state = 'ADMITTED' and not exists "
                        + "(select 1 from data_dataset d where d.system_id = s.id and d.grade in ('CORE', 'IMPORTANT')) order by id")
                .query(Long.class).list().get(0);
        assertThat(grades.gradeOf(plain)).isEqualTo("general");

        clock.set(Instant.parse("2026-07-06T02:00:00Z"));
        engine.generate(LocalDate.parse("2026-07-06"), LocalDate.parse("2026-07-06"));

        List<Long> owing = jdbc.sql("select subject_id from duties_duty where rule_id = 'A8.2-backup-policy-check' and period_start = :p")
                .param("p", LocalDate.parse("2026-07-01")).query(Long.class).list();
        assertThat(owing).contains(graded).doesNotContain(plain);
        // only admitted, running systems owe per-system duties; every one owing this one holds important or core data
        assertThat(important).containsAll(owing);
    }
}

package cn.govcloud.guard.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Several nodes on one database (DESIGN.md: nodes are stateless), on a private in-memory H2: the
 * product's years are added once however many nodes start, and a year loaded on one node reaches
 * the others through the cheap version check, not only after a restart.
 */
class CalendarNodesUnitTests {
    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    JdbcClient jdbc;
    CalendarYears years;

    /** An audit log that only remembers what it was told. */
    static final class Recorded implements AuditLog {
        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public long countSince(Instant since) {
            return events.size();
        }
    }

    @BeforeEach
    void freshDatabase() {
        var db = new DriverManagerDataSource("jdbc:h2:mem:calendar-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/calendar").load().migrate();
        jdbc = JdbcClient.create(db);
        years = new CalendarYears(jdbc);
    }

    LoadedWorkingCalendar start(Recorded audit, Duration checkInterval) {
        BundledSchedules bundled = new BundledSchedules(years, audit, Clock.fixed(NOW, ZoneOffset.UTC));
        bundled.afterPropertiesSet();
        return new LoadedWorkingCalendar(years, bundled, new CalendarSettings(checkInterval));
    }

    @Test
    void theProductYearsAreAddedOnceHoweverManyNodesStart() {
        Recorded first = new Recorded();
        Recorded second = new Recorded();
        LoadedWorkingCalendar a = start(first, Duration.ofSeconds(5));
        LoadedWorkingCalendar b = start(second, Duration.ofSeconds(5));

        assertThat(a.loadedYears()).containsExactly(2024, 2025, 2026);
        assertThat(b.loadedYears()).containsExactly(2024, 2025, 2026);
        assertThat(first.events).extracting(AuditEvent::target)
                .containsExactly("calendar_year:2024", "calendar_year:2025", "calendar_year:2026");
        assertThat(first.events.get(1).details()).startsWith("added 2025 from the product data: 28 holidays, 5 make-up working days");
        assertThat(second.events).isEmpty();
        assertThat(jdbc.sql("select count(*) from calendar_day where schedule_year = 2026").query(Long.class).single()).isEqualTo(39);
        assertThat(years.list()).extracting(CalendarYears.Summary::loadedBy).containsOnly("system");
    }

    @Test
    void aYearLoadedOnOneNodeReachesTheOthersAtTheirNextCheck() {
        Recorded audit = new Recorded();
        LoadedWorkingCalendar a = start(audit, Duration.ofHours(1));
        LoadedWorkingCalendar b = start(audit, Duration.ZERO); // checks on every call
        LoadedWorkingCalendar c = start(audit, Duration.ofHours(1)); // not due to check for an hour
        Instant newYear2027 = Instant.parse("2027-01-01T02:00:00Z");
        assertThat(b.afterWorkingDays(newYear2027, 1).provisional()).isTrue(); // Monday to Friday: Monday 4 January

        CalendarManagement.Loaded loaded = new CalendarManagement(years, a, List.of(), new BundledSchedules(years, audit, Clock.fixed(NOW, ZoneOffset.UTC)), audit,
                Clock.fixed(NOW, ZoneOffset.UTC))
                .load(2027, ScheduleValidationUnitTests.year2027(), "test");

        assertThat(loaded.replaced()).isFalse();
        assertThat(a.loadedYears()).contains(2027); // the loading node at once
        // Jan 1 (元旦) … Jan 3 (Sunday) are off in the test year: Monday Jan 4
        assertThat(b.afterWorkingDays(newYear2027, 1).dueDate()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(c.loadedYears()).doesNotContain(2027);
        c.refresh();
        assertThat(c.loadedYears()).contains(2027);

        // a replacement changes the version, so the others see it too
        YearEntry e = ScheduleValidationUnitTests.year2027();
        List<YearEntry.Day> holidays = new ArrayList<>(e.holidays());
        holidays.add(new YearEntry.Day("2027-01-04", "元旦"));
        new CalendarManagement(years, a, List.of(), new BundledSchedules(years, audit, Clock.fixed(NOW, ZoneOffset.UTC)), audit,
                Clock.fixed(NOW, ZoneOffset.UTC))
                .load(2027, new YearEntry(e.paper(), holidays, e.workdays()), "test");
        assertThat(b.isWorkingDay(LocalDate.of(2027, 1, 4))).isFalse();
        assertThat(audit.events.get(audit.events.size() - 1).details())
                .startsWith("replaced 2027 (was 9 holidays, 2 make-up working days) with 10 holidays, 2 make-up working days");
    }
}

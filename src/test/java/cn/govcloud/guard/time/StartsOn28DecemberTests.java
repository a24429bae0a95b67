package cn.govcloud.guard.time;

import java.time.LocalDate;
import org.springframework.test.context.TestPropertySource;

/**
 * Monday 28 December 2026, 10:00 in Beijing, with 2027 not loaded: the review's start-up failure. Five
 * working days from today run into 2027: Tue 29, Wed 30, Thu 31, then Fri 1 and Mon 4 January counted
 * as weekdays (provisional); with 1–3 January off in the loaded notice, Tuesday 5 January.
 */
@TestPropertySource(properties = {
        "govguard.test.clock-start=2026-12-28T02:00:00Z",
        "govguard.data-dir=target/test-data-2026-12-28",
        "spring.datasource.url=jdbc:h2:mem:start-2026-12-28;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
class StartsOn28DecemberTests extends StartsOnAnyDateTests {
    @Override
    int missingYear() {
        return 2027;
    }

    @Override
    String notifiedAt() {
        return "2026-12-28T10:00:00+08:00";
    }

    @Override
    LocalDate provisionalDue() {
        return LocalDate.of(2027, 1, 4);
    }

    @Override
    LocalDate exactDue() {
        return LocalDate.of(2027, 1, 5);
    }

    @Override
    String yearNotice() {
        return notice(2027, ", {\"date\": \"2027-01-02\", \"name\": \"元旦\"}, {\"date\": \"2027-01-03\", \"name\": \"元旦\"}");
    }
}

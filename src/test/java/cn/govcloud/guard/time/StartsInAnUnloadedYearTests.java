package cn.govcloud.guard.time;

import java.time.LocalDate;
import org.springframework.test.context.TestPropertySource;

/**
 * Thursday 15 July 2027, in the middle of a year whose notice was never loaded: every working-day
 * deadline is provisional from the start. Five working days from today: Fri 16, Mon 19 … Thu 22 July;
 * the loaded notice (test data) makes Tuesday 20 July a day off, so Friday 23 July.
 */
@TestPropertySource(properties = {
        "govguard.test.clock-start=2027-07-15T02:00:00Z",
        "govguard.data-dir=target/test-data-2027-07-15",
        "spring.datasource.url=jdbc:h2:mem:start-2027-07-15;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
class StartsInAnUnloadedYearTests extends StartsOnAnyDateTests {
    @Override
    int missingYear() {
        return 2027;
    }

    @Override
    String notifiedAt() {
        return "2027-07-15T10:00:00+08:00";
    }

    @Override
    LocalDate provisionalDue() {
        return LocalDate.of(2027, 7, 22);
    }

    @Override
    LocalDate exactDue() {
        return LocalDate.of(2027, 7, 23);
    }

    @Override
    String yearNotice() {
        return notice(2027, ", {\"date\": \"2027-07-20\", \"name\": \"端午节\"}");
    }
}

package cn.govcloud.guard.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Monday 3 March 2031, after the Measures' validity ended on 15 December 2030 (A15) and with 2031 not
 * loaded: the platform keeps working and says so on every page. Five working days: Tue 4 … Mon 10 March;
 * with Wednesday 5 March off in the loaded notice (test data), Tuesday 11 March.
 */
@TestPropertySource(properties = {
        "govguard.test.clock-start=2031-03-03T02:00:00Z",
        "govguard.data-dir=target/test-data-2031-03-03",
        "spring.datasource.url=jdbc:h2:mem:start-2031-03-03;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
class StartsAfterTheCatalogExpiredTests extends StartsOnAnyDateTests {
    @Override
    int missingYear() {
        return 2031;
    }

    @Override
    String notifiedAt() {
        return "2031-03-03T10:00:00+08:00";
    }

    @Override
    LocalDate provisionalDue() {
        return LocalDate.of(2031, 3, 10);
    }

    @Override
    LocalDate exactDue() {
        return LocalDate.of(2031, 3, 11);
    }

    @Override
    String yearNotice() {
        return notice(2031, ", {\"date\": \"2031-03-05\", \"name\": \"清明节\"}");
    }

    @Test
    void everyPageSaysTheMeasuresValidityHasEnded() throws Exception {
        for (String user : new String[] {"supervisor", "unit1", "regulator"}) {
            String home = text(mvc.perform(get("/").with(as(user))).andReturn());
            assertThat(home).contains("id=\"catalog-expired\"").contains("《办法》有效期已于 2030-12-15 届满");
        }
    }
}

package cn.govcloud.guard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 20 point 4: a client's concurrent requests no longer queue on its token's row. The token's last
 * use (and a session's sliding expiry) is written at most every 30 s from one address, not on every request.
 */
@AppTest
class TokenTouchTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    Instant lastUsed(String bearer) {
        return jdbc.sql("select last_used_at from identity_token where id = (select max(id) from identity_token)")
                .query(OffsetDateTime.class).single().toInstant();
    }

    int status(String bearer) throws Exception {
        return mvc.perform(get("/api/v1/systems").header("Authorization", bearer)).andReturn().getResponse().getStatus();
    }

    @Test
    void aTokenUsedAgainWithinThirtySecondsIsNotWrittenAgainButAfterwardsItIs() throws Exception {
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        clock.set(t0);
        String bearer = ApiClient.bearer(mvc, "unit1"); // the newest token
        assertThat(status(bearer)).isEqualTo(200);
        Instant first = lastUsed(bearer);
        clock.set(t0.plus(Duration.ofSeconds(20)));
        assertThat(status(bearer)).isEqualTo(200);
        assertThat(lastUsed(bearer)).isEqualTo(first);
        clock.set(t0.plus(Duration.ofSeconds(61)));
        assertThat(status(bearer)).isEqualTo(200);
        assertThat(lastUsed(bearer)).isEqualTo(t0.plus(Duration.ofSeconds(61)));
    }
}

package cn.govcloud.guard.access;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A8.1: the provider sees a unit's system data only under the unit's grant. */
@AppTest
class DataAccessGrantApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Grants grants;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id desc")
                .param("u", user).query(Long.class).list().get(0);
    }

    long providerOrg() {
        return jdbc.sql("select id from identity_organisation where kind = 'PROVIDER'").query(Long.class).single();
    }

    @Test
    void theProviderReadsAUnitsSystemOnlyUnderTheUnitsGrant_A8_1() throws Exception {
        long system = systemOf("unit2");
        Instant now = clock.instant();
        // no grant: the system is as good as absent for the provider
        assertThat(api.call("provider", get("/api/v1/systems/" + system)).getResponse().getStatus()).isEqualTo(404);
        assertThat(grants.allows(providerOrg(), system, Grants.Purpose.VIEW, now)).isFalse();

        MvcResult requested = api.json("provider", post("/api/v1/data-access/grants"), "{\"systemId\":" + system
                + ",\"purpose\":\"排查数据库性能问题\",\"scope\":[\"VIEW\"],\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plus(Duration.ofDays(2)) + "\"}");
        assertThat(requested.getResponse().getStatus()).as(requested.getResponse().getContentAsString()).isEqualTo(201);
        long id = body(requested).get("id").asLong();
        assertThat(api.call("provider", get("/api/v1/systems/" + system)).getResponse().getStatus()).isEqualTo(404);
        // the unit decides: another unit cannot, the owning unit's officer does
        assertThat(api.json("unit1", post("/api/v1/data-access/grants/" + id + "/decision"), "{\"grant\":true}").getResponse().getStatus())
                .isIn(403, 404);
        assertThat(api.json("unit2", post("/api/v1/data-access/grants/" + id + "/decision"), "{\"grant\":true}").getResponse().getStatus())
                .isEqualTo(200);
        assertThat(grants.allows(providerOrg(), system, Grants.Purpose.VIEW, clock.instant())).isTrue();
        assertThat(grants.allows(providerOrg(), system, Grants.Purpose.COPY, clock.instant())).as("only the granted scope").isFalse();

        MvcResult read = api.call("provider", get("/api/v1/systems/" + system));
        assertThat(read.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(read).get("id").asLong()).isEqualTo(system);
        // the read is recorded under the grant
        assertThat(jdbc.sql("select count(*) from access_data_access where grant_id = :g and source = 'PLATFORM' and violation = false")
                .param("g", id).query(Long.class).single()).isGreaterThanOrEqualTo(1);
        // and the page as well
        // after the window the grant no longer lets it in
        clock.set(now.plus(Duration.ofDays(3)));
        api.forgetTokens();
        assertThat(api.call("provider", get("/api/v1/systems/" + system)).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void anAccessReportedWithoutAnActiveGrantIsAViolationTheSupervisorSeesAtOnce_A8_1() throws Exception {
        long system = systemOf("unit1");
        MvcResult recorded = api.json("provider", post("/api/v1/data-access/accesses"), "{\"systemId\":" + system
                + ",\"purpose\":\"COPY\",\"detail\":\"导出学籍库备份\"}");
        assertThat(recorded.getResponse().getStatus()).isEqualTo(201);
        JsonNode access = body(recorded);
        assertThat(access.get("violation").asBoolean()).isTrue();
        long id = access.get("id").asLong();
        boolean seen = false;
        for (JsonNode a : body(api.call("supervisor", get("/api/v1/data-access/accesses")))) {
            seen |= a.get("id").asLong() == id && a.get("violation").asBoolean();
        }
        assertThat(seen).isTrue();
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key = :k").param("k", "data-access-violation:" + id)
                .query(Long.class).single()).isEqualTo(1);
        // unit2 does not see unit1's accesses
        for (JsonNode a : body(api.call("unit2", get("/api/v1/data-access/accesses")))) {
            assertThat(a.get("id").asLong()).isNotEqualTo(id);
        }
    }
}

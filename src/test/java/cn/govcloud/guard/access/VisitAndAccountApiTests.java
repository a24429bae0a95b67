package cn.govcloud.guard.access;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A9.1 escorted on-site visits and the A7.3 account register with its review. */
@AppTest
class VisitAndAccountApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    }

    long letter(LocalDate from, LocalDate until) throws Exception {
        MvcResult r = api.json("unit1", post("/api/v1/visits"), "{\"systemId\":" + systemOf("unit1") + ",\"purpose\":\"更换故障硬盘\","
                + "\"letterNumber\":\"教授函〔2026〕" + System.nanoTime() % 100000 + "号\",\"validFrom\":\"" + from + "\",\"validUntil\":\"" + until
                + "\",\"visitors\":[{\"realName\":\"王工\",\"idNumber\":\"150102199001011234\",\"mobile\":\"13900001111\"}]}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    @Test
    void aVisitStartsOnlyWithAValidLetterAndAnEscort_andTheIdNumberIsSealedAndMasked_A9_1() throws Exception {
        long id = letter(today(), today().plusDays(1));
        JsonNode visit = body(api.call("provider", get("/api/v1/visits/" + id)));
        assertThat(visit.get("visitors").get(0).get("idNumber").asText()).isEqualTo("1501**********1234");
        assertThat(visit.get("visitors").get(0).get("mobile").asText()).isEqualTo("139****1111");
        assertThat(jdbc.sql("select id_number_sealed from access_visitor where visit_id = :v").param("v", id).query(String.class).single())
                .doesNotContain("150102199001011234");
        // no escort: no entry
        MvcResult noEscort = api.call("provider", post("/api/v1/visits/" + id + "/sign-in"));
        assertThat(noEscort.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(noEscort).get("rule").asText()).isEqualTo("A9.1");
        assertThat(api.json("provider", post("/api/v1/visits/" + id + "/escort"), "{\"escort\":\"李陪同\"}").getResponse().getStatus()).isEqualTo(200);
        assertThat(body(api.call("provider", post("/api/v1/visits/" + id + "/sign-in"))).get("status").asText()).isEqualTo("ON_SITE");
        MvcResult out = api.json("provider", post("/api/v1/visits/" + id + "/sign-out"), "{\"workDone\":\"更换2块硬盘，RAID 重建完成\"}");
        assertThat(body(out).get("status").asText()).isEqualTo("SIGNED_OUT");
        assertThat(body(out).get("signedOutAt").isNull()).isFalse();
        // another unit sees nothing of it
        assertThat(api.call("unit2", get("/api/v1/visits/" + id)).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aLetterNotValidTodayKeepsTheVisitorOut_A9_1() throws Exception {
        long id = letter(today().plusDays(2), today().plusDays(3));
        api.json("provider", post("/api/v1/visits/" + id + "/escort"), "{\"escort\":\"李陪同\"}");
        MvcResult early = api.call("provider", post("/api/v1/visits/" + id + "/sign-in"));
        assertThat(early.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(early).get("rule").asText()).isEqualTo("A9.1");
        MvcResult badId = api.json("unit1", post("/api/v1/visits"), "{\"systemId\":" + systemOf("unit1") + ",\"purpose\":\"x\",\"letterNumber\":\"1\","
                + "\"validFrom\":\"" + today() + "\",\"validUntil\":\"" + today() + "\",\"visitors\":[{\"realName\":\"王工\",\"idNumber\":\"123\",\"mobile\":\"1\"}]}");
        assertThat(badId.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void accountsAreRegisteredReviewedAndFlagged_A7_3() throws Exception {
        long system = systemOf("unit1");
        assertThat(api.json("unit1", put("/api/v1/access/systems/" + system + "/responsible"),
                "{\"person\":\"刘芳\",\"passwordPolicy\":\"12位以上，含大小写数字符号，90天更换\"}").getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json("unit2", put("/api/v1/access/systems/" + system + "/responsible"), "{\"person\":\"x\",\"passwordPolicy\":\"y\"}")
                .getResponse().getStatus()).isEqualTo(404);
        MvcResult created = api.json("unit1staff", post("/api/v1/access/accounts"), "{\"systemId\":" + system + ",\"kind\":\"VPN\",\"accountName\":\"vpn-yangyang\","
                + "\"holder\":\"杨洋\",\"privileges\":\"运维网段 10.1.2.0/24\",\"leastPrivilege\":\"仅运维所需网段\",\"createdOn\":\"" + today().minusDays(30)
                + "\",\"expiresOn\":\"" + today().minusDays(1) + "\"}");
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode account = body(created);
        assertThat(account.get("expired").asBoolean()).isTrue();
        assertThat(account.get("unreviewed").asBoolean()).isTrue();
        long id = account.get("id").asLong();
        assertThat(api.json("unit1staff", post("/api/v1/access/accounts/" + id + "/review"), "{\"decision\":\"CONFIRM\"}").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.json("unit1", post("/api/v1/access/accounts/" + id + "/review"), "{\"decision\":\"REVOKE\"}").getResponse().getStatus())
                .isEqualTo(400);
        JsonNode reviewed = body(api.json("unit1", post("/api/v1/access/accounts/" + id + "/review"), "{\"decision\":\"REVOKE\",\"reason\":\"已过期\"}"));
        assertThat(reviewed.get("revokedAt").isNull()).isFalse();
        assertThat(reviewed.get("unreviewed").asBoolean()).isFalse();
        assertThat(reviewed.get("expired").asBoolean()).as("a revoked account is no longer flagged").isFalse();
        // the register holds no password column at all
        assertThat(jdbc.sql("select count(*) from information_schema.columns where lower(table_name) like 'access_%' and lower(column_name) like '%password'")
                .query(Long.class).single()).isZero();
    }
}

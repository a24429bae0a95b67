package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 17 point 7 (A11.4): suspension switches access off; an exit order's duty is due on the ordered deadline and closes the review. */
@AppTest
class SuspensionTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Autowired
    void client(MockMvc mvc) {
    }

    @Autowired
    JdbcClient jdbc;

    private long admittedWithInternet() throws Exception {
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"暂停测试-%s","mlpsLevel":2,"purpose":"测试","filingNumber":"15020041009-27001","nonClassified":true,"nonClassifiedDeclarant":"张三","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["INTERNET"],"addresses":["10.89.1.5"]}""".formatted(UUID.randomUUID().toString().substring(0, 8)));
        long id = ApiClient.body(r).get("id").asLong();
        api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .param("agreementNumber", "BTZWY-XY-2026-8" + id).param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20"));
        api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"}) {
            var req = multipart("/api/v1/systems/" + id + "/verification/" + kind).file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", PDF));
            if (kind.equals("MLPS_CERTIFICATE")) {
                req.param("certNumber", "DJCP-2026-027").param("certDate", "2026-03-01").param("conclusion", "良").param("validUntil", "2027-03-01")
                        .param("certLevel", "2");
            }
            api.call("unit1", req);
            api.json("supervisor", post("/api/v1/systems/" + id + "/verification/" + kind + "/review"), "{\"accept\":true}");
        }
        for (String m : new String[] {"FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO", "LOCAL_BACKUP", "OFFSITE_BACKUP"}) {
            api.call("unit1", multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true").param("detail", "已部署"));
        }
        assertThat(api.call("supervisor", post("/api/v1/systems/" + id + "/admit")).getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(api.json("supervisor", post("/api/v1/systems/" + id + "/internet-access"), "{\"on\":true,\"reason\":\"经评估同意开通\"}")).get("internetAccess").asBoolean())
                .isTrue();
        api.json("supervisor", post("/api/v1/systems/" + id + "/external-exchange"), "{\"on\":true,\"reason\":\"经评估同意开通\"}");
        return id;
    }

    private String dutyState(long id, String rule) {
        return jdbc.sql("select state from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = :r").param("id", id)
                .param("r", rule).query(String.class).single();
    }

    @Test
    void A11_4_suspensionSwitchesAccessOff_anExitOrderIsDueOnItsDeadlineAndClosesTheReview() throws Exception {
        long id = admittedWithInternet();
        MvcResult suspended = api.json("supervisor", post("/api/v1/systems/" + id + "/suspension"), "{\"reason\":\"重大安全隐患逾期未整改\"}");
        assertThat(suspended.getResponse().getStatus()).as(suspended.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode s = ApiClient.body(suspended);
        assertThat(s.get("internetAccess").asBoolean()).isFalse();
        assertThat(s.get("externalExchange").asBoolean()).isFalse();
        assertThat(dutyState(id, "A11.4-suspension-review")).isEqualTo("OPEN");

        MvcResult ordered = api.json("supervisor", post("/api/v1/systems/" + id + "/exit-order"), "{\"reason\":\"无法整改\",\"deadline\":\"2026-12-11\"}");
        assertThat(ordered.getResponse().getStatus()).as(ordered.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(jdbc.sql("select due_date from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = 'A11.4-ordered-exit'")
                .param("id", id).query(java.time.LocalDate.class).single()).isEqualTo(java.time.LocalDate.parse("2026-12-11"));
        assertThat(dutyState(id, "A11.4-suspension-review")).isEqualTo("ACCEPTED");
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/systems/" + id))).get("timeline").toString()).contains("INTERNET_ACCESS:OFF");
    }
}

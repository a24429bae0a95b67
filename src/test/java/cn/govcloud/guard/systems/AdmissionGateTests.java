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
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 point 8: the admission gate checks what it verifies (A11.2, A7.1), on the admission date (the test clock's
 * 26 November 2026), and refuses with 409 naming the rule; internet access is not recorded as allowed before it is decided.
 */
@AppTest
class AdmissionGateTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final String[] MEASURES = {"FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO", "LOCAL_BACKUP", "OFFSITE_BACKUP"};

    @Autowired
    MockMvc mvc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Autowired
    void client(MockMvc mvc) {
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A system awaiting verification with every item accepted; the certificate's details as given. */
    private long awaitingAdmission(int level, String filing, String conclusion, String validUntil, String certLevel, String... measures)
            throws Exception {
        String name = "准入闸门测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = api.call("unit1", post("/api/v1/systems").contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"%s","mlpsLevel":%d,"purpose":"测试",%s"nonClassified":true,"nonClassifiedDeclarant":"张三","responsibleName":"张三","responsibleMobile":"13812345678",
                 "exposure":["INTERNET"],"addresses":["10.88.%d.5"]}""".formatted(name, level,
                filing == null ? "" : "\"filingNumber\":\"" + filing + "\",", (int) (Math.random() * 200))));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        long id = ApiClient.body(r).get("id").asLong();
        r = api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .param("agreementNumber", "BTZWY-XY-2026-9" + id).param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(api.call("unit1", post("/api/v1/systems/" + id + "/admission")).getResponse().getStatus()).isEqualTo(200);
        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"}) {
            var req = multipart("/api/v1/systems/" + id + "/verification/" + kind).file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", PDF));
            if (kind.equals("MLPS_CERTIFICATE")) {
                req.param("certNumber", "DJCP-2025-017").param("certDate", "2025-11-20").param("conclusion", conclusion)
                        .param("validUntil", validUntil);
                if (certLevel != null) {
                    req.param("certLevel", certLevel);
                }
            }
            r = api.call("unit1", req);
            assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
            r = api.call("supervisor", post("/api/v1/systems/" + id + "/verification/" + kind + "/review").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"accept\":true}"));
            assertThat(r.getResponse().getStatus()).isEqualTo(200);
        }
        for (String m : measures) {
            r = api.call("unit1", multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true").param("detail", "已部署 " + m));
            assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isIn(200, 201);
        }
        return id;
    }

    private JsonNode refused(long id, String rule) throws Exception {
        MvcResult r = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(409);
        JsonNode problem = ApiClient.body(r);
        assertThat(problem.get("rule").asText()).isEqualTo(rule);
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/systems/" + id))).get("status").asText()).isEqualTo("AWAITING_VERIFICATION");
        return problem;
    }

    @Test
    void A11_2_anExpiredCertificateIsRefusedOnTheAdmissionDate() throws Exception {
        long id = awaitingAdmission(3, "15020041009-26001", "良", "2026-11-20", "3", MEASURES);
        assertThat(refused(id, "A11.2").get("detail").asText()).contains("A11.2-admission-check", "过期", "2026-11-20");
    }

    @Test
    void A11_2_aCertificateConcluding差IsRefused() throws Exception {
        long id = awaitingAdmission(3, "15020041009-26002", "差", "2027-11-20", "3", MEASURES);
        assertThat(refused(id, "A11.2").get("detail").asText()).contains("差");
    }

    @Test
    void A11_2_aCertificateOfAnotherLevelOrOfNoStatedLevelIsRefused() throws Exception {
        long other = awaitingAdmission(3, "15020041009-26003", "良", "2027-11-20", "2", MEASURES);
        assertThat(refused(other, "A11.2").get("detail").asText()).contains("第2级", "第3级");
        long unstated = awaitingAdmission(3, "15020041009-26004", "良", "2027-11-20", null, MEASURES);
        assertThat(refused(unstated, "A11.2").get("detail").asText()).contains("未注明保护等级");
        // a level outside 1..5 is bad input, nothing stored
        MvcResult bad = api.call("unit1", multipart("/api/v1/systems/" + unstated + "/verification/MLPS_CERTIFICATE")
                .file(new MockMultipartFile("file", "c.pdf", "application/pdf", PDF)).param("certNumber", "X").param("certDate", "2025-11-20")
                .param("conclusion", "良").param("validUntil", "2027-11-20").param("certLevel", "七"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(bad).get("errors").has("certLevel")).isTrue();
    }

    @Test
    void A11_2_aSystemAtLevel2OrAboveWithoutAFilingNumberIsRefused() throws Exception {
        long id = awaitingAdmission(2, null, "良", "2027-11-20", "2", MEASURES);
        assertThat(refused(id, "A11.2").get("detail").asText()).contains("备案号");
    }

    @Test
    void A7_1_aSystemWithoutTheMinimumProtectionsDeclaredIsRefused_thenAdmittedWithoutInternetRecordedAsAllowed() throws Exception {
        long id = awaitingAdmission(3, "15020041009-26005", "良", "2027-11-20", "3", "FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO");
        assertThat(refused(id, "A7.1").get("detail").asText()).contains("A7.1-protection-declaration", "本地备份", "异地备份")
                .doesNotContain("防火墙");
        for (String m : new String[] {"LOCAL_BACKUP", "OFFSITE_BACKUP"}) {
            api.call("unit1", multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true").param("detail", "每日"));
        }
        MvcResult admitted = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(admitted.getResponse().getStatus()).as(admitted.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode s = ApiClient.body(admitted);
        assertThat(s.get("status").asText()).isEqualTo("ADMITTED");
        assertThat(s.get("internetAccess").asBoolean()).isFalse();
        // the supervisor's A11.2 check records internet access as not (yet) allowed: that is a separate decision
        String evidence = jdbc.sql("select s.fields_json from duties_submission s join duties_duty d on d.id = s.duty_id "
                + "where d.subject_kind = 'SYSTEM' and d.subject_id = :id and d.rule_id = 'A11.2-admission-check'").param("id", id)
                .query(String.class).single();
        assertThat(evidence.replace(" ", "")).contains("\"internetAllowed\":\"false\"").contains("\"decision\":\"准入\"");
    }
}

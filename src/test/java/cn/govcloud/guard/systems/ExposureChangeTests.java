package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23 point 8 (leftover, A11.2): an admitted system registered without INTERNET in its exposure could never be
 * opened to the internet, because the exposure is edited only in a draft. Now the unit asks for an exposure change with
 * a reason, the supervisor approves it (or rejects it with a reason), each step audited and on the timeline, and then
 * the internet switch is possible.
 */
@AppTest
class ExposureChangeTests {
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String[] MEASURES = {"FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO", "LOCAL_BACKUP", "OFFSITE_BACKUP"};

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private final ApiClient api = new ApiClient(() -> mvc);

    /** A level-2 system of unit1, intranet only (GOV_EXTRANET), declared 非涉密 and admitted. */
    private long admittedIntranetOnly() throws Exception {
        String name = "暴露面变更测试-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"%s","mlpsLevel":2,"purpose":"测试","filingNumber":"15020041009-28001","nonClassified":true,"nonClassifiedDeclarant":"张三",
                 "responsibleName":"张三","responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":["10.55.%d.5"]}"""
                .formatted(name, (int) (Math.random() * 200)));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        long id = ApiClient.body(r).get("id").asLong();
        r = api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .param("agreementNumber", "BTZWY-XY-2026-7" + id).param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20"));
        assertThat(r.getResponse().getStatus()).isEqualTo(201);
        assertThat(api.call("unit1", post("/api/v1/systems/" + id + "/admission")).getResponse().getStatus()).isEqualTo(200);
        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"}) {
            var req = multipart("/api/v1/systems/" + id + "/verification/" + kind).file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", PDF));
            if (kind.equals("MLPS_CERTIFICATE")) {
                req.param("certNumber", "DJCP-2026-" + id).param("certDate", "2026-06-20").param("conclusion", "良")
                        .param("validUntil", "2027-06-19").param("certLevel", "2");
            }
            assertThat(api.call("unit1", req).getResponse().getStatus()).isEqualTo(201);
            assertThat(api.call("supervisor", post("/api/v1/systems/" + id + "/verification/" + kind + "/review")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"accept\":true}")).getResponse().getStatus()).isEqualTo(200);
        }
        for (String m : MEASURES) {
            assertThat(api.call("unit1", multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true")
                    .param("detail", "已部署")).getResponse().getStatus()).isIn(200, 201);
        }
        r = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return id;
    }

    @Test
    void A11_2_anAdmittedSystemGetsInternetAccessAfterAnApprovedExposureChange() throws Exception {
        long id = admittedIntranetOnly();
        String internet = "/api/v1/systems/" + id + "/internet-access";
        MvcResult r = api.json("supervisor", post(internet), "{\"on\":true,\"reason\":\"单位申请对公众开放\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("rule").asString()).isEqualTo("A11.2");

        String changes = "/api/v1/systems/" + id + "/exposure-changes";
        // bad input: nothing asked, the same exposure, no reason — 400 naming each field, nothing stored
        r = api.json("unit1", post(changes), "{\"exposure\":[],\"reason\":\" \"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(r).get("errors").propertyNames()).contains("exposure", "reason");
        assertThat(api.json("unit1", post(changes), "{\"exposure\":[\"GOV_EXTRANET\"],\"reason\":\"无变化\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(api.call("unit1", get(changes)))).isEmpty();
        // only the unit asks, and only for its own system
        assertThat(api.json("supervisor", post(changes), "{\"exposure\":[\"INTERNET\"],\"reason\":\"x\"}").getResponse().getStatus()).isEqualTo(403);
        assertThat(api.json("unit2", post(changes), "{\"exposure\":[\"INTERNET\"],\"reason\":\"x\"}").getResponse().getStatus()).isEqualTo(404);

        r = api.json("unit1", post(changes), "{\"exposure\":[\"GOV_EXTRANET\",\"INTERNET\"],\"reason\":\"面向公众提供查询服务\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode change = ApiClient.body(r);
        assertThat(change.get("state").asString()).isEqualTo("PENDING");
        long changeId = change.get("id").asLong();
        // one request at a time; pending, the exposure is unchanged and the switch still refused
        assertThat(api.json("unit1", post(changes), "{\"exposure\":[\"INTERNET\"],\"reason\":\"再次申请\"}").getResponse().getStatus()).isEqualTo(409);
        assertThat(api.json("supervisor", post(internet), "{\"on\":true,\"reason\":\"单位申请对公众开放\"}").getResponse().getStatus()).isEqualTo(409);

        String decision = changes + "/" + changeId + "/decision";
        assertThat(api.json("unit1", post(decision), "{\"approve\":true}").getResponse().getStatus()).isEqualTo(403);
        r = api.json("supervisor", post(decision), "{\"approve\":false,\"note\":\"\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(ApiClient.body(r).get("errors").propertyNames()).contains("note");
        r = api.json("supervisor", post(decision), "{\"approve\":true,\"note\":\"已核实互联网业务需求\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(ApiClient.body(r).get("state").asString()).isEqualTo("APPROVED");
        assertThat(api.json("supervisor", post(decision), "{\"approve\":true}").getResponse().getStatus()).isEqualTo(409);

        JsonNode system = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id)));
        assertThat(system.get("exposure").toString()).contains("INTERNET", "GOV_EXTRANET");
        assertThat(system.get("timeline").toString()).contains("EXPOSURE_CHANGE_REQUESTED", "EXPOSURE_CHANGE_APPROVED");
        assertThat(jdbc.sql("select count(*) from audit_record where action like 'systems.exposure-change.%' and target = :t")
                .param("t", "system:" + id).query(Long.class).single()).isEqualTo(2);

        r = api.json("supervisor", post(internet), "{\"on\":true,\"reason\":\"单位申请对公众开放\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(ApiClient.body(r).get("internetAccess").asBoolean()).isTrue();
        // with internet access on, a change dropping the internet is refused
        r = api.json("unit1", post(changes), "{\"exposure\":[\"GOV_EXTRANET\"],\"reason\":\"收回互联网服务\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void A11_2_theSystemPageCarriesTheRequestAndTheSupervisorsDecision() throws Exception {
        long id = admittedIntranetOnly();
        var unit1 = authentication(DemoActors.authentication(jdbc, "unit1"));
        var supervisor = authentication(DemoActors.authentication(jdbc, "supervisor"));
        assertThat(mvc.perform(get("/systems/" + id).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"exposure-change-form\"");
        MvcResult bad = mvc.perform(post("/systems/" + id + "/exposure-changes").with(unit1).with(csrf()).param("exposure", "INTERNET")).andReturn();
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("id=\"exposure-change-form\"", "is-invalid");
        MvcResult ok = mvc.perform(post("/systems/" + id + "/exposure-changes").with(unit1).with(csrf()).param("exposure", "GOV_EXTRANET")
                .param("exposure", "INTERNET").param("reason", "面向公众提供查询服务")).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/systems/" + id);
        long changeId = jdbc.sql("select id from systems_exposure_change where system_id = :id").param("id", id).query(Long.class).single();
        String page = mvc.perform(get("/systems/" + id).with(supervisor)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("exposure-decision", "面向公众提供查询服务", "待审核");
        MvcResult rejected = mvc.perform(post("/systems/" + id + "/exposure-changes/" + changeId + "/decision").with(supervisor).with(csrf())
                .param("decision", "reject").param("note", "业务需求说明不足")).andReturn();
        assertThat(rejected.getResponse().getRedirectedUrl()).isEqualTo("/systems/" + id);
        assertThat(jdbc.sql("select exposure from systems_system where id = :id").param("id", id).query(String.class).single()).isEqualTo("GOV_EXTRANET");
        assertThat(mvc.perform(get("/systems/" + id).with(unit1)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("已驳回", "业务需求说明不足");
    }
}

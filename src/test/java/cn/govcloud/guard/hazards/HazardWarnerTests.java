package cn.govcloud.guard.hazards;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 point 2 (A10.2, A11.3): every party the Measures name as a warner starts the loop — a regulator for its
 * 整改通知 and a unit for its own findings too; the feedback goes to that warner, copied to the supervisor.
 */
@AppTest
class HazardWarnerTests {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Duties duties;

    private final ApiClient api = new ApiClient(() -> mvc);

    private long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    private long systemOf(String user) {
        return jdbc.sql("select min(id) from systems_system where org_id = :o and state = 'ADMITTED'").param("o", orgOf(user)).query(Long.class).single();
    }

    private long raise(String warner, long system, String title) throws Exception {
        MvcResult r = api.call(warner, post("/api/v1/hazards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"systemId\":" + system + ",\"title\":\"" + title + "\",\"severity\":\"MEDIUM\"}"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    private JsonNode acknowledgeAndFeedBack(long id) throws Exception {
        assertThat(api.call("unit1", post("/api/v1/hazards/" + id + "/acknowledge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"handlerName\":\"张安全\",\"firstMeasures\":\"已处置\"}")).getResponse().getStatus()).isEqualTo(200);
        MvcResult r = api.call("unit1", multipart("/api/v1/hazards/" + id + "/feedback").file(new MockMultipartFile("documents", "整改报告.pdf",
                "application/pdf", PDF)).param("measures", "已修复").param("completedOn", "2026-11-26"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return body(r);
    }

    private long notices(String keyLike, long orgId) {
        return jdbc.sql("select count(*) from notify_notice where notice_key like :k and org_id = :o").param("k", keyLike).param("o", orgId)
                .query(Long.class).single();
    }

    @Test
    void A10_2_aRegulatorWarns_theFeedbackGoesToItCopiedToTheSupervisor_andItVerifies() throws Exception {
        long id = raise("regulator", systemOf("unit1"), "网信办整改通知：门户存在弱口令");
        JsonNode h = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        assertThat(h.get("warnerOrgId").asLong()).isEqualTo(orgOf("regulator"));
        JsonNode fed = acknowledgeAndFeedBack(id);
        assertThat(notices("hazard:" + id + ":feedback:%:warner", orgOf("regulator"))).isEqualTo(1);
        assertThat(notices("hazard:" + id + ":feedback:%", orgOf("supervisor"))).isEqualTo(1);
        Duty verify = duties.find(fed.get("verificationDutyId").asLong()).orElseThrow();
        assertThat(verify.ruleId()).isEqualTo("A11.3-rectification-follow-up-regulator");
        assertThat(verify.orgId()).isEqualTo(orgOf("regulator"));
        // the supervisor, copied, does not decide on another warner's feedback; the regulator does
        assertThat(api.call("supervisor", post("/api/v1/hazards/" + id + "/close").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .getResponse().getStatus()).isEqualTo(409);
        MvcResult closed = api.call("regulator", post("/api/v1/hazards/" + id + "/close").contentType(MediaType.APPLICATION_JSON).content("{}"));
        assertThat(closed.getResponse().getStatus()).as(closed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(body(closed).get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void A10_2_aUnitRecordsItsOwnFinding_theSupervisorVerifies_andNoUnitWarnsAnothersSystem() throws Exception {
        long id = raise("unit1", systemOf("unit1"), "自查发现：备份未加密");
        assertThat(body(api.call("unit1", get("/api/v1/hazards/" + id))).get("warnerOrgId").asLong()).isEqualTo(orgOf("unit1"));
        JsonNode fed = acknowledgeAndFeedBack(id);
        Duty verify = duties.find(fed.get("verificationDutyId").asLong()).orElseThrow();
        assertThat(verify.ruleId()).isEqualTo("A11.3-rectification-follow-up");
        assertThat(verify.orgId()).isEqualTo(orgOf("supervisor"));
        // a unit does not verify its own fix
        assertThat(api.call("unit1", post("/api/v1/hazards/" + id + "/close").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("supervisor", post("/api/v1/hazards/" + id + "/close").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .getResponse().getStatus()).isEqualTo(200);
        // another unit's system is not found for unit2
        MvcResult other = api.call("unit2", post("/api/v1/hazards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"systemId\":" + systemOf("unit1") + ",\"title\":\"越权\",\"severity\":\"LOW\"}"));
        assertThat(other.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void A11_3_aRegulatorIssuesANoticeThroughTheNoticeFlow() throws Exception {
        MvcResult r = api.call("regulator", post("/api/v1/supervision/notices").contentType(MediaType.APPLICATION_JSON).content(
                "{\"kind\":\"网络安全通报\",\"title\":\"关于弱口令问题的通报\",\"body\":\"请各单位自查。\",\"unitIds\":[" + orgOf("unit1") + "]}"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(api.call("provider", post("/api/v1/supervision/notices").contentType(MediaType.APPLICATION_JSON).content("{}")).getResponse().getStatus())
                .isEqualTo(403);
    }
}

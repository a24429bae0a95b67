package cn.govcloud.guard.hazards;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 point 3 (A10.2, A11.3): a hazard recorded after the fact — its paper notice dated before the record —
 * keeps the stated date, but its clock runs from the record until the notice document is attached and the
 * supervisor confirms the date; then it runs from the notice's date. A rejected date leaves the record's clock.
 */
@AppTest
class HazardBackdatingTests {
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    /** Monday 23 November 2026, 10:00 in Baotou; the paper notice is dated Monday 16 November. */
    static final Instant RECORDED = Instant.parse("2026-11-23T02:00:00Z");
    static final String STATED = "2026-11-16T10:00:00+08:00";

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

    private long system() {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "and s.state = 'ADMITTED' order by s.id").query(Long.class).list().get(0);
    }

    private JsonNode raiseBackdated(String warner, String title) throws Exception {
        MvcResult r = api.json(warner, post("/api/v1/hazards"), "{\"systemId\":" + system() + ",\"title\":\"" + title
                + "\",\"severity\":\"HIGH\",\"notifiedAt\":\"" + STATED + "\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return body(r);
    }

    private MvcResult attach(String user, long id) throws Exception {
        return api.call(user, multipart("/api/v1/hazards/" + id + "/notice-document")
                .file(new MockMultipartFile("file", "隐患整改通知书.pdf", "application/pdf", PDF)));
    }

    @Test
    void A10_2_aBackdatedNoticeRunsFromTheRecordUntilTheSupervisorConfirmsItsDate_A11_3() throws Exception {
        clock.set(RECORDED);
        JsonNode raised = raiseBackdated("provider", "补录测试·弱口令");
        long id = raised.get("id").asLong();
        // the clock runs from the record: Monday 23rd + 5 working days = Monday 30th, not the notice's 23rd
        assertThat(raised.get("dueDate").asText()).isEqualTo("2026-11-30");
        assertThat(Instant.parse(raised.get("statedNotifiedAt").asText())).isEqualTo(Instant.parse("2026-11-16T02:00:00Z"));
        assertThat(raised.get("backdating").get("status").asText()).isEqualTo("AWAITING_DOCUMENT");
        // the supervisor is told a backdated notice awaits confirmation
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", "hazard:" + id + ":backdated:%")
                .query(Long.class).single()).isPositive();

        // confirming needs the document (409 naming A10.2); only the supervisor confirms; only the warner attaches
        MvcResult noDocument = api.json("supervisor", post("/api/v1/hazards/" + id + "/backdating"), "{\"confirm\":true}");
        assertThat(noDocument.getResponse().getStatus()).isEqualTo(409);
        assertThat(noDocument.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("A10.2");
        assertThat(api.json("provider", post("/api/v1/hazards/" + id + "/backdating"), "{\"confirm\":true}").getResponse().getStatus()).isEqualTo(403);
        assertThat(attach("unit1", id).getResponse().getStatus()).isEqualTo(409);
        assertThat(api.call("provider", multipart("/api/v1/hazards/" + id + "/notice-document")).getResponse().getStatus()).isEqualTo(400);
        MvcResult attached = attach("provider", id);
        assertThat(attached.getResponse().getStatus()).as(attached.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(body(attached).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.json("supervisor", post("/api/v1/hazards/" + id + "/backdating"), "{}").getResponse().getStatus()).isEqualTo(400);

        MvcResult confirmed = api.json("supervisor", post("/api/v1/hazards/" + id + "/backdating"), "{\"confirm\":true}");
        assertThat(confirmed.getResponse().getStatus()).as(confirmed.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode shown = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        // now from the notice's date: Monday 16th + 5 working days = Monday 23rd
        assertThat(shown.get("dueDate").asText()).isEqualTo("2026-11-23");
        assertThat(Instant.parse(shown.get("notifiedAt").asText())).isEqualTo(Instant.parse("2026-11-16T02:00:00Z"));
        assertThat(shown.get("backdating").get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(shown.get("timeline").toString()).contains("BACKDATING_CONFIRMED");
        assertThat(jdbc.sql("select due_date from duties_duty where id = (select rectify_duty_id from hazards_hazard where id = :id)")
                .param("id", id).query(java.time.LocalDate.class).single()).isEqualTo(java.time.LocalDate.parse("2026-11-23"));
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'hazards.backdating.confirm' and target = :t")
                .param("t", "hazard:" + id).query(Long.class).single()).isEqualTo(1);
        // decided once
        assertThat(api.json("supervisor", post("/api/v1/hazards/" + id + "/backdating"), "{\"confirm\":false,\"reason\":\"x\"}")
                .getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void A10_2_aRejectedDateLeavesTheClockAtTheRecord_andThePageShowsIt() throws Exception {
        clock.set(RECORDED);
        long id = raiseBackdated("supervisor", "补录测试·未确认").get("id").asLong();
        assertThat(attach("supervisor", id).getResponse().getStatus()).isEqualTo(201);
        String page = mvc.perform(get("/hazards/" + id).with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.authentication(cn.govcloud.guard.security.DemoActors.authentication(jdbc, "supervisor")))
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("补录通知", "backdating-form", "待市大数据中心确认");
        assertThat(api.json("supervisor", post("/api/v1/hazards/" + id + "/backdating"), "{\"confirm\":false}").getResponse().getStatus())
                .isEqualTo(400);
        MvcResult rejected = api.json("supervisor", post("/api/v1/hazards/" + id + "/backdating"),
                "{\"confirm\":false,\"reason\":\"通知书无签发单位印章\"}");
        assertThat(rejected.getResponse().getStatus()).isEqualTo(200);
        JsonNode shown = body(api.call("unit1", get("/api/v1/hazards/" + id)));
        assertThat(shown.get("dueDate").asText()).isEqualTo("2026-11-30");
        assertThat(shown.get("backdating").get("status").asText()).isEqualTo("REJECTED");
        assertThat(shown.get("backdating").get("reason").asText()).contains("印章");
    }
}

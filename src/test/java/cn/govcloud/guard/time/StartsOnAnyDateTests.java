package cn.govcloud.guard.time;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.TestDatabase;
import cn.govcloud.guard.duties.DutyEngine;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The whole application started on a date that once stopped it ("Working days" in REQUIREMENTS.md):
 * each subclass starts a fresh application, with its own embedded database and the demo city seeded on
 * that date, and walks the same journey — the city seeds, a unit registers a system, the supervisor
 * notifies a hazard whose five working days reach a year without its holiday notice (provisional), the
 * security administrator owes loading that year, and loading it recomputes the date and fulfils the duty.
 * On H2 only (not tagged "app"): what is tested is the date, and the recomputation's SQL runs on
 * PostgreSQL in {@code ProvisionalDeadlinesTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TestDatabase.Config.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class StartsOnAnyDateTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    DutyEngine engine;

    /** The year whose notice the hazard's five working days reach, not loaded at start. */
    abstract int missingYear();

    /** The start (Beijing time) of the hazard the test notifies, and its due date before and after loading. */
    abstract String notifiedAt();

    abstract LocalDate provisionalDue();

    abstract LocalDate exactDue();

    /** A notice for {@link #missingYear()} (test data, not the real notice). */
    abstract String yearNotice();

    @Test
    void theCityRunsOnThisDateAndLoadingTheMissingYearRecomputesItsDeadlines() throws Exception {
        // the demo city seeded on this date
        assertThat(count("select count(*) from identity_organisation where kind = 'UNIT'")).isEqualTo(8);
        assertThat(count("select count(*) from systems_system")).isGreaterThan(10);
        assertThat(count("select count(*) from hazards_hazard")).isPositive();

        // a unit registers a system: its duties are raised, working-day ones provisional where they reach the missing year
        MvcResult registered = send("unit1", post("/api/v1/systems"), """
                {"name":"日期测试系统","mlpsLevel":3,"purpose":"测试","filingNumber":"15020099999-00002","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":["10.20.1.6"]}""");
        assertThat(registered.getResponse().getStatus()).as(text(registered)).isEqualTo(201);
        long system = body(registered).get("id").asLong();
        assertThat(count("select count(*) from duties_duty where subject_kind = 'SYSTEM' and subject_id = " + system)).isPositive();

        // the supervisor notifies a hazard on it (A10.2): 201 with a provisional due date, counted Monday to Friday
        MvcResult notified = send("supervisor", post("/api/v1/hazards"), """
                {"systemId":%d,"title":"跨年度隐患","severity":"HIGH","notifiedAt":"%s"}""".formatted(system, notifiedAt()));
        assertThat(notified.getResponse().getStatus()).as(text(notified)).isEqualTo(201);
        JsonNode hazard = body(notified);
        assertThat(hazard.get("dueDate").asText()).isEqualTo(provisionalDue().toString());
        assertThat(hazard.get("dueProvisional").asBoolean()).isTrue();
        long id = hazard.get("id").asLong();
        String page = text(mvc.perform(get("/hazards/" + id).with(as("unit1"))).andReturn());
        assertThat(page).contains("due-provisional").contains(missingYear() + " 年放假安排未加载，暂按周一至周五计算");

        // the security administrator owes the missing year (A14-holiday-schedule-load), overdue and escalated by now
        engine.sweep();
        long upkeep = jdbc.sql("select id from duties_duty where rule_id = 'A14-holiday-schedule-load' and reference = :ref and party = 'SECURITY_ADMIN'")
                .param("ref", "calendar-year:" + missingYear()).query(Long.class).single();
        assertThat(jdbc.sql("select state from duties_duty where id = :id").param("id", upkeep).query(String.class).single())
                .isEqualTo("OVERDUE");
        // due on 14 December of the year before: the supervisor is told from the 15th
        assertThat(jdbc.sql("select due_date from duties_duty where id = :id").param("id", upkeep).query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(missingYear() - 1, 12, 14));
        // the sweep (every 30 s in production) escalates a bounded batch each run: a city started mid-year has a backlog
        for (int run = 0; run < 50 && count("select count(*) from duties_duty where escalated_at is not null and id = " + upkeep) == 0; run++) {
            engine.sweep();
        }
        long centre = jdbc.sql("select org_id from identity_user where username = 'supervisor'").query(Long.class).single();
        assertThat(count("select count(*) from notify_notice where org_id = " + centre + " and notice_key like 'duty:" + upkeep + ":escalate:%'"))
                .isEqualTo(1);

        // loading the year recomputes the hazard's date, once, and fulfils the upkeep duty
        MvcResult loaded = send("secadmin", put("/api/v1/calendar/years/" + missingYear()), yearNotice());
        assertThat(loaded.getResponse().getStatus()).as(text(loaded)).isEqualTo(201);
        assertThat(body(loaded).get("provisionalDeadlines").get("recomputed").asInt()).isPositive();
        JsonNode after = body(send("unit1", get("/api/v1/hazards/" + id), null));
        assertThat(after.get("dueDate").asText()).isEqualTo(exactDue().toString());
        assertThat(after.get("dueProvisional").asBoolean()).isFalse();
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A14-holiday-schedule-load' and reference = :ref")
                .param("ref", "calendar-year:" + missingYear()).query(String.class).single()).isEqualTo("ACCEPTED");
        assertThat(count("select count(*) from duties_duty where due_provisional = true and closed_at is null and due_date >= '"
                + missingYear() + "-01-01' and due_date <= '" + missingYear() + "-12-31' and due_counted_from >= '" + missingYear() + "-01-01'"))
                .isZero();
    }

    /** Issue 23 point 13: the demo city's uploaded papers download as real documents, not empty files. */
    @Test
    void theDemoCitysPapersAreRealDocuments() throws Exception {
        long id = count("select min(id) from platform_continuity");
        MvcResult r = send("provider", get("/api/v1/platform/continuity/" + id + "/document"), null);
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        byte[] content = r.getResponse().getContentAsByteArray();
        assertThat(content.length).isGreaterThan(1_000);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(content)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains("灾备", "演示");
        }
    }

    org.springframework.test.web.servlet.request.RequestPostProcessor as(String user) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                cn.govcloud.guard.security.DemoActors.authentication(jdbc, user));
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    MvcResult send(String user, MockHttpServletRequestBuilder request, String content) throws Exception {
        request.header("Authorization", ApiClient.bearer(mvc, user));
        if (content != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(content);
        }
        return mvc.perform(request).andReturn();
    }

    static String text(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** A plausible notice for {@code year}: every festival named, {@code extra} days off on top (test data). */
    static String notice(int year, String extraHolidays) {
        return """
                {"paper": "test data, not a real notice",
                 "holidays": [{"date": "%1$d-01-01", "name": "元旦"}, {"date": "%1$d-02-10", "name": "春节"},
                              {"date": "%1$d-04-05", "name": "清明节"}, {"date": "%1$d-05-01", "name": "劳动节"},
                              {"date": "%1$d-06-16", "name": "端午节"}, {"date": "%1$d-09-20", "name": "中秋节"},
                              {"date": "%1$d-10-01", "name": "国庆节"}%2$s],
                 "workdays": []}""".formatted(year, extraHolidays);
    }
}

package cn.govcloud.guard.duties;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.calendar.CalendarStatus;
import cn.govcloud.guard.calendar.CalendarTestYears;
import cn.govcloud.guard.calendar.internal.LoadedWorkingCalendar;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * "Working days" (REQUIREMENTS.md), A10.2: deadlines that reach a year whose holiday notice is not loaded
 * are provisional, never refused; loading the year recomputes each once — a later exact date applies, an
 * earlier one leaves the announced date standing — audits the change, tells the owner, and the copies
 * (the hazard's date) follow. The test year 2027 (CalendarTestYears) has 1–3 January off and Saturday
 * 20 February as a make-up working day.
 */
@AppTest
class ProvisionalDeadlinesTests {
    @Autowired
    MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    LoadedWorkingCalendar calendar;
    @Autowired
    CalendarStatus status;

    @BeforeEach
    @AfterEach
    void without2027() {
        CalendarTestYears.remove2027(jdbc, calendar);
        clock.reset();
        api.forgetTokens();
    }

    @Test
    void aHazardAcrossTheYearEndIsProvisionalAndLoadingTheYearMovesItToTheExactDate_A10_2() throws Exception {
        clock.set(Instant.parse("2026-12-28T02:00:00Z")); // Monday 10:00 in Beijing
        JsonNode hazard = notify(unit1System(), "跨年整改");
        // Tue 29, Wed 30, Thu 31, then Fri 1 and Mon 4 January counted as weekdays
        assertThat(hazard.get("dueDate").asText()).isEqualTo("2027-01-04");
        assertThat(hazard.get("dueProvisional").asBoolean()).isTrue();
        long hazardId = hazard.get("id").asLong();
        long duty = rectifyDuty(hazardId);
        assertThat(body(api.call("unit1", get("/api/v1/duties/" + duty))).get("dueProvisional").asBoolean()).isTrue();
        assertThat(status.provisionalDeadlines()).isPositive();
        assertThat(page("secadmin", "/")).contains("id=\"home-provisional\"").contains("2027 年放假安排尚未加载");
        assertThat(page("supervisor", "/")).contains("id=\"home-provisional\"");
        assertThat(page("unit1", "/")).doesNotContain("id=\"home-provisional\"");
        assertThat(page("unit1", "/hazards/" + hazardId)).contains("due-provisional").contains("2027 年放假安排未加载，暂按周一至周五计算");

        MvcResult loaded = api.json("secadmin", put("/api/v1/calendar/years/2027"), CalendarTestYears.YEAR_2027);
        assertThat(loaded.getResponse().getStatus()).as(text(loaded)).isEqualTo(201);
        assertThat(body(loaded).get("provisionalDeadlines").get("movedLater").asInt()).isPositive();

        // with 1–3 January off: Tue 29, Wed 30, Thu 31, Mon 4, Tue 5
        JsonNode after = body(api.call("unit1", get("/api/v1/hazards/" + hazardId)));
        assertThat(after.get("dueDate").asText()).isEqualTo("2027-01-05");
        assertThat(after.get("dueAt").asText()).isEqualTo("2027-01-05T16:00:00Z");
        assertThat(after.get("dueProvisional").asBoolean()).isFalse();
        JsonNode dutyAfter = body(api.call("unit1", get("/api/v1/duties/" + duty)));
        assertThat(dutyAfter.get("dueDate").asText()).isEqualTo("2027-01-05");
        assertThat(dutyAfter.get("dueProvisional").asBoolean()).isFalse();
        assertThat(page("unit1", "/hazards/" + hazardId)).doesNotContain("due-provisional");
        // audited with old, new and why; the unit told in its inbox
        assertThat(jdbc.sql("select details from audit_record where action = 'duty.due.recompute' and target = :t")
                .param("t", "duty:" + duty).query(String.class).list())
                .singleElement().asString().contains("2027-01-04 → 2027-01-05").contains("holiday schedule 2027 loaded");
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k and org_id = :org")
                .param("k", "duty:" + duty + ":due-moved:%").param("org", unit1Org()).query(Long.class).single()).isEqualTo(1);

        // loading the year again recomputes nothing twice
        MvcResult again = api.json("secadmin", put("/api/v1/calendar/years/2027"), CalendarTestYears.YEAR_2027);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(again).get("provisionalDeadlines").get("recomputed").asInt()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'duty.due.recompute' and target = :t")
                .param("t", "duty:" + duty).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anEarlierExactDateLeavesTheAnnouncedDateStanding() throws Exception {
        clock.set(Instant.parse("2027-02-18T02:00:00Z")); // Thursday, 2027 not loaded
        JsonNode hazard = notify(unit1System(), "调休前整改");
        // Monday to Friday: Fri 19, Mon 22 … Thu 25
        assertThat(hazard.get("dueDate").asText()).isEqualTo("2027-02-25");
        assertThat(hazard.get("dueProvisional").asBoolean()).isTrue();

        api.json("secadmin", put("/api/v1/calendar/years/2027"), CalendarTestYears.YEAR_2027);

        // the exact date would be Wednesday 24 (Saturday 20 is a working day), earlier than announced: the 25th stands
        JsonNode after = body(api.call("unit1", get("/api/v1/hazards/" + hazard.get("id").asLong())));
        assertThat(after.get("dueDate").asText()).isEqualTo("2027-02-25");
        assertThat(after.get("dueProvisional").asBoolean()).isFalse();
    }

    @Test
    void aDutyMadeOverdueOnlyByItsProvisionalDateIsOpenAgainOnTheLaterExactDate() throws Exception {
        clock.set(Instant.parse("2026-12-28T02:00:00Z"));
        long hazardId = notify(unit1System(), "临时逾期").get("id").asLong();
        long duty = rectifyDuty(hazardId);
        clock.set(Instant.parse("2027-01-05T02:00:00Z")); // past the provisional 4 January
        api.forgetTokens();
        // what the sweep does, for this duty only: the shared database's other open duties are other tests'
        assertThat(jdbc.sql("update duties_duty set state = 'OVERDUE', overdue_at = :now where id = :id and state in ('OPEN','RETURNED') "
                + "and due_at <= :now").param("now", java.time.OffsetDateTime.parse("2027-01-05T02:00:00Z")).param("id", duty).update())
                .isEqualTo(1);
        assertThat(body(api.call("supervisor", get("/api/v1/hazards/" + hazardId))).get("overdue").asBoolean()).isTrue();

        api.json("secadmin", put("/api/v1/calendar/years/2027"), CalendarTestYears.YEAR_2027);

        // due at the end of 5 January on the notice: not late, and never was
        assertThat(state(duty)).isEqualTo("OPEN");
        assertThat(jdbc.sql("select overdue_at from duties_duty where id = :id").param("id", duty).query(Instant.class).optional()).isEmpty();
        JsonNode after = body(api.call("supervisor", get("/api/v1/hazards/" + hazardId)));
        assertThat(after.get("overdue").asBoolean()).isFalse();
        assertThat(after.get("dueDate").asText()).isEqualTo("2027-01-05");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String state(long duty) {
        return jdbc.sql("select state from duties_duty where id = :id").param("id", duty).query(String.class).single();
    }

    private long unit1Org() {
        return jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
    }

    private long unit1System() {
        return jdbc.sql("select min(id) from systems_system where org_id = :org and state = 'ADMITTED'").param("org", unit1Org())
                .query(Long.class).single();
    }

    private long rectifyDuty(long hazardId) {
        return jdbc.sql("select rectify_duty_id from hazards_hazard where id = :id").param("id", hazardId).query(Long.class).single();
    }

    private JsonNode notify(long system, String title) throws Exception {
        MvcResult r = api.json("supervisor", post("/api/v1/hazards"), """
                {"systemId":%d,"title":"%s","severity":"HIGH"}""".formatted(system, title));
        assertThat(r.getResponse().getStatus()).as(text(r)).isEqualTo(201);
        return body(r);
    }

    private String page(String user, String url) throws Exception {
        return text(mvc.perform(get(url).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn());
    }

    private static String text(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}

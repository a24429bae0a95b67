package cn.govcloud.guard.calendar;

import static cn.govcloud.guard.calendar.CalendarTestYears.YEAR_2027;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.calendar.internal.LoadedWorkingCalendar;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.ObjectMapper;

/** The calendar API as API.md fixes it ("Working days", A5.2, A10.2), and loading a year's notice. */
@AppTest
class CalendarApiTests {
    @Autowired
    MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoadedWorkingCalendar calendar;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    @AfterEach
    void without2027() {
        CalendarTestYears.remove2027(jdbc, calendar);
    }

    @Test
    void theDeadlineEndpointAnswersInTheShapeOfApiMd() throws Exception {
        // 17:30 UTC on Sep 30 is already Oct 1 (国庆) in Beijing: Oct 8, 9, make-up Sat 10, 12, 13
        String body = deadline("unit1", "start=2026-09-30T17:30:00Z&workingDays=5").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readValue(body, Map.class)).containsExactly(Map.entry("start", "2026-09-30T17:30:00Z"),
                Map.entry("workingDays", 5), Map.entry("dueDate", "2026-10-13"), Map.entry("dueAt", "2026-10-13T16:00:00Z"),
                Map.entry("provisional", false), Map.entry("missingYears", java.util.List.of()));

        deadline("supervisor", "start=2026-10-01T01:30:00+08:00&calendarDays=90").andExpect(status().isOk())
                .andExpect(jsonPath("$.start").value("2026-09-30T17:30:00Z")).andExpect(jsonPath("$.calendarDays").value(90))
                .andExpect(jsonPath("$.dueDate").value("2026-12-30")).andExpect(jsonPath("$.dueAt").value("2026-12-30T16:00:00Z"));
        deadline("provider", "start=2026-09-30T17:30:00Z&minutes=30").andExpect(status().isOk())
                .andExpect(jsonPath("$.minutes").value(30)).andExpect(jsonPath("$.dueDate").value("2026-10-01"))
                .andExpect(jsonPath("$.dueAt").value("2026-09-30T18:00:00Z"));
        // an unencoded "+08:00" in a query string arrives as " 08:00" and is still read as meant
        deadline("unit2", "start=2026-10-01T01:30:00 08:00&workingDays=1").andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2026-10-08"));
    }

    @Test
    void aDeadlineThroughAYearWithoutItsNoticeIs200ProvisionalNamingTheYear() throws Exception {
        // Monday 1 March 2027 + 5 working days, Monday to Friday: Monday 8 March
        deadline("unit1", "start=2027-03-01T02:00:00Z&workingDays=5").andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2027-03-08")).andExpect(jsonPath("$.dueAt").value("2027-03-08T16:00:00Z"))
                .andExpect(jsonPath("$.provisional").value(true)).andExpect(jsonPath("$.missingYears[0]").value(2027))
                .andExpect(jsonPath("$.missingYears.length()").value(1));
        // calendar days and minutes need no schedule: exact even in 2027
        for (String kind : new String[] {"calendarDays=1", "minutes=30"}) {
            deadline("unit1", "start=2027-03-01T02:00:00Z&" + kind).andExpect(status().isOk())
                    .andExpect(jsonPath("$.provisional").value(false)).andExpect(jsonPath("$.missingYears.length()").value(0));
        }
        // a span that runs from 2026 into 2027: Thu 31 December, then Fri 1 January counted as a weekday
        deadline("unit1", "start=2026-12-30T02:00:00Z&workingDays=2").andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2027-01-01")).andExpect(jsonPath("$.provisional").value(true))
                .andExpect(jsonPath("$.missingYears[0]").value(2027));
    }

    @Test
    void theNoticeTextReadsIntoTheShapePutTakes() throws Exception {
        String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/calendar/notice-reading")
                        .param("year", "2027").header("Authorization", api.tokenOf("secadmin")).contentType(MediaType.TEXT_PLAIN)
                        .content(CalendarPageTests.NOTICE_2027.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.holidays[0].date").value("2027-01-01"))
                .andExpect(jsonPath("$.workdays[0].date").value("2027-02-20")).andExpect(jsonPath("$.notes.length()").value(0))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        // with a paper it loads as read
        load("secadmin", 2027, body.replace("\"paper\":null", "\"paper\":\"测试文号\"")).andExpect(status().isCreated());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/calendar/notice-reading")
                .param("year", "2027").header("Authorization", api.tokenOf("unit1")).contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isForbidden());
    }

    @Test
    void badParametersAre400WithTheField() throws Exception {
        deadline("unit1", "start=2026-05-01T00:00:00Z").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['workingDays|calendarDays|minutes']").value("give exactly one of workingDays, calendarDays, minutes"));
        deadline("unit1", "start=2026-05-01T00:00:00Z&workingDays=1&minutes=3").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['workingDays|calendarDays|minutes']").exists());
        deadline("unit1", "workingDays=1").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.start").exists());
        deadline("unit1", "start=yesterday&workingDays=1").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.start").exists());
        deadline("unit1", "start=2026-05-01T00:00:00&workingDays=1").andExpect(status().isBadRequest()); // no offset
        deadline("unit1", "start=2026-05-01T00:00:00Z&workingDays=-1").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workingDays").exists());
        deadline("unit1", "start=2026-05-01T00:00:00Z&workingDays=five").andExpect(status().isBadRequest());
        deadline("unit1", "start=2026-05-01T00:00:00Z&minutes=99999999999").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.minutes").exists());
        mvc.perform(get("/api/v1/calendar/deadline?start=2026-05-01T00:00:00Z&workingDays=1")).andExpect(status().isUnauthorized());
    }

    @Test
    void theSecurityAdministratorLoads2027AndItsDeadlinesWork() throws Exception {
        deadline("unit1", "start=2027-01-01T02:00:00Z&workingDays=1").andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2027-01-04")).andExpect(jsonPath("$.provisional").value(true));
        load("secadmin", 2027, YEAR_2027).andExpect(status().isCreated()).andExpect(jsonPath("$.result").value("added"))
                .andExpect(jsonPath("$.holidays").value(11)).andExpect(jsonPath("$.workdays").value(2));

        // Jan 1–3 off, Monday Jan 4
        deadline("unit1", "start=2027-01-01T02:00:00Z&workingDays=1").andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2027-01-04")).andExpect(jsonPath("$.dueAt").value("2027-01-04T16:00:00Z"))
                .andExpect(jsonPath("$.provisional").value(false));
        // across the year end: Dec 31 (Thu), then Jan 4
        deadline("unit1", "start=2026-12-30T02:00:00Z&workingDays=2").andExpect(status().isOk())
                .andExpect(jsonPath("$.dueDate").value("2027-01-04"));
        // the make-up Saturday counts
        deadline("unit1", "start=2027-02-19T02:00:00Z&workingDays=1").andExpect(jsonPath("$.dueDate").value("2027-02-20"));

        mvc.perform(get("/api/v1/calendar/years").header("Authorization", api.tokenOf("unit1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].year").value(org.hamcrest.Matchers.hasItems(2024, 2025, 2026, 2027)));
        mvc.perform(get("/api/v1/calendar/years/2027").header("Authorization", api.tokenOf("unit2")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.loadedBy").value("secadmin"))
                .andExpect(jsonPath("$.source").value("API"))
                .andExpect(jsonPath("$.holidays[0].date").value("2027-01-01")).andExpect(jsonPath("$.holidays[0].name").value("元旦"))
                .andExpect(jsonPath("$.workdays[1].date").value("2027-09-26"));
        assertThat(auditDetails()).anyMatch(d -> d.startsWith("added 2027: 11 holidays, 2 make-up working days"));

        // replacing a loaded year is allowed and audited as such
        String fewer = YEAR_2027.replace(", {\"date\": \"2027-09-26\", \"name\": \"国庆节\"}", "");
        load("secadmin", 2027, fewer).andExpect(status().isOk()).andExpect(jsonPath("$.result").value("replaced"))
                .andExpect(jsonPath("$.workdays").value(1));
        assertThat(auditDetails()).anyMatch(d -> d.startsWith("replaced 2027 (was 11 holidays, 2 make-up working days) with 11 holidays, 1 make-up"));
        assertThat(jdbc.sql("select count(*) from calendar_day where schedule_year = 2027").query(Long.class).single()).isEqualTo(12);
    }

    @Test
    void aWrongYearIs400NamingEachFieldAndChangesNothing() throws Exception {
        String before2026 = CalendarTestYears.snapshot(jdbc, 2026);
        String weekdayMakeUp = YEAR_2027.replace("2027-02-20", "2027-02-17"); // a Wednesday
        load("secadmin", 2027, weekdayMakeUp).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors['workdays[0].date']").value(org.hamcrest.Matchers.containsString("Saturday or a Sunday")));
        String twice = YEAR_2027.replace("2027-01-03", "2027-01-02");
        load("secadmin", 2027, twice).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['holidays[2].date']").value(org.hamcrest.Matchers.containsString("listed twice")));
        String otherYear = YEAR_2027.replace("2027-06-09", "2026-06-09");
        load("secadmin", 2027, otherYear).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['holidays[8].date']").value("2026-06-09 is not in 2027"));
        String noMidAutumn = YEAR_2027.replace("中秋节", "重阳节");
        load("secadmin", 2027, noMidAutumn).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.holidays").value("the year is incomplete: no holiday is named 中秋节"));
        load("secadmin", 2027, "{\"paper\": 1, \"holidays\": ").andExpect(status().isBadRequest());
        load("secadmin", 2027, "{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.paper").exists())
                .andExpect(jsonPath("$.errors.holidays").exists());
        assertThat(CalendarTestYears.rows(jdbc, 2027)).isZero();

        // a bad replacement of a loaded year leaves the loaded one exactly as it was
        load("secadmin", 2026, YEAR_2027).andExpect(status().isBadRequest());
        assertThat(CalendarTestYears.snapshot(jdbc, 2026)).isEqualTo(before2026);
        deadline("unit1", "start=2026-09-30T17:30:00Z&workingDays=5").andExpect(jsonPath("$.dueDate").value("2026-10-13"));
    }

    @Test
    void onlyTheSecurityAdministratorLoadsAYear() throws Exception {
        load("unit1", 2027, YEAR_2027).andExpect(status().isForbidden());
        load("sysadmin", 2027, YEAR_2027).andExpect(status().isForbidden());
        load("supervisor", 2027, YEAR_2027).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/calendar/years/2027").contentType(MediaType.APPLICATION_JSON).content(YEAR_2027))
                .andExpect(status().isUnauthorized());
        assertThat(CalendarTestYears.rows(jdbc, 2027)).isZero();
        mvc.perform(get("/api/v1/calendar/years/2027").header("Authorization", api.tokenOf("unit1")))
                .andExpect(status().isNotFound());
    }

    /** The query's parameters as they arrive decoded ("a=1&b=2", nothing percent-encoded). */
    private ResultActions deadline(String user, String query) throws Exception {
        var request = get("/api/v1/calendar/deadline").header("Authorization", api.tokenOf(user));
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            request.param(kv[0], kv[1]);
        }
        return mvc.perform(request);
    }

    private ResultActions load(String user, int year, String body) throws Exception {
        return mvc.perform(put("/api/v1/calendar/years/" + year).header("Authorization", api.tokenOf(user))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private java.util.List<String> auditDetails() {
        return jdbc.sql("select details from audit_record where action = 'calendar.year.load' and target = 'calendar_year:2027'")
                .query(String.class).list();
    }
}

package cn.govcloud.guard.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The list filters the dashboard drills down to (A10.2 hazards, A10.3 drills, A10.4/A10.5 incidents), shown in each list's filter form. */
@AppTest
class DrillDownFilterTests {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private String html(String user, String path) throws Exception {
        var r = mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String refused(String path) throws Exception {
        var r = mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, "supervisor")))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(400);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private void hazard(long org, long system, String title, Instant notified, boolean closed) {
        OffsetDateTime at = notified.atOffset(ZoneOffset.UTC);
        OffsetDateTime due = notified.plus(Duration.ofDays(7)).atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into hazards_hazard (system_id, system_name, org_id, warner_org_id, raised_by, raised_by_name, title, severity, source, "
                        + "status, notified_at, due_date, due_at, effective_due_date, effective_due_at, acknowledged_at, closed_at, created_at) "
                        + "values (:s, '过滤测试系统', :o, :o, 'supervisor', '监管', :t, 'MEDIUM', 'MANUAL', :status, :at, :dd, :due, :dd, :due, "
                        + ":ack, :closed, :at)")
                .param("s", system).param("o", org).param("t", title).param("status", closed ? "CLOSED" : "NOTIFIED").param("at", at)
                .param("dd", due.atZoneSameInstant(BEIJING).toLocalDate()).param("due", due).param("ack", closed ? at : null)
                .param("closed", closed ? due : null).update();
    }

    @Test
    void a10_2_theHazardListFiltersByOpenOrClosedByDaysSinceNotifiedAndByYear() throws Exception {
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        long system = jdbc.sql("select min(id) from systems_system where org_id = :o").param("o", org).query(Long.class).single();
        Instant now = clock.instant();
        hazard(org, system, "过滤测试·三天", now.minus(Duration.ofDays(3)), false);
        hazard(org, system, "过滤测试·二十天", now.minus(Duration.ofDays(20)), false);
        hazard(org, system, "过滤测试·百天", now.minus(Duration.ofDays(100)), false);
        hazard(org, system, "过滤测试·已关闭", now.minus(Duration.ofDays(20)), true);

        assertThat(html("supervisor", "/hazards?status=open&age=8-30")).contains("过滤测试·二十天")
                .doesNotContain("过滤测试·三天", "过滤测试·百天", "过滤测试·已关闭")
                .contains("name=\"status\"", "<option value=\"open\" selected=\"selected\"", "<option value=\"8-30\" selected=\"selected\"");
        assertThat(html("supervisor", "/hazards?status=open&age=0-7")).contains("过滤测试·三天").doesNotContain("过滤测试·二十天");
        assertThat(html("supervisor", "/hazards?status=open&age=91-")).contains("过滤测试·百天").doesNotContain("过滤测试·三天");
        assertThat(html("supervisor", "/hazards?status=closed&age=8-30")).contains("过滤测试·已关闭").doesNotContain("过滤测试·二十天");
        // the year notified (Beijing): the hazards of 100 days ago are in their own year, none of them in 2001
        int year = now.minus(Duration.ofDays(3)).atZone(BEIJING).getYear();
        assertThat(html("unit1", "/hazards?year=" + year + "&orgId=" + org)).contains("过滤测试·三天", "name=\"year\"", "value=\"" + year + "\"");
        assertThat(html("supervisor", "/hazards?year=2001")).doesNotContain("过滤测试·");
        // issue 23 point 11: an unknown value is said beside its filter (400), never silently "any" nor a 500
        assertThat(refused("/hazards?age=forever&status=maybe")).contains("hazard-table", "f-age-error", "f-status-error");
    }

    @Test
    void a10_4_theIncidentListFiltersByGradeAndMonthConfirmed() throws Exception {
        var incident = jdbc.sql("select title, grade, confirmed_at from incidents_incident order by id")
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)}).list().get(0);
        String title = (String) incident[0];
        String grade = (String) incident[1];
        YearMonth month = YearMonth.from(((OffsetDateTime) incident[2]).atZoneSameInstant(BEIJING));
        String other = grade.equals("IV") ? "I" : "IV";
        assertThat(html("supervisor", "/incidents?grade=" + grade + "&month=" + month)).contains(title, "incident-filter",
                "value=\"" + month + "\"", "<option value=\"" + grade + "\" selected=\"selected\"");
        assertThat(html("supervisor", "/incidents?grade=" + other + "&month=" + month)).doesNotContain(title);
        assertThat(html("supervisor", "/incidents?month=" + month.minusYears(30))).doesNotContain(title);
        assertThat(refused("/incidents?grade=X&month=nope")).contains("f-grade-error", "f-month-error").doesNotContain(title);
    }

    @Test
    void a10_3_theDrillListFiltersByHalfYear() throws Exception {
        var drill = jdbc.sql("select title, drill_date from incidents_drill order by id")
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class)}).list().get(0);
        LocalDate day = (LocalDate) drill[1];
        String half = day.getYear() + (day.getMonthValue() <= 6 ? "-H1" : "-H2");
        assertThat(html("supervisor", "/incidents/drills?half=" + half)).contains((String) drill[0], "drill-filter", half);
        assertThat(html("supervisor", "/incidents/drills?half=2001-H1")).doesNotContain((String) drill[0]).contains("drill-filter");
        assertThat(html("supervisor", "/incidents/drills")).contains((String) drill[0]).doesNotContain("drill-filter");
    }
}

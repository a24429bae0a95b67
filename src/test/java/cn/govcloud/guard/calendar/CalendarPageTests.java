package cn.govcloud.guard.calendar;

import static cn.govcloud.guard.calendar.CalendarTestYears.YEAR_2027;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.calendar.internal.LoadedWorkingCalendar;
import cn.govcloud.guard.security.DemoActors;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The page /calendar: the year in month grids, the deadline calculator, and the security administrator's upload. */
@AppTest
public class CalendarPageTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoadedWorkingCalendar calendar;
    @LocalServerPort
    int port;

    @BeforeEach
    @AfterEach
    void without2027() {
        CalendarTestYears.remove2027(jdbc, calendar);
    }

    @Test
    void everySignedInPersonSeesTheYearWithHolidaysAndMakeUpDaysMarked() throws Exception {
        String html = page("unit1", "/calendar?year=2026");
        assertThat(html).contains("工作日历").contains("2026 年").contains("法定节假日（休息）").contains("调休上班")
                .contains("一月").contains("十二月").contains("周一")
                .contains("data-date=\"2026-10-01\" data-kind=\"HOLIDAY\"").contains("国庆节（休）")
                .contains("data-date=\"2026-02-14\" data-kind=\"WORKDAY\"").contains("春节调休（上班）")
                .contains("data-date=\"2026-03-07\" data-kind=\"WEEKEND\"")
                .contains("data-date=\"2026-03-09\" data-kind=\"WORKING\"")
                .contains("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm")
                .contains("href=\"/calendar\"") // the navigation entry
                .doesNotContain("enctype=\"multipart/form-data\"") // no upload form for a unit's officer
                .doesNotContain("<script>");
        assertThat(page("unit1", "/calendar?year=2025&lang=en")).contains("Working-day calendar").contains("Year 2025")
                .contains("Public holiday (day off)").contains("Make-up working day").contains("January");
        assertThat(page("auditor", "/calendar")).contains("工作日历");
    }

    @Test
    void theCalculatorShowsTheDueDayOrWhyNot() throws Exception {
        // Oct 1 2026 09:00 Beijing: Oct 8, 9, make-up Sat 10, 12, 13
        String html = page("unit1", "/calendar?start=2026-10-01T09:00&kind=workingDays&n=5");
        assertThat(html).contains("id=\"calc-result\"").contains("2026-10-13").contains("2026-10-13 24:00")
                .contains("2026-10-14 00:00").contains("2026-10-13T16:00:00Z");
        assertThat(page("unit1", "/calendar?start=2026-10-01T09:00&kind=minutes&n=30")).contains("2026-10-01 09:30");
        // "Working days": 2027 is not loaded, so Monday to Friday, shown provisional with the reason
        String provisional = page("unit1", "/calendar?start=2027-03-01T09:00&kind=workingDays&n=5");
        assertThat(provisional).contains("id=\"calc-result\"").contains("2027-03-08").contains("id=\"calc-provisional\"")
                .contains("暂定：2027 年放假安排尚未加载").doesNotContain("id=\"calc-error\"");
        mvc.perform(get("/calendar").param("start", "yesterday").param("kind", "workingDays").param("n", "-1").with(as("unit1")))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void theSecurityAdministratorUploadsAYearAndSeesIt() throws Exception {
        assertThat(page("secadmin", "/calendar")).contains("enctype=\"multipart/form-data\"").contains("加载年度放假安排");
        mvc.perform(multipart("/calendar/years").file(file("2027.json", YEAR_2027)).param("year", "2027").with(as("secadmin")).with(csrf()))
                .andExpect(redirectedUrl("/calendar?year=2027")).andExpect(flash().attributeExists("loaded"));
        assertThat(calendar.loadedYears()).contains(2027);
        assertThat(jdbc.sql("select source from calendar_year where schedule_year = 2027").query(String.class).single())
                .isEqualTo("upload 2027.json");
        String html = page("secadmin", "/calendar?year=2027");
        assertThat(html).contains("2027 年").contains("data-date=\"2027-02-20\" data-kind=\"WORKDAY\"");

        // the product file's shape (with "years") works too: the year entered is taken from it
        String whole = "{\"source\": \"test\", \"years\": {\"2027\": " + YEAR_2027 + "}}";
        mvc.perform(multipart("/calendar/years").file(file("holidays.json", whole)).param("year", "2027").with(as("secadmin")).with(csrf()))
                .andExpect(redirectedUrl("/calendar?year=2027"));
        assertThat(jdbc.sql("select version from calendar_year where schedule_year = 2027").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aWrongUploadComesBackWithEveryReasonAndChangesNothing() throws Exception {
        String wrong = YEAR_2027.replace("2027-02-20", "2027-02-17").replace("中秋节", "重阳节");
        String html = mvc.perform(multipart("/calendar/years").file(file("2027.json", wrong)).param("year", "2027")
                        .with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"upload-error\"").contains("原有数据未作任何改动")
                .contains("2027-02-17 不是周六或周日").contains("没有名为 中秋节 的放假日期");
        mvc.perform(multipart("/calendar/years").file(file("x.json", "not json")).param("year", "2027").with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(multipart("/calendar/years").file(file("x.json", YEAR_2027)).param("year", "2028").with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(multipart("/calendar/years").param("year", "2027").with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent());
        assertThat(CalendarTestYears.rows(jdbc, 2027)).isZero();
        assertThat(CalendarTestYears.rows(jdbc, 2028)).isZero();
    }

    @Test
    void othersCannotUpload() throws Exception {
        for (String user : new String[] {"unit1", "sysadmin", "auditor", "supervisor"}) {
            mvc.perform(multipart("/calendar/years").file(file("2027.json", YEAR_2027)).param("year", "2027").with(as(user)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(multipart("/calendar/years").file(file("2027.json", YEAR_2027)).param("year", "2027").with(as("secadmin")))
                .andExpect(status().isForbidden()); // no CSRF token
        assertThat(CalendarTestYears.rows(jdbc, 2027)).isZero();
    }

    /**
     * The same upload through the real server (Tomcat parses the multipart body, Spring Security reads
     * the CSRF token from it), as a browser sends it after a form login.
     */
    @Test
    void theUploadFormWorksThroughTheRealServerWithItsCsrfToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), BodyHandlers.ofString()).body();
        String form = "username=secadmin&password=" + URLEncoder.encode(ApiClient.DEMO_PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + csrfOf(login);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/calendar")).build(), BodyHandlers.ofString()).body();

        String boundary = "----calendar" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrfOf(page) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2027\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2027.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + YEAR_2027 + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create(base + "/calendar/years"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(302);
        assertThat(uploaded.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/calendar?year=2027"));
        String shown = http.send(HttpRequest.newBuilder(URI.create(base + "/calendar?year=2027")).build(), BodyHandlers.ofString()).body();
        assertThat(shown).contains("id=\"calendar-loaded\"").contains("已新增 2027 年放假安排：放假 11 天，调休上班 2 天。");
        assertThat(calendar.loadedYears()).contains(2027);
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    /** A 2027 notice in the published layout (test data, not the real notice). */
    public static final String NOTICE_2027 = """
            一、元旦：1月1日（周五）至3日（周日）放假，共3天。
            二、春节：2月6日（农历腊月三十、周六）至14日（农历正月初八、周日）放假调休，共9天。2月20日（周六）上班。
            三、清明节：4月3日（周六）至5日（周一）放假，共3天。
            四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
            五、端午节：6月9日（周三）放假，共1天。
            六、中秋节：9月15日（周三）放假，共1天。
            七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。""";

    @Test
    void theSecurityAdministratorPastesTheNoticeChecksTheRowsAndLoadsTheYear() throws Exception {
        String preview = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/calendar/notice")
                        .param("year", "2027").param("paper", "测试文号").param("notice", NOTICE_2027).with(as("secadmin")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("id=\"notice-preview\"").contains("value=\"2027-02-06\"").contains("value=\"2027-10-09\"");
        assertThat(preview).doesNotContain("id=\"notice-notes\"");
        assertThat(calendar.loadedYears()).doesNotContain(2027); // nothing loaded by reading

        // the administrator corrects one row (端午 is really the 9th to the 11th) and adds one in an empty row
        var load = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/calendar/notice/load")
                .param("year", "2027").param("paper", "测试文号").with(as("secadmin")).with(csrf());
        cn.govcloud.guard.calendar.internal.NoticeText.Reading reading = cn.govcloud.guard.calendar.internal.NoticeText.read(2027, NOTICE_2027);
        reading.entry().holidays().forEach(d -> load.param("date", d.date()).param("kind", "HOLIDAY").param("name", d.name()));
        reading.entry().workdays().forEach(d -> load.param("date", d.date()).param("kind", "WORKDAY").param("name", d.name()));
        load.param("date", "2027-06-10").param("kind", "HOLIDAY").param("name", "端午节");
        load.param("date", "").param("kind", "HOLIDAY").param("name", ""); // an empty row is ignored
        mvc.perform(load).andExpect(redirectedUrl("/calendar?year=2027")).andExpect(flash().attributeExists("loaded"));
        assertThat(calendar.isWorkingDay(java.time.LocalDate.of(2027, 6, 10))).isFalse();
        assertThat(calendar.isWorkingDay(java.time.LocalDate.of(2027, 2, 20))).isTrue(); // the make-up Saturday
        assertThat(jdbc.sql("select source from calendar_year where schedule_year = 2027").query(String.class).single()).isEqualTo("notice text");

        // a wrong row is refused with its reason and nothing changes
        CalendarTestYears.remove2027(jdbc, calendar);
        String refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/calendar/notice/load")
                        .param("year", "2027").param("paper", "测试文号").param("date", "2027-02-17").param("kind", "WORKDAY").param("name", "春节")
                        .with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"notice-load-error\"").contains("value=\"2027-02-17\"");
        assertThat(CalendarTestYears.rows(jdbc, 2027)).isZero();
        // only the security administrator reads and loads
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/calendar/notice")
                .param("year", "2027").param("notice", NOTICE_2027).with(as("supervisor")).with(csrf())).andExpect(status().isForbidden());
    }

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private static MockMultipartFile file(String name, String content) {
        return new MockMultipartFile("file", name, "application/json", content.getBytes(StandardCharsets.UTF_8));
    }
}

package cn.govcloud.guard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.documents.ExcelExportsTests;
import cn.govcloud.guard.documents.ExcelExportsTests.Sheet2;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 23 points 9 and 11 on the access registers (A9.1 visits, A9.2/A9.3 channels, A8.1 grants, A7.3 accounts): keyword,
 * unit, state and due filters in SQL with pages kept in the URL, the Excel export of exactly the rows the filters select
 * (a unit only its own, visitors' numbers masked unless the reader checks them at the door, and then audited), a bad
 * filter refused with a clear 400 naming it, and the forms' refusals beside their fields with what was typed kept.
 */
@AppTest
class AccessListsTests {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long systemOf(String user) {
        return jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = :u order by s.id")
                .param("u", user).query(Long.class).list().get(0);
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    Sheet2 export(String path, String user) throws Exception {
        MvcResult r = mvc.perform(get(path).with(as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return ExcelExportsTests.read(r.getResponse().getContentAsByteArray());
    }

    String lastAudit(String action, String actor) {
        return jdbc.sql("select details from audit_record where action = :a and actor = :u order by id desc limit 1").param("a", action)
                .param("u", actor).query(String.class).single();
    }

    MvcResult requestChannel(String purpose) throws Exception {
        LocalDateTime start = LocalDateTime.ofInstant(clock.instant(), BEIJING).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        MvcResult r = mvc.perform(post("/access/channels").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(systemOf("unit1")))
                .param("purpose", purpose).param("operations", "重启中间件").param("accounts", "ops").param("channelType", "VPN")
                .param("operatorName", "李工").param("startsAt", start.toString()).param("endsAt", start.plusHours(2).toString())).andReturn();
        assertThat(r.getResponse().getStatus()).as(html(r)).isEqualTo(302);
        return r;
    }

    @Test
    void channels_keywordAndStateInSql_aUnitOnlyItsOwn_theExportHoldsExactlyTheRowsShown_A9_2() throws Exception {
        String purpose = "关键字检索" + System.nanoTime();
        requestChannel(purpose);

        String page = html(mvc.perform(get("/access/channels").param("q", purpose).param("state", "REQUESTED").with(as("unit1"))).andReturn());
        assertThat(page).contains(purpose).contains("共 1 条").contains("id=\"list-search\"").contains("<label for=\"f-q\"")
                .contains("href=\"/access/channels/export.xlsx?q=" + java.net.URLEncoder.encode(purpose, StandardCharsets.UTF_8) + "&amp;state=REQUESTED\"");
        String row = ">" + purpose + "</td>"; // the keyword itself stays in the search box
        assertThat(html(mvc.perform(get("/access/channels").param("q", purpose).param("state", "OPEN").with(as("unit1"))).andReturn()))
                .doesNotContain(row).contains("共 0 条");
        assertThat(html(mvc.perform(get("/access/channels").param("q", purpose).with(as("unit2"))).andReturn())).doesNotContain(row)
                .contains("共 0 条");
        // the supervisor filters by unit: another unit's filter finds nothing, the owner's finds it
        assertThat(html(mvc.perform(get("/access/channels").param("q", purpose).param("unit", String.valueOf(orgOf("unit2")))
                .with(as("supervisor"))).andReturn())).doesNotContain(row);
        assertThat(html(mvc.perform(get("/access/channels").param("q", purpose).param("unit", String.valueOf(orgOf("unit1")))
                .with(as("supervisor"))).andReturn())).contains(purpose).contains("id=\"f-unit\"");

        Sheet2 sheet = export("/access/channels/export.xlsx?state=REQUESTED&q=" + purpose, "supervisor");
        assertThat(sheet.rows()).hasSize(1);
        assertThat(sheet.column("运维目的")).containsExactly(purpose);
        assertThat(sheet.title()).contains(purpose).contains("待单位审批");
        assertThat(lastAudit("access.channels.export", "supervisor")).contains("rows=1");
        assertThat(export("/access/channels/export.xlsx?q=" + purpose, "unit2").rows()).isEmpty();
    }

    @Test
    void visits_aVisitorsNameFindsTheLetter_numbersMaskedExceptForTheOfficer_auditedAsSuch_A9_1() throws Exception {
        String visitor = "检索访客" + (System.nanoTime() % 100000);
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        MvcResult r = mvc.perform(post("/access/visits").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(systemOf("unit1")))
                .param("purpose", "巡检").param("letterNumber", "检索函" + System.nanoTime()).param("validFrom", today.toString())
                .param("validUntil", today.plusDays(3).toString()).param("realName0", visitor).param("idNumber0", "150102199001011234")
                .param("mobile0", "13812345678")).andReturn();
        assertThat(r.getResponse().getStatus()).as(html(r)).isEqualTo(302);
        // issue 23 point 9: the step says what happens next
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn()))
                .contains("id=\"next-step\"").contains("云服务商指派陪同旁站人员");

        assertThat(html(mvc.perform(get("/access/visits").param("q", visitor).param("due", "week").with(as("unit1"))).andReturn()))
                .contains(visitor).contains("共 1 条");
        assertThat(html(mvc.perform(get("/access/visits").param("q", visitor).param("due", "past").with(as("unit1"))).andReturn()))
                .contains("共 0 条");
        assertThat(html(mvc.perform(get("/access/visits").param("q", visitor).with(as("unit2"))).andReturn())).contains("共 0 条");

        Sheet2 officer = export("/access/visits/export.xlsx?q=" + visitor, "unit1");
        assertThat(officer.rows()).hasSize(1);
        assertThat(officer.column("身份证号码")).containsExactly("150102199001011234");
        assertThat(lastAudit("access.visits.export", "unit1")).contains("unmasked").contains(visitor);
        Sheet2 supervisor = export("/access/visits/export.xlsx?q=" + visitor, "supervisor");
        assertThat(supervisor.column("身份证号码")).containsExactly("1501**********1234");
        assertThat(supervisor.column("手机号码")).containsExactly("138****5678");
        assertThat(export("/access/visits/export.xlsx?q=" + visitor, "unit2").rows()).isEmpty();
    }

    @Test
    void aBadFilterIsAClear400NamingIt_onThePageAndInTheApi() throws Exception {
        MvcResult page = mvc.perform(get("/access/visits").param("state", "NOPE").with(as("supervisor"))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(page)).contains("没有这个状态");
        assertThat(mvc.perform(get("/access/grants").param("size", "7").with(as("supervisor"))).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/access/accounts/export.xlsx").param("due", "tomorrow").with(as("unit1"))).andReturn().getResponse().getStatus())
                .isEqualTo(400);

        ApiClient api = new ApiClient(mvc);
        MvcResult r = api.call("supervisor", get("/api/v1/channels").param("page", "x"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("page");
        // the API lists take the same optional parameters; without them they answer as before
        String purpose = "接口检索" + System.nanoTime();
        requestChannel(purpose);
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/channels").param("q", purpose)))).hasSize(1);
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/channels"))).size())
                .isEqualTo(jdbc.sql("select count(*) from access_channel where org_id = :o").param("o", orgOf("unit1")).query(Integer.class).single());
    }

    @Test
    void pageSizesAreKeptInTheUrl_andEveryPagerLinkKeepsTheFilters() throws Exception {
        String page = html(mvc.perform(get("/access/grants").param("size", "50").param("state", "GRANTED").with(as("supervisor"))).andReturn());
        assertThat(page).contains("<option value=\"50\" selected=\"selected\">50</option>")
                .contains("href=\"/access/grants/export.xlsx?state=GRANTED&amp;size=50\"");
        String accounts = html(mvc.perform(get("/access/accounts").param("systemId", String.valueOf(systemOf("unit1"))).param("state", "REVOKED")
                .with(as("unit1"))).andReturn());
        assertThat(accounts).contains("name=\"systemId\" value=\"" + systemOf("unit1") + "\"")
                .contains("/access/accounts/export.xlsx?systemId=" + systemOf("unit1") + "&amp;state=REVOKED");
    }

    @Test
    void aRefusedChannelRequestShowsEachErrorBesideItsField_keepsWhatWasTyped_andASuccessSaysWhoApprovesNext_A9_2() throws Exception {
        MvcResult r = mvc.perform(post("/access/channels").with(as("unit1")).with(csrf()).param("systemId", String.valueOf(systemOf("unit1")))
                .param("purpose", "").param("operations", "重启服务").param("accounts", "ops").param("channelType", "ZERO_TRUST")
                .param("operatorName", "保留的姓名").param("startsAt", "明天").param("endsAt", "")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("id=\"form-error\"").contains("id=\"startsAt-error\"").contains("value=\"保留的姓名\"")
                .containsPattern("<option value=\"ZERO_TRUST\"\\s+selected=\"selected\">零信任</option>").contains("<label for=\"operations\"");

        r = requestChannel("下一步说明" + System.nanoTime());
        assertThat(r.getResponse().getRedirectedUrl()).matches("/access/channels/\\d+");
        String next = html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn());
        assertThat(next).contains("id=\"next-step\"").contains("已提交远程运维通道申请。下一步：等待");
    }
}

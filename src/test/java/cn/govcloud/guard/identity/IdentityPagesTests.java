package cn.govcloud.guard.identity;

import static cn.govcloud.guard.ApiClient.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.http.Cookie;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The identity pages: real form login, Chinese first, forms that keep input and refuse without writing, 三权分立 (A3, A4). */
@AppTest
class IdentityPagesTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void formLoginGoesHomeAndAWrongPasswordBackToTheFormWithTheSameMessageAsAnUnknownUser() throws Exception {
        mvc.perform(formLogin("/login").user("unit1").password("Wrong-Passw0rd-2026"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user("nobody-at-all").password("Wrong-Passw0rd-2026"))
                .andExpect(redirectedUrl("/login?error"));
        MvcResult ok = mvc.perform(formLogin("/login").user("unit1").password(DEMO_PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn();

        String account = page(get("/account").cookie(sessionOf(ok)));
        assertThat(account).contains("刘芳").contains("包头市教育局").contains("单位安全负责人");
    }

    @Test
    void theLoginPageSpeaksChineseByDefaultAndEnglishOnRequest() throws Exception {
        String zh = anonymous("/login?error");
        assertThat(zh).contains("用户名或密码错误").contains("id=\"username\"").contains("id=\"password\"")
                .contains("id=\"otp\"").contains("id=\"login-submit\"").contains("动态验证码（可选）")
                .contains("name=\"_csrf\"").doesNotContain("<script>");
        assertThat(anonymous("/login?lang=en&error")).contains("Wrong username or password").contains("Sign in");
        assertThat(anonymous("/login?lang=zh-CN")).contains("登录");
        // 2026-01-01T00:00Z is 08:00 in Beijing
        assertThat(anonymous("/login?locked=1767225600")).contains("2026-01-01 08:00").contains("锁定");
        assertThat(anonymous("/login?otp")).contains("动态验证码");
        assertThat(anonymous("/login?logout")).contains("安全退出");
    }

    @Test
    void adminPagesAreChineseByDefaultAndEnglishWithLang() throws Exception {
        assertThat(page(get("/admin/organisations").with(as("sysadmin")))).contains("组织机构").contains("云使用单位");
        assertThat(page(get("/admin/organisations").param("lang", "en").with(as("sysadmin"))))
                .contains("Organisations").contains("Cloud-using unit");
    }

    @Test
    void theSystemAdministratorCreatesAnOrganisationThroughTheForm() throws Exception {
        String name = "包头市测试局" + System.nanoTime();
        long before = count("identity_organisation");
        mvc.perform(post("/admin/organisations").param("name", name).param("kind", "UNIT").with(as("sysadmin")).with(csrf()))
                .andExpect(redirectedUrl("/admin/organisations"));
        assertThat(count("identity_organisation")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select kind from identity_organisation where name = :n").param("n", name).query(String.class).single())
                .isEqualTo("UNIT");
        assertThat(page(get("/admin/organisations").with(as("sysadmin")))).contains(name);
    }

    @Test
    void hostileNamesAreShownEscaped() throws Exception {
        String name = "<script>alert(1)</script>" + System.nanoTime();
        mvc.perform(post("/admin/organisations").param("name", name).param("kind", "UNIT").with(as("sysadmin")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String html = page(get("/admin/organisations").with(as("sysadmin")));
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void invalidFormsComeBackWithTheErrorAndTheInputAndCreateNothing() throws Exception {
        long orgs = count("identity_organisation");
        String emptyName = mvc.perform(post("/admin/organisations").param("name", "  ").param("kind", "UNIT")
                        .with(as("sysadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(emptyName).contains("必填").contains("id=\"name-error\"").contains("aria-describedby=\"name-error\"");
        assertThat(count("identity_organisation")).isEqualTo(orgs);

        long users = count("identity_user");
        long orgId = orgId("包头市教育局");
        String duplicate = mvc.perform(post("/admin/users").param("username", "unit1").param("displayName", "重名的人")
                        .param("orgId", String.valueOf(orgId)).param("mobile", "13900000000")
                        .param("initialPassword", "Strong-Passw0rd-2026").with(as("sysadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(duplicate).contains("该用户名已被使用").contains("value=\"重名的人\"").contains("value=\"13900000000\"")
                .doesNotContain("Strong-Passw0rd-2026");

        String weak = mvc.perform(post("/admin/users").param("username", "weak" + System.nanoTime() % 100000)
                        .param("displayName", "弱密码").param("orgId", String.valueOf(orgId)).param("initialPassword", "abc")
                        .with(as("sysadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(weak).contains("密码至少需要 12 个字符").contains("id=\"initialPassword-error\"");
        assertThat(count("identity_user")).isEqualTo(users);
    }

    @Test
    void aUnitOfficerIsRefusedTheAdministrationPages() throws Exception {
        long orgs = count("identity_organisation");
        mvc.perform(get("/admin/users").with(as("unit1"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/roles").with(as("unit1"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/api-tokens").with(as("unit1"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/organisations").param("name", "越权单位").param("kind", "UNIT").with(as("unit1")).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(count("identity_organisation")).isEqualTo(orgs);
        // the system administrator does not grant roles (三权分立)
        mvc.perform(get("/admin/roles").with(as("sysadmin"))).andExpect(status().isForbidden());
    }

    @Test
    void theRoleFormRefusesTwoAdministratorRolesForOnePerson() throws Exception {
        long supervisorId = userId("supervisor");
        String html = mvc.perform(post("/admin/roles/{id}", supervisorId).param("roles", "SYSTEM_ADMIN", "AUDIT_ADMIN")
                        .with(as("secadmin")).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("三权分立").contains("须由不同的人担任").contains("role-" + supervisorId + "-AUDIT_ADMIN");
        assertThat(rolesOf(supervisorId)).containsExactly("SUPERVISOR");

        mvc.perform(post("/admin/roles/{id}", supervisorId).param("roles", "SUPERVISOR").with(as("secadmin")).with(csrf()))
                .andExpect(redirectedUrl("/admin/roles"));
        // a unit's user is only offered the unit roles
        String page = page(get("/admin/roles").with(as("secadmin")));
        assertThat(page).contains("role-" + userId("unit1") + "-UNIT_STAFF").doesNotContain("role-" + userId("unit1") + "-SYSTEM_ADMIN");
    }

    @Test
    void aNewApiTokenShowsItsSecretOnceOnly() throws Exception {
        String name = "scanner-" + System.nanoTime();
        MvcResult created = mvc.perform(post("/admin/api-tokens").param("name", name).param("orgId", String.valueOf(orgId("包头市教育局")))
                        .param("scopes", "alerts:write", "findings:write").param("expires", LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).plusDays(30).toString())
                        .with(as("secadmin")).with(csrf()))
                .andExpect(redirectedUrl("/admin/api-tokens/issued")).andReturn();
        // issue 23 point 3: the secret travels sealed (never in clear in the session store) to a GET page that shows it once
        assertThat(created.getFlashMap().values().toString()).doesNotContain("gga_");
        // the flash travels in the (JDBC) session: the next request brings the session cookie, as a browser does
        String shown = mvc.perform(get("/admin/api-tokens/issued").cookie(created.getResponse().getCookies()).with(as("secadmin")))
                .andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("gga_[A-Za-z0-9_\\-]+").matcher(shown);
        assertThat(m.find()).isTrue();
        String secret = m.group();
        assertThat(shown).contains("只显示这一次");
        // a refresh: the flash is gone, and so is the secret
        assertThat(page(get("/admin/api-tokens/issued").with(as("secadmin")))).contains("凭据仅显示一次").doesNotContain(secret);

        String list = page(get("/admin/api-tokens").with(as("secadmin")));
        assertThat(list).contains(name).doesNotContain(secret);
        // every scope offered has its words (the metrics scope showed ??identity.scope.metrics:read_zh_CN??)
        assertThat(list).contains("读取运行指标（Prometheus）").doesNotContain("??");

        long tokens = count("identity_token");
        String noScopes = mvc.perform(post("/admin/api-tokens").param("name", "no-scopes").param("orgId", String.valueOf(orgId("包头市教育局")))
                        .param("expires", LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).plusDays(30).toString()).with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(noScopes).contains("请至少选择一项权限范围").contains("value=\"no-scopes\"").doesNotContain("gga_");
        assertThat(count("identity_token")).isEqualTo(tokens);
    }

    @Test
    void theSecurityPolicyFormNamesEachFieldOutOfBounds() throws Exception {
        var before = jdbc.sql("select min_length, max_failures from identity_security_policy").query().listOfRows();
        String html = mvc.perform(post("/admin/security-policy").param("minLength", "4").param("minCharacterClasses", "3")
                        .param("historyCount", "5").param("expiryDays", "90").param("maxFailures", "lots")
                        .param("lockoutMinutes", "15").param("sessionTimeoutMinutes", "30").with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"maxFailures-error\"").contains("请输入整数").contains("value=\"lots\"")
                .contains("id=\"minLength-error\"").contains("须在 8 到 64 之间");
        String bounds = mvc.perform(post("/admin/security-policy").param("minLength", "4").param("minCharacterClasses", "3")
                        .param("historyCount", "5").param("expiryDays", "90").param("maxFailures", "5")
                        .param("lockoutMinutes", "15").param("sessionTimeoutMinutes", "30").with(as("secadmin")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(bounds).contains("id=\"minLength-error\"").contains("须在 8 到 64 之间").doesNotContain("maxFailures-error");
        assertThat(jdbc.sql("select min_length, max_failures from identity_security_policy").query().listOfRows()).isEqualTo(before);
        mvc.perform(post("/admin/security-policy").param("minLength", "4").with(as("sysadmin")).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aNewUserMustChooseTheirOwnPasswordBeforeAnythingElse() throws Exception {
        String username = "newbie" + System.nanoTime() % 100000;
        mvc.perform(post("/admin/users").param("username", username).param("displayName", "新用户")
                        .param("orgId", String.valueOf(orgId("包头市教育局"))).param("initialPassword", "Initial-Passw0rd-2026")
                        .with(as("sysadmin")).with(csrf()))
                .andExpect(redirectedUrl("/admin/users"));
        MvcResult login = mvc.perform(formLogin("/login").user(username).password("Initial-Passw0rd-2026"))
                .andExpect(redirectedUrl("/account/password")).andReturn();
        Cookie session = sessionOf(login);
        mvc.perform(get("/account").cookie(session)).andExpect(redirectedUrl("/account/password"));
        assertThat(page(get("/account/password").cookie(session))).contains("至少 12 个字符").contains("请先设置新密码");

        String mismatch = mvc.perform(post("/account/password").param("current", "Initial-Passw0rd-2026")
                        .param("password", "Chosen-Passw0rd-2026").param("repeat", "Other-Passw0rd-2026").cookie(session).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("两次输入的新密码不一致").contains("id=\"repeat-error\"");

        MvcResult changed = mvc.perform(post("/account/password").param("current", "Initial-Passw0rd-2026")
                        .param("password", "Chosen-Passw0rd-2026").param("repeat", "Chosen-Passw0rd-2026").cookie(session).with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn();
        Cookie refreshed = changed.getResponse().getCookie("SESSION") != null ? changed.getResponse().getCookie("SESSION") : session;
        mvc.perform(get("/account").cookie(refreshed)).andExpect(status().isOk());
    }

    @Test
    void secondFactorEnrolmentShowsTheQrCodeAndRefusesAWrongCode() throws Exception {
        MvcResult login = mvc.perform(formLogin("/login").user("unit2").password(DEMO_PASSWORD)).andReturn();
        Cookie session = sessionOf(login);
        String html = page(get("/account/second-factor").cookie(session));
        assertThat(html).contains("<svg").contains("id=\"totp-secret\"").contains("id=\"code\"");
        Matcher secret = Pattern.compile("id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<").matcher(html);
        assertThat(secret.find()).isTrue();
        assertThat(secret.group(1)).matches("([A-Z2-7]{4} )*[A-Z2-7]{1,4}");
        String wrong = mvc.perform(post("/account/second-factor").param("code", "000000").cookie(session).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("验证码不正确").contains(secret.group(1));
        assertThat(jdbc.sql("select totp_enabled from identity_user where username = 'unit2'").query(Boolean.class).single()).isFalse();
    }

    private String anonymous(String url) throws Exception {
        return page(get(url));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request).andExpect(status().isOk()).andReturn();
        return r.getResponse().getContentAsString();
    }

    /** The session cookie the login set (Spring Session keeps sessions in the database, not in MockHttpSession). */
    private static Cookie sessionOf(MvcResult login) {
        Cookie cookie = login.getResponse().getCookie("SESSION");
        assertThat(cookie).as("session cookie after login").isNotNull();
        return cookie;
    }

    private org.springframework.test.web.servlet.request.RequestPostProcessor as(String username) {
        return authentication(TestActors.as(actor(username)));
    }

    private Actor actor(String username) {
        return jdbc.sql("""
                        select u.id, u.display_name, o.id as org_id, o.name as org_name, o.kind
                          from identity_user u join identity_organisation o on o.id = u.org_id where u.username = :u""")
                .param("u", username)
                .query((rs, n) -> new Actor(rs.getLong("id"), username, rs.getString("display_name"), rs.getLong("org_id"),
                        rs.getString("org_name"), OrgKind.valueOf(rs.getString("kind")),
                        rolesOf(rs.getLong("id")).stream().map(Role::valueOf).collect(Collectors.toSet()), Set.of(), false))
                .single();
    }

    private java.util.List<String> rolesOf(long userId) {
        return jdbc.sql("select role from identity_user_role where user_id = :id order by role").param("id", userId)
                .query(String.class).list();
    }

    private long userId(String username) {
        return jdbc.sql("select id from identity_user where username = :u").param("u", username).query(Long.class).single();
    }

    private long orgId(String name) {
        return jdbc.sql("select id from identity_organisation where name = :n").param("n", name).query(Long.class).single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}

package cn.govcloud.guard.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The UI shell on the whole application: layout, languages, navigation by role, error pages, API problems. */
@AppTest
class WebShellTests {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;

    static Authentication as(String name, OrgKind kind, Role role) {
        return TestActors.as(TestActors.actor(name, kind, 1, role));
    }

    static final Authentication SYSADMIN = as("sysadmin", OrgKind.SUPERVISOR, Role.SYSTEM_ADMIN);
    static final Authentication SECADMIN = as("secadmin", OrgKind.SUPERVISOR, Role.SECURITY_ADMIN);
    static final Authentication SUPERVISOR = as("supervisor", OrgKind.SUPERVISOR, Role.SUPERVISOR);

    ResultActions page(String path, Authentication who) throws Exception {
        return mvc.perform(get(path).with(authentication(who)).accept(MediaType.TEXT_HTML));
    }

    @Test
    void homeIsChineseByDefaultWithTheLayout() throws Exception {
        page("/", SYSADMIN).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("lang=\"zh-CN\""), containsString("政务云安全管理平台"),
                        containsString("跳到主要内容"), containsString("href=\"#content\""),
                        containsString("您好，sysadmin"), containsString("系统管理员"),
                        containsString("name=\"htmx-config\""), containsString("/js/app.js"),
                        not(containsString("onclick")), not(containsString("<script>")))));
    }

    @Test
    void langParameterSwitchesToEnglishAndTheCookieKeepsIt() throws Exception {
        Cookie lang = page("/?lang=en", SYSADMIN).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("lang=\"en\""),
                        containsString("Government Cloud Security Management Platform"), containsString("Hello, sysadmin"))))
                .andExpect(cookie().value("govguard-lang", "en"))
                .andReturn().getResponse().getCookie("govguard-lang");

        mvc.perform(get("/").cookie(lang).with(authentication(SYSADMIN)).accept(MediaType.TEXT_HTML))
                .andExpect(content().string(allOf(containsString("lang=\"en\""), containsString("Sign out"),
                        not(containsString("退出登录")))));

        page("/?lang=zh-CN", SYSADMIN).andExpect(content().string(containsString("lang=\"zh-CN\"")));
    }

    @Test
    void systemAdministratorSeesOrganisationsAndUsersButNotTheOtherAdministratorsPages() throws Exception {
        page("/", SYSADMIN).andExpect(content().string(allOf(
                containsString("href=\"/admin/organisations\""), containsString("href=\"/admin/users\""),
                containsString("href=\"/account\""), not(containsString("href=\"/admin/roles\"")),
                not(containsString("href=\"/audit\"")))));
    }

    @Test
    void securityAdministratorSeesRolesPolicyAndTokensOnly() throws Exception {
        page("/", SECADMIN).andExpect(content().string(allOf(
                containsString("href=\"/admin/roles\""), containsString("href=\"/admin/security-policy\""),
                containsString("href=\"/admin/api-tokens\""), not(containsString("href=\"/admin/users\"")),
                not(containsString("href=\"/audit\"")))));
    }

    @Test
    void auditAdministratorSeesTheAuditLogAndAChart() throws Exception {
        page("/", TestActors.auditor()).andExpect(content().string(allOf(
                containsString("href=\"/audit\""), containsString("data-chart=\"bar\""),
                not(containsString("href=\"/admin/")))));
    }

    @Test
    void unitOfficerSeesNoAdministrationAndSignsOutWithACsrfToken() throws Exception {
        page("/", TestActors.unitOfficer(7)).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("href=\"/account\""), not(containsString("href=\"/admin/")),
                not(containsString("href=\"/audit\"")), not(containsString("data-chart")),
                containsString("action=\"/logout\""), containsString("name=\"_csrf\""))));
    }

    @Test
    void supervisorHomeSaysWhatTheRoleDoesAndShowsTheChart() throws Exception {
        page("/", SUPERVISOR).andExpect(content().string(allOf(
                containsString("统筹政务云安全监督管理"), containsString("data-chart=\"bar\""),
                containsString("今日审计记录"))));
    }

    @Test
    void notFoundPageRendersInTheLayout() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/nonexistent")
                        .with(authentication(SYSADMIN)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().string(allOf(containsString("页面不存在"), containsString("返回首页"),
                        containsString("跳到主要内容"), containsString("href=\"/admin/users\""))));
    }

    @Test
    void serverErrorPageShowsNoExceptionText() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret internals"))
                        .requestAttr(RequestDispatcher.ERROR_MESSAGE, "secret internals")
                        .with(authentication(SYSADMIN)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isInternalServerError())
                .andExpect(content().string(allOf(containsString("系统内部错误"), not(containsString("secret")),
                        not(containsString("IllegalStateException")))));
    }

    @Test
    void anUnknownHtmlPageIsNotAnsweredWithJson() throws Exception {
        page("/nonexistent", SYSADMIN).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("\"status\""))));
    }

    @Test
    void aRuleViolationOnAPageShowsTheErrorPageNamingTheRule() throws Exception {
        page("/test/pages/rule", SYSADMIN).andExpect(status().isConflict())
                .andExpect(content().string(allOf(containsString("A11.1"), containsString("操作不符合管理规定"),
                        containsString("跳到主要内容"))));
        page("/test/pages/missing", SYSADMIN).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("页面不存在")));
    }

    @Test
    void malformedJsonIsA400ProblemWithoutParserInternals() throws Exception {
        mvc.perform(post("/api/test/problems/echo").with(authentication(SYSADMIN)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\",,}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value(containsString("malformed JSON")))
                .andExpect(content().string(allOf(not(containsString("jackson")), not(containsString("Unexpected")))));
    }

    @Test
    void beanValidationFailuresNameTheField() throws Exception {
        mvc.perform(post("/api/test/problems/echo").with(authentication(SYSADMIN)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.errors.name").exists());
    }

    @Test
    void wrongContentTypeIs415Problem() throws Exception {
        mvc.perform(post("/api/test/problems/echo").with(authentication(SYSADMIN)).with(csrf())
                        .contentType(MediaType.TEXT_PLAIN).content("name=x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void unknownApiPathAndWrongMethodAreProblemsToo() throws Exception {
        mvc.perform(get("/api/v1/no-such-thing").with(authentication(SYSADMIN)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(get("/api/test/problems/echo").with(authentication(SYSADMIN)))
                .andExpect(status().isMethodNotAllowed()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void ruleViolationIs409NamingTheRule() throws Exception {
        mvc.perform(get("/api/test/problems/rule").with(authentication(SYSADMIN)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.rule").value("A11.1"))
                .andExpect(jsonPath("$.title").value(containsString("A11.1")))
                .andExpect(jsonPath("$.detail").value("no signed security responsibility agreement"));
    }

    @Test
    void invalidInputNotFoundAndUnexpectedErrorsAreProblems() throws Exception {
        mvc.perform(get("/api/test/problems/invalid").with(authentication(SYSADMIN)))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.errors.mlpsLevel").value("must be 1 to 5"));
        mvc.perform(get("/api/test/problems/missing").with(authentication(SYSADMIN)))
                .andExpect(status().isNotFound()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(get("/api/test/problems/boom").with(authentication(SYSADMIN)))
                .andExpect(status().isInternalServerError()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(content().string(not(containsString("secret"))));
    }
}

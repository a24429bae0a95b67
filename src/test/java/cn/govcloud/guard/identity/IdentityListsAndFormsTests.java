package cn.govcloud.guard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.documents.ExcelExportsTests;
import cn.govcloud.guard.documents.ExcelExportsTests.Sheet2;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 23 points 9 and 11 on the identity administration pages (A3, A4): the API tokens and organisations lists search,
 * filter, page and export exactly what they show, refusing a filter they cannot read; their forms show each refusal
 * beside its field, keep what was typed, save nothing on refusal, and redirect after a save with what comes next.
 */
@AppTest
class IdentityListsAndFormsTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    java.time.Clock clock;

    /** An expiry the service accepts (within two years of the tests' pinned clock). */
    String inHalfAYear() {
        return java.time.LocalDate.now(clock).plusMonths(6).toString();
    }

    MvcResult as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(DemoActors.authentication(jdbc, user)))).andReturn();
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long orgId(String name) {
        return jdbc.sql("select id from identity_organisation where name = :n").param("n", name).query(Long.class).single();
    }

    String createToken(String name, String org) throws Exception {
        MvcResult r = as("secadmin", post("/admin/api-tokens").param("name", name).param("orgId", String.valueOf(orgId(org)))
                .param("scopes", "alerts:write").param("expires", inHalfAYear()).with(csrf()));
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/admin/api-tokens/issued");
        return name;
    }

    @Test
    void issue23_11_theTokensListSearchesFiltersByStateAndOrganisation_andExportsThoseRows() throws Exception {
        String tag = "tok" + System.nanoTime();
        String kept = createToken(tag + "-scanner", "包头市教育局");
        String revoked = createToken(tag + "-sensor", "包头市教育局");
        long revokedId = jdbc.sql("select id from identity_token where name = :n").param("n", revoked).query(Long.class).single();
        assertThat(as("secadmin", post("/admin/api-tokens/" + revokedId + "/revoke").with(csrf())).getResponse().getRedirectedUrl())
                .isEqualTo("/admin/api-tokens");

        String found = html(as("secadmin", get("/admin/api-tokens?q=" + tag.toUpperCase())));
        assertThat(found).contains(kept).contains(revoked).contains("共 2 条").contains("id=\"list-search\"");
        String active = html(as("secadmin", get("/admin/api-tokens?q=" + tag + "&state=ACTIVE&unit=" + orgId("包头市教育局"))));
        assertThat(active).contains(kept).doesNotContain(revoked).contains("共 1 条")
                .contains("href=\"/admin/api-tokens/export.xlsx?q=" + tag + "&amp;unit=" + orgId("包头市教育局") + "&amp;state=ACTIVE\"");
        assertThat(html(as("secadmin", get("/admin/api-tokens?q=" + tag + "&state=REVOKED")))).contains(revoked).doesNotContain(kept);
        assertThat(html(as("secadmin", get("/admin/api-tokens?q=" + tag + "&due=past")))).doesNotContain(kept).contains("共 0 条");

        Sheet2 sheet = ExcelExportsTests.read(as("secadmin", get("/admin/api-tokens/export.xlsx?q=" + tag + "&state=ACTIVE"))
                .getResponse().getContentAsByteArray());
        assertThat(sheet.column("名称")).containsExactly(kept);
        assertThat(sheet.title()).contains(tag).contains("有效");
        assertThat(sheet.column("状态")).containsExactly("有效");
    }

    @Test
    void issue23_11_badTokenAndOrganisationFiltersAreRefusedNeverIgnored() throws Exception {
        assertThat(as("secadmin", get("/admin/api-tokens?state=LOST")).getResponse().getStatus()).isEqualTo(400);
        assertThat(as("secadmin", get("/admin/api-tokens?size=7")).getResponse().getStatus()).isEqualTo(400);
        assertThat(as("secadmin", get("/admin/api-tokens/export.xlsx?unit=abc")).getResponse().getStatus()).isEqualTo(400);
        assertThat(as("sysadmin", get("/admin/organisations?kind=PLANET")).getResponse().getStatus()).isEqualTo(400);
        assertThat(as("sysadmin", get("/admin/organisations?state=GONE")).getResponse().getStatus()).isEqualTo(400);
        assertThat(as("sysadmin", get("/admin/organisations?unit=3")).getResponse().getStatus()).isEqualTo(400); // no unit filter here
        assertThat(as("sysadmin", get("/admin/organisations/export.xlsx?kind=PLANET")).getResponse().getStatus()).isEqualTo(400);
        assertThat(as("unit1", get("/admin/api-tokens/export.xlsx")).getResponse().getStatus()).isEqualTo(403);
        assertThat(as("unit1", get("/admin/organisations/export.xlsx")).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void issue23_11_theOrganisationsListSearchesByNameAndFiltersByKind_andExportsThoseRows() throws Exception {
        String tag = "检索局" + System.nanoTime();
        for (String[] org : new String[][] {{tag + "甲", "UNIT"}, {tag + "乙", "CARRIER"}}) { // not PROVIDER: other tests take the first provider of the shared database
            assertThat(as("sysadmin", post("/admin/organisations").param("name", org[0]).param("kind", org[1]).with(csrf()))
                    .getResponse().getRedirectedUrl()).isEqualTo("/admin/organisations");
        }
        assertThat(html(as("sysadmin", get("/admin/organisations").param("q", tag)))).contains(tag + "甲").contains(tag + "乙").contains("共 2 条");
        String units = html(as("sysadmin", get("/admin/organisations").param("q", tag).param("kind", "UNIT")));
        assertThat(units).contains(tag + "甲").doesNotContain(tag + "乙").contains("共 1 条").contains("export.xlsx?q=")
                .contains("kind=UNIT\"");
        assertThat(html(as("sysadmin", get("/admin/organisations").param("q", tag).param("state", "WITH_USERS")))).contains("共 0 条");
        assertThat(html(as("sysadmin", get("/admin/organisations").param("q", tag).param("state", "WITHOUT_USERS")))).contains("共 2 条");

        Sheet2 sheet = ExcelExportsTests.read(as("sysadmin", get("/admin/organisations/export.xlsx").param("q", tag).param("kind", "CARRIER"))
                .getResponse().getContentAsByteArray());
        assertThat(sheet.column("名称")).containsExactly(tag + "乙");
        assertThat(sheet.title()).contains(tag).contains("通信运营商");
    }

    @Test
    void issue23_9_theOrganisationFormRefusesBesideTheFieldKeepsTheKindAndSavesNothing_thenSaysWhatComesNext() throws Exception {
        long before = jdbc.sql("select count(*) from identity_organisation").query(Long.class).single();
        MvcResult refused = as("sysadmin", post("/admin/organisations").param("name", " ").param("kind", "PROVIDER").with(csrf()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(refused)).contains("id=\"name-error\"").contains("aria-invalid=\"true\"").contains("<label for=\"name\"")
                .containsPattern("<option value=\"PROVIDER\"\\s+selected=\"selected\">");
        assertThat(jdbc.sql("select count(*) from identity_organisation").query(Long.class).single()).isEqualTo(before);

        String name = "下一步局" + System.nanoTime();
        MvcResult saved = as("sysadmin", post("/admin/organisations").param("name", name).param("kind", "UNIT").with(csrf()));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/admin/organisations");
        assertThat(saved.getFlashMap().get("created")).isEqualTo(name);
        // the flash travels in the (JDBC) session: the redirect's GET brings the session cookie, as a browser does
        String after = html(mvc.perform(get("/admin/organisations").cookie(saved.getResponse().getCookies())
                .with(authentication(DemoActors.authentication(jdbc, "sysadmin")))).andReturn());
        assertThat(after).contains("已新建组织机构“" + name + "”").contains("下一步");
    }

    @Test
    void issue23_9_theTokenFormRefusesBesideEachFieldKeepsWhatWasTypedAndIssuesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from identity_token where kind = 'API'").query(Long.class).single();
        String expires = inHalfAYear();
        MvcResult refused = as("secadmin", post("/admin/api-tokens").param("name", "typed-name").param("orgId", "")
                .param("scopes", "findings:write").param("expires", expires).with(csrf()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(refused)).contains("id=\"orgId-error\"").contains("value=\"typed-name\"").contains("value=\"" + expires + "\"")
                .containsPattern("id=\"scopes-findings:write\"\\s+value=\"findings:write\"\\s+checked=\"checked\"")
                .doesNotContain("gga_");
        assertThat(jdbc.sql("select count(*) from identity_token where kind = 'API'").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void issue23_9_passwordSecondFactorPolicyAndSsoFormsUseTheSharedFields() throws Exception {
        MvcResult mismatch = as("unit1staff", post("/account/password").param("current", "x").param("password", "A-Passw0rd-2026!x")
                .param("repeat", "B-Passw0rd-2026!x").with(csrf()));
        assertThat(mismatch.getResponse().getStatus()).isEqualTo(422);
        assertThat(html(mismatch)).contains("id=\"repeat-error\"").contains("<label for=\"repeat\"").doesNotContain("A-Passw0rd-2026!x");

        String policy = html(as("secadmin", post("/admin/security-policy").param("minLength", "4").param("minCharacterClasses", "3")
                .param("historyCount", "5").param("expiryDays", "90").param("maxFailures", "5").param("lockoutMinutes", "30")
                .param("sessionTimeoutMinutes", "30").with(csrf())));
        assertThat(policy).contains("id=\"minLength-error\"").contains("value=\"4\"").contains("id=\"minLength-help\"");
        String readOnly = html(as("sysadmin", get("/admin/security-policy")));
        assertThat(readOnly).contains("disabled=\"disabled\"");

        String sso = html(as("secadmin", post("/admin/sso/oidc").param("enabled", "on").param("displayName", "政务身份")
                .param("serverUrl", "ftp://nowhere").with(csrf())));
        assertThat(sso).contains("id=\"oidc-serverUrl-error\"").contains("value=\"政务身份\"").contains("value=\"ftp://nowhere\"");
    }
}

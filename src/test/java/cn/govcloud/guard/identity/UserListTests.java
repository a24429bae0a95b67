package cn.govcloud.guard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

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

/** Issue 23 point 11 on /admin/users (A3, A4): keyword, organisation and state in SQL, pages, and the export of exactly that. */
@AppTest
class UserListTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    MvcResult page(String query) throws Exception {
        return mvc.perform(get("/admin/users" + query).with(authentication(DemoActors.authentication(jdbc, "sysadmin")))).andReturn();
    }

    static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void keywordOrganisationAndStateNarrowTheAccounts_pagesKeepTheFilters_andTheExportHoldsThoseRows() throws Exception {
        long org = jdbc.sql("select org_id from identity_user where username = 'unit1'").query(Long.class).single();
        String found = html(page("?q=UNIT1&unit=" + org + "&state=ENABLED")); // case does not matter
        assertThat(found).contains(">unit1</th>").contains(">unit1staff</th>").doesNotContain(">unit2</th>").doesNotContain(">supervisor</th>")
                .contains("href=\"/admin/users/export.xlsx?q=UNIT1&amp;unit=" + org + "&amp;state=ENABLED\"");
        assertThat(html(page("?q=unit1staff"))).doesNotContain(">unit1</th>").contains(">unit1staff</th>").contains("共 1 条");
        assertThat(html(page("?q=unit1&state=DISABLED"))).doesNotContain(">unit1</th>");
        long all = jdbc.sql("select count(*) from identity_user").query(Long.class).single();
        String first = html(page("?size=20"));
        assertThat(first).contains("共 " + all + " 条");
        if (all > 20) {
            assertThat(first).contains("href=\"/admin/users?page=1\"");
        }

        MvcResult r = mvc.perform(get("/admin/users/export.xlsx?q=unit1staff").with(authentication(DemoActors.authentication(jdbc, "sysadmin"))))
                .andReturn();
        Sheet2 sheet = ExcelExportsTests.read(r.getResponse().getContentAsByteArray());
        assertThat(sheet.column("用户名")).containsExactly("unit1staff");
        assertThat(sheet.title()).contains("unit1staff");
        assertThat(page("?state=GONE").getResponse().getStatus()).isEqualTo(400);
    }
}

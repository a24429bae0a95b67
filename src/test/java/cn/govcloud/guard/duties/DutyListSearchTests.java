package cn.govcloud.guard.duties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.duties.internal.DutyReads;
import cn.govcloud.guard.duties.internal.DutyFilter;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.shared.Actor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 23 point 11 on the duty list (A5): a keyword searched in SQL, the page size kept in the URL, the export of what is shown. */
@AppTest
class DutyListSearchTests {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DutyReads duties;
    @Autowired RuleCatalog catalog;

    String page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(authentication(DemoActors.authentication(jdbc, user)))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    DutyFilter keyword(String q) {
        return DutyFilter.none().matching(q, catalog.rules());
    }

    @Test
    void A5_theKeywordMatchesTheSubjectOrTheRuleTitle_andWildcardsAreTakenLiterally() {
        Actor supervisor = DemoActors.actor(jdbc, "supervisor");
        // a keyword from the data itself: part of some duty's subject
        String subject = jdbc.sql("select subject_name from duties_duty order by id").query(String.class).list().stream()
                .filter(s -> s.length() >= 4).findFirst().orElseThrow();
        String part = subject.substring(1, 4);
        List<Duty> found = duties.page(supervisor, keyword(part), null, 100_000);
        assertThat(found).isNotEmpty().allMatch(d -> d.subjectName().contains(part) || d.article().contains(part) || d.ruleId().contains(part)
                || catalog.rules().stream().anyMatch(r -> r.id().equals(d.ruleId()) && r.title().contains(part)));
        assertThat(duties.count(supervisor, keyword(part))).isEqualTo((long) found.size());

        // a rule's Chinese title finds its duties though the title is not in the table
        Rule rule = catalog.rules().stream().filter(r -> !jdbc.sql("select id from duties_duty where rule_id = :r").param("r", r.id())
                .query(Long.class).list().isEmpty()).findFirst().orElseThrow();
        assertThat(duties.page(supervisor, keyword(rule.title()), null, 500)).extracting(Duty::ruleId).contains(rule.id());

        assertThat(duties.count(supervisor, keyword("%"))).isZero();
        assertThat(duties.count(supervisor, keyword("  "))).isEqualTo(duties.count(supervisor, DutyFilter.none()));
    }

    @Test
    void A5_theListKeepsItsKeywordAndPageSizeInTheUrlAndTheFormAndExportsWhatIsShown() throws Exception {
        String html = mvc.perform(get("/duties").param("q", "报告").param("size", "20").with(authentication(DemoActors.authentication(jdbc, "supervisor"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"q\"", "value=\"报告\"").containsPattern("<option value=\"20\"\\s+selected");
        // the export button posts the same form: keyword and all
        assertThat(html).contains("id=\"export-xlsx\"");
        // a size the page does not offer, or a state it does not know, is refused beside its filter and no rows are shown
        // (issue 23 point 11, shared.ListParameters; it used to read as the default)
        assertThat(page("/duties?size=100000&state=SOMETIMES", "supervisor")).contains("查询条件有误", "每页条数只能是 20、50 或 100",
                "id=\"size-error\"", "id=\"state-error\"").doesNotContain("list.error");
        // numbered pages from the shared pager, the filters carried in its links
        assertThat(page("/duties?size=20", "supervisor")).contains("id=\"page-next\"", "size=20&amp;page=1");
        var export = mvc.perform(get("/duties/export.xlsx").param("q", "报告").with(authentication(DemoActors.authentication(jdbc, "supervisor"))))
                .andExpect(status().isOk()).andReturn();
        assertThat(export.getResponse().getContentAsByteArray()).isNotEmpty();
    }
}

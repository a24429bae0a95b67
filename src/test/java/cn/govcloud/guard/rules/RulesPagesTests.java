package cn.govcloud.guard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The catalog page, a rule's page and the supervisor's overlay form (A13–A15), Chinese by default. */
@AppTest
class RulesPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuleCatalog catalog;

    @AfterEach
    void backToTheProductCatalog() throws Exception {
        mvc.perform(post("/rules/overlay/delete").with(as("supervisor")).with(csrf()));
    }

    RequestPostProcessor as(String username) {
        return authentication(DemoActors.authentication(jdbc, username));
    }

    String page(String path, String username) throws Exception {
        return mvc.perform(get(path).with(as(username)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theCatalogPageShowsTheHeaderAndEveryRuleInWords() throws Exception {
        String html = page("/rules", "unit1");
        assertThat(html).contains("规则目录").contains("包府办发〔2025〕77号").contains("包头市政务云安全管理办法")
                .contains("2025.12.16-r1").contains("2025-12-16 至 2030-12-15").contains("现行有效").contains("未启用，执行产品规则目录")
                .contains("href=\"/rules/A10.2-rectify\"").contains("5个工作日").contains("30分钟").contains("当日24时前")
                .contains("次月10日前").contains("事件：收到隐患通知").contains("每半年").contains("云服务商").contains("每个云上系统")
                .contains("到期前2天、1天").contains("逾期即通知市大数据中心")
                .contains("显示 " + catalog.rules().size() + " 条，共 " + catalog.rules().size() + " 条规则")
                .contains("aria-current=\"page\">规则目录</a>")
                .doesNotContain("name=\"yaml\""); // the overlay form is the supervisor's
        for (Rule rule : catalog.rules()) {
            assertThat(html).contains("id=\"rule-" + rule.id() + "\"");
        }
        assertThat(page("/rules?lang=en", "unit1")).contains("Rule catalog").contains("5 working days").contains("30 minutes")
                .contains("by day 10 of the next month").contains("Event: hazard notified").contains("2 days, 1 day before");
    }

    @Test
    void theTableFiltersByPartyAndArticlePrefix() throws Exception {
        String provider = page("/rules?party=PROVIDER", "regulator");
        assertThat(provider).contains("id=\"rule-A5.4-daily-inspection\"").doesNotContain("id=\"rule-A10.2-rectify\"");
        String a10 = page("/rules?article=a10.2", "regulator");
        assertThat(a10).contains("id=\"rule-A10.2-rectify\"").contains("id=\"rule-A10.2-hazard-acknowledgement\"")
                .contains("id=\"rule-A10.2-rectify-critical\"").contains("id=\"rule-A10.2-rectify-after-return\"")
                .doesNotContain("id=\"rule-A10.3-half-yearly-drill\"").contains("显示 4 条");
        assertThat(page("/rules?party=UNIT&article=A5.4", "regulator")).contains("没有符合条件的规则");
    }

    @Test
    void aRulesPageQuotesTheMeasuresAndShowsItsEvidenceForm() throws Exception {
        String html = page("/rules/A10.2-rectify", "unit1");
        assertThat(html).contains("完成隐患整改并书面反馈")
                .contains("于5个工作日内完成漏洞修复、风险处置与整改工作，并书面反馈至预警部门，抄送市大数据中心。")
                .contains("A10.2 隐患闭环整改").contains("hazard.notified").contains("云使用单位").contains("每个云上系统")
                .contains("feedbackLetter").contains("书面反馈（送预警部门，抄送市大数据中心）").contains("多行文本").contains("必填")
                .contains("severity != CRITICAL").contains("五个工作日自通知次日起算")
                .doesNotContain("The five working days start the day after the notice");
        assertThat(page("/rules/A7.2-mlps-assessment", "unit1")).contains("mlpsLevel &gt;= 3").contains("优 / 良 / 中 / 差");
        assertThat(page("/rules/A10.2-rectify?lang=en", "unit1")).contains("Fix the hazard and report in writing").contains("Text of the Measures")
                .contains("The five working days start the day after the notice");
        mvc.perform(get("/rules/A99-nothing").with(as("unit1")).accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
    }

    @Test
    void theSupervisorUploadsAnOverlayAndOverriddenValuesAreShownBesideTheProductValue() throws Exception {
        assertThat(page("/rules", "supervisor")).contains("name=\"yaml\"").contains("name=\"file\"").contains("enctype=\"multipart/form-data\"");
        String version = "p" + System.nanoTime();
        mvc.perform(multipart("/rules/overlay").param("yaml", RulesApiTests.overlay(version, 3)).with(as("supervisor")).with(csrf()))
                .andExpect(redirectedUrl("/rules"));

        String html = page("/rules", "unit1");
        assertThat(html).contains("2025.12.16-r1+昆都仑区@" + version).contains("昆都仑区，版本 " + version + "，基于 2025.12.16-r1")
                .contains("3个工作日").contains("原值：5个工作日").contains("地区细则修改").contains("table-warning overridden")
                .contains("逾期2小时后通知市大数据中心、网络安全主管部门");
        assertThat(page("/rules/A10.2-rectify", "unit1")).contains("地区细则修改了以下取值").contains("due.amount").contains("原值：5个工作日");

        // a file upload, named in the errors by its own name, refused whole
        MockMultipartFile file = new MockMultipartFile("file", "C:\\districts\\kundulun.yaml", "application/yaml", """
                overlay: {name: 昆都仑区, version: x%s, basedOn: 2025.12.16-r1}
                rules:
                  A10.2-rectify: {party: provider}
                """.formatted(version).getBytes(StandardCharsets.UTF_8));
        String refused = mvc.perform(multipart("/rules/overlay").file(file).with(as("supervisor")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("细则未启用：共 1 处错误").contains("kundulun.yaml:3: rules[A10.2-rectify].party: may not be overridden")
                .contains("id=\"overlay-errors\"");
        assertThat(catalog.rule("A10.2-rectify").orElseThrow().due().amount()).isEqualTo(3);

        // typed text with an error comes back in the text area
        String typed = mvc.perform(multipart("/rules/overlay").param("yaml", "overlay: {name: 昆都仑区}\nrules: {A10.2-rectify: {due: {workingDays: 0}}}")
                        .with(as("supervisor")).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(typed).contains("overlay.yaml:2: rules[A10.2-rectify].due.workingDays: must be a positive integer")
                .contains("overlay.yaml:1: overlay.version: is required").contains("workingDays: 0");

        mvc.perform(post("/rules/overlay/delete").with(as("supervisor")).with(csrf())).andExpect(redirectedUrl("/rules"));
        assertThat(page("/rules", "unit1")).contains("未启用，执行产品规则目录").doesNotContain("原值：");
    }

    @Test
    void othersCannotUploadOrRemoveTheOverlay() throws Exception {
        mvc.perform(multipart("/rules/overlay").param("yaml", RulesApiTests.overlay("u" + System.nanoTime(), 1)).with(as("unit1")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/rules/overlay/delete").with(as("provider")).with(csrf())).andExpect(status().isForbidden());
        assertThat(catalog.rule("A10.2-rectify").orElseThrow().due().amount()).isEqualTo(5);
    }
}

package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The register pages as people use them: forms re-shown with their errors, nothing half-saved, hostile text escaped. */
@AppTest
class PlatformPagesTests {
    @org.springframework.beans.factory.annotation.Autowired
    cn.govcloud.guard.MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    cn.govcloud.guard.platform.internal.Certifications certifications;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private String page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyRegisterPageRendersForProviderAndOversight_demoDataOnTheOverview() throws Exception {
        String overview = page("/platform/overview", "supervisor");
        // the demo city: a line without a firewall, the DR test, the 信创 share by type
        assertThat(overview).contains("人社部门专网", "边界未部署防火墙", "id=\"ov-dr\"", "成功", "id=\"share-SERVER\"", "75%");
        for (String path : new String[] {"/platform/supply-chain", "/platform/network", "/platform/hardware", "/platform/exits"}) {
            assertThat(page(path, "provider")).contains("<main");
            assertThat(page(path, "regulator")).doesNotContain("id=\"sbom-form\"", "id=\"line-form\"", "id=\"device-form\"", "id=\"exit-form\"");
        }
        mvc.perform(get("/platform/supply-chain").with(as("unit1"))).andExpect(status().isForbidden());
        assertThat(page("/platform/exits", "unit1")).contains("<main");
    }

    @Test
    void aHostileSbomIsRefusedOnThePage_andHostileNamesAreEscaped_A5_5() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bom><components/></bom>";
        String refused = mvc.perform(multipart("/platform/supply-chain/sbom").file(new MockMultipartFile("file", "x.xml", "application/xml",
                        xxe.getBytes(StandardCharsets.UTF_8))).with(as("provider")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"supply-error\"", "DOCTYPE");

        String ns = UUID.randomUUID().toString().substring(0, 8);
        String bom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"component\":{\"type\":\"application\",\"name\":\"page-" + ns
                + "\"}},\"components\":[{\"type\":\"library\",\"name\":\"<script>alert(1)</script>" + ns + "\",\"version\":\"1\"}]}";
        mvc.perform(multipart("/platform/supply-chain/sbom").file(new MockMultipartFile("file", "b.json", "application/json",
                bom.getBytes(StandardCharsets.UTF_8))).with(as("provider")).with(csrf())).andExpect(status().is3xxRedirection());
        String list = page("/platform/supply-chain?q=" + ns, "supervisor");
        assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;" + ns).doesNotContain("<script>alert(1)</script>");

        // an incomplete proposal comes back with its errors; nothing stored
        String form = mvc.perform(post("/platform/supply-chain/items").param("kind", "SUBCONTRACT").param("name", "运维外包-" + ns)
                        .with(as("provider")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("须填写供应商", "运维外包-" + ns);
        assertThat(jdbc.sql("select count(*) from platform_supply_item where name = :n").param("n", "运维外包-" + ns).query(Long.class).single())
                .isZero();
    }

    @Test
    void anExitUnder90DaysIsRefusedOnThePageNamingA5_6() throws Exception {
        String refused = mvc.perform(post("/platform/exits").param("endDate", java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).plusDays(30).toString())
                        .param("reason", "测试").param("contact", "王云").with(as("provider")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("A5.6", "至少 90 天");
    }

    // issue 23 point 9 (A5.1, A5.2): a refusal stands beside its field in the form that was posted, what was typed kept,
    // nothing saved — the report file of a type not accepted included

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String html(org.springframework.test.web.servlet.MvcResult r) throws Exception {
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The text from {@code start} to the next closing div. */
    private static String beside(String page, String id) {
        int i = page.indexOf("id=\"" + id + "\"");
        assertThat(i).as(id).isNotNegative();
        return page.substring(i, page.indexOf("</div>", i));
    }

    @Test
    void A5_2_aReportFileOfATypeNotAccepted_isRefusedBesideTheFile_typedKept_nothingSaved() throws Exception {
        long before = count("platform_certification");
        String conclusion = certifications.conclusions(cn.govcloud.guard.platform.internal.Certifications.Kind.MLPS).get(0);
        String page = html(mvc.perform(multipart("/platform/certifications").file(new MockMultipartFile("report", "报告.html", "text/html",
                        "<html><script>x</script></html>".getBytes(StandardCharsets.UTF_8))).with(as("provider")).with(csrf())
                .param("kind", "MLPS").param("reportNumber", "DJCP-2026-FORM-01").param("agency", "某测评机构")
                .param("issueDate", "2026-11-01").param("validUntil", "2027-10-31").param("conclusion", conclusion)).andReturn());
        assertThat(beside(page, "report-error")).contains("不接受 HTML");
        assertThat(page).contains("value=\"DJCP-2026-FORM-01\"", "value=\"某测评机构\"", "value=\"2026-11-01\"", "<label for=\"report\"");
        assertThat(count("platform_certification")).isEqualTo(before);

        // a missing agency: beside the agency
        page = html(mvc.perform(multipart("/platform/certifications").with(as("provider")).with(csrf()).param("kind", "MLPS")
                .param("reportNumber", "DJCP-2026-FORM-02").param("issueDate", "2026-11-01").param("validUntil", "2027-10-31")
                .param("conclusion", conclusion)).andReturn());
        assertThat(beside(page, "agency-error")).contains("出具机构");
        assertThat(count("platform_certification")).isEqualTo(before);
    }

    @Test
    void A5_1_aDeviceWithoutItsVendor_isRefusedBesideTheVendorOfTheDeviceForm_only() throws Exception {
        long before = count("platform_device");
        String page = html(mvc.perform(post("/platform/hardware/devices").with(as("provider")).with(csrf()).param("type", "SERVER")
                .param("model", "表单测试-TS860").param("quantity", "4").param("compliant", "true")).andReturn());
        assertThat(beside(page, "d-vendor-error")).contains("厂商");
        assertThat(page).contains("value=\"表单测试-TS860\"", "<label for=\"d-vendor\"", "<label for=\"c-title\"")
                .doesNotContain("id=\"c-title-error\"");
        assertThat(count("platform_device")).isEqualTo(before);
    }

    /** Issue 23 point 11: each register's filters read, a value it cannot read refused beside the control (page) or 400 (export). */
    @Test
    void theRegisterListsFilterPageAndExportWhatTheyShow_aBadFilterIsRefusedNotIgnored() throws Exception {
        for (String path : new String[] {"/platform/hardware?type=MAINFRAME", "/platform/network?lineType=SATELLITE",
                "/platform/certifications?validity=forever", "/platform/exits?state=GONE", "/platform/supply-chain?kind=FIRMWARE"}) {
            String list = page(path, "provider");
            String name = path.substring(path.indexOf('?') + 1, path.indexOf('='));
            assertThat(beside(list, "f-" + name + "-error")).as(path).contains("没有这个选项");
            assertThat(list).as(path).contains("is-invalid");
            String export = path.replace("?", "/export.xlsx?");
            assertThat(mvc.perform(get(export).with(as("provider"))).andReturn().getResponse().getStatus()).as(export).isEqualTo(400);
        }
        assertThat(beside(page("/platform/hardware?size=7", "provider"), "f-size-error")).contains("20、50 或 100");
        assertThat(beside(page("/platform/supply-chain?findings=yes", "supervisor"), "f-findings-error")).contains("没有这个选项");

        // what was asked stays in the form and in the export link; a filter that matches nothing shows nothing
        String none = page("/platform/hardware?q=" + UUID.randomUUID() + "&type=SERVER&compliant=true", "supervisor");
        assertThat(none).contains("id=\"device-filter-total\"", "共 0 条", "<option value=\"SERVER\" selected=\"selected\"",
                "/platform/hardware/export.xlsx?q=");
        for (String path : new String[] {"/platform/hardware", "/platform/network", "/platform/certifications", "/platform/exits",
                "/platform/supply-chain"}) {
            var response = mvc.perform(get(path + "/export.xlsx?q=x&size=50").with(as("supervisor"))).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
        }
    }
}

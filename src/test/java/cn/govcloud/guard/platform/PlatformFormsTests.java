package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.security.DemoActors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue 23 point 9 on the platform registers (A5.1, A5.2): a refusal stands beside its field in the form that was posted,
 * what was typed is kept, nothing is saved — the report file of a type not accepted included.
 */
@AppTest
class PlatformFormsTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Certifications certifications;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String html(MvcResult r) throws Exception {
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
        String conclusion = certifications.conclusions(Certifications.Kind.MLPS).get(0);
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
}

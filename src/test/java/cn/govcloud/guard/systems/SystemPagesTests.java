package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The systems pages: bad input re-renders the form with messages and saves nothing; regulators read only; lists search and export. */
@AppTest
class SystemPagesTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private RequestPostProcessor as(String user) {
        return authentication(DemoActors.authentication(jdbc, user));
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void badInputReRendersTheFormWithMessagesAndSavesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        MvcResult r = mvc.perform(post("/systems").with(as("unit1")).with(csrf()).param("name", "页面测试系统").param("mlpsLevel", "3")
                .param("responsibleMobile", "123").param("addresses", "10.0.0.1\n999.1.1.1")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("请填写11位手机号码", "请选择至少一种网络暴露面", "999.1.1.1", "value=\"页面测试系统\"");
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);

        r = mvc.perform(post("/systems").with(as("unit1")).with(csrf()).param("name", "页面测试系统").param("mlpsLevel", "3")
                .param("exposure", "GOV_EXTRANET").param("exposure", "INTERNET").param("addresses", "10.0.0.1\nweb.example.gov.cn")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).matches("/systems/\\d+");

        String page = html(mvc.perform(get(location).with(as("unit1"))).andReturn());
        assertThat(page).contains("页面测试系统", "登记", "web.example.gov.cn", "安全责任协议", "签订《包头市政务云平台安全责任协议》"); // A11.1-responsibility-agreement, by its title
        // edited while a draft; bad input re-renders with the message, nothing saved
        assertThat(html(mvc.perform(get(location + "/edit").with(as("unit1"))).andReturn())).contains("value=\"页面测试系统\"", "web.example.gov.cn");
        r = mvc.perform(post(location + "/edit").with(as("unit1")).with(csrf()).param("name", "").param("mlpsLevel", "3")
                .param("exposure", "INTERNET")).andReturn();
        assertThat(html(r)).contains("请填写系统名称");
        r = mvc.perform(post(location + "/edit").with(as("unit1")).with(csrf()).param("name", "页面测试系统").param("mlpsLevel", "3")
                .param("exposure", "GOV_EXTRANET").param("exposure", "INTERNET").param("addresses", "10.0.0.1\nweb.example.gov.cn\n10.0.9.0/24"))
                .andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).with(as("unit1"))).andReturn())).contains("10.0.9.0/24");
        // the agreement form without a file: the reason on the page, nothing stored
        r = mvc.perform(multipart(location + "/agreement").with(as("unit1")).with(csrf()).param("unitSignatory", "李局长")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(r)).contains("请选择文件", "请填写云服务商签署人", "value=\"李局长\"");
        // admission without the agreement: refused naming A11.1
        r = mvc.perform(post(location + "/admission").with(as("unit1")).with(csrf())).andReturn();
        // issue 23 point 3: the refusal is carried to the system's page (post/redirect/get), so a refresh does not resubmit
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(r.getResponse().getRedirectedUrl()).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn())).contains("A11.1");
        r = mvc.perform(multipart(location + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))).with(as("unit1")).with(csrf())
                .param("agreementNumber", "BTZWY-XY-2026-0002").param("unitSignatory", "李局长").param("providerSignatory", "王经理").param("signedOn", "2026-11-20")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);

        // the regulator reads, sees no forms; the list shows it to the supervisor; unit2 gets 404
        page = html(mvc.perform(get(location).with(as("regulator"))).andReturn());
        assertThat(page).contains("页面测试系统", "协议.pdf").doesNotContain("agreement-form", "request-admission", "suspend-form");
        assertThat(html(mvc.perform(get("/systems").with(as("supervisor"))).andReturn())).contains("页面测试系统", "queue-admission");
        // the admission queue: the demo city's system awaiting verification, not the draft
        assertThat(html(mvc.perform(get("/systems?state=AWAITING_VERIFICATION").with(as("supervisor"))).andReturn()))
                .contains("校园安全视频监控平台").doesNotContain("页面测试系统");
        assertThat(html(mvc.perform(get("/systems?level=3&exposure=INTERNET").with(as("unit1"))).andReturn())).contains("页面测试系统");
        assertThat(html(mvc.perform(get("/systems?level=1").with(as("unit1"))).andReturn())).doesNotContain("页面测试系统");
        assertThat(mvc.perform(get(location).with(as("unit2"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(html(mvc.perform(get("/systems/new").with(as("unit1"))).andReturn())).contains("system-form");
    }

    // Issue 23 point 9 (A11.1, A11.2): the system page's forms refuse beside the field, keep what was typed, save nothing, and a
    // step done says what happens next. Issue 23 point 11 (A7): the lists search by keyword on the server, keep the page
    // size in the URL, and their Excel exports hold exactly the rows the page shows.

    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** A draft system of unit1's, declared 非涉密 (A2), whose page the tests post to. */
    private String register(String name, String filingNumber) throws Exception {
        MvcResult r = mvc.perform(post("/systems").with(as("unit1")).with(csrf()).param("name", name).param("mlpsLevel", "3")
                .param("filingNumber", filingNumber).param("exposure", "GOV_EXTRANET").param("addresses", "10.40.1.10")
                .param("nonClassified", "true").param("nonClassifiedDeclarant", "张安全")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        return r.getResponse().getRedirectedUrl();
    }

    @Test
    void A11_1_theAgreementOfAFileTypeNotAccepted_isRefusedBesideTheFile_typedKept_nothingSaved() throws Exception {
        String location = register("表单测试·协议系统", "15020041000-26201");
        long agreements = count("systems_agreement");
        long files = count("documents_file");
        MvcResult r = mvc.perform(multipart(location + "/agreement").file(new MockMultipartFile("file", "协议.html", "text/html",
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))).with(as("unit1")).with(csrf())
                .param("agreementNumber", "BTZWY-XY-2026-0201").param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String page = html(r);
        // the reason stands under the file input of the agreement's form, the input marked invalid and pointing at it
        assertThat(page).contains("id=\"agreement-file-error\"", "aria-describedby=\"agreement-file-help agreement-file-error\"")
                .contains("value=\"BTZWY-XY-2026-0201\"", "value=\"李局长\"", "value=\"王经理\"", "value=\"2026-11-20\"");
        assertThat(between(page, "id=\"agreement-file-error\"", "</div>")).contains("不接受 HTML");
        // the same field name in the other forms of the page carries no error
        assertThat(page).doesNotContain("item-MLPS_CERTIFICATE-file-error", "id=\"system-field-errors\"");
        assertThat(count("systems_agreement")).isEqualTo(agreements);
        assertThat(count("documents_file")).isEqualTo(files);

        // a missing number is named beside the number; the rest kept
        page = html(mvc.perform(multipart(location + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .with(as("unit1")).with(csrf()).param("unitSignatory", "李局长").param("providerSignatory", "王经理")
                .param("signedOn", "2026-11-20")).andReturn());
        assertThat(between(page, "id=\"agreementNumber-error\"", "</div>")).contains("协议编号");
        assertThat(count("systems_agreement")).isEqualTo(agreements);

        // done: the page says what comes next; then the admission request says who acts next
        r = mvc.perform(multipart(location + "/agreement").file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .with(as("unit1")).with(csrf()).param("agreementNumber", "BTZWY-XY-2026-0201").param("unitSignatory", "李局长")
                .param("providerSignatory", "王经理").param("signedOn", "2026-11-20")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn()))
                .contains("安全责任协议已上传。下一步：上传核验材料并申请准入。");
        r = mvc.perform(post(location + "/admission").with(as("unit1")).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn()))
                .contains("已提交准入申请，等待大数据中心核验");
    }

    @Test
    void A11_2_theMlpsCertificateWithoutItsNumber_isRefusedBesideTheNumber_typedKept_nothingSaved() throws Exception {
        String location = register("表单测试·等保系统", "15020041000-26202");
        long items = count("systems_verification_item");
        MvcResult r = mvc.perform(multipart(location + "/verification/MLPS_CERTIFICATE")
                .file(new MockMultipartFile("file", "等保证书.pdf", "application/pdf", PDF)).with(as("unit1")).with(csrf())
                .param("certDate", "2026-06-18").param("conclusion", "良").param("validUntil", "2027-06-17").param("certLevel", "3")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String page = html(r);
        assertThat(between(page, "id=\"item-MLPS_CERTIFICATE-certNumber-error\"", "</div>")).contains("证书编号");
        assertThat(page).contains("id=\"item-MLPS_CERTIFICATE-certNumber\"", "value=\"2026-06-18\"", "value=\"良\"", "value=\"2027-06-17\"")
                .doesNotContain("item-CRYPTO_PLAN-file-error", "agreement-file-error");
        assertThat(page).contains("<label for=\"item-MLPS_CERTIFICATE-certNumber\"");
        assertThat(count("systems_verification_item")).isEqualTo(items);

        // a certificate whose file is not a document at all: beside the file of that form
        page = html(mvc.perform(multipart(location + "/verification/MLPS_CERTIFICATE")
                .file(new MockMultipartFile("file", "证书.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 0, 1, 2, 3}))
                .with(as("unit1")).with(csrf()).param("certNumber", "15020041000-26001").param("certDate", "2026-06-18")
                .param("conclusion", "良").param("validUntil", "2027-06-17")).andReturn());
        assertThat(page).contains("id=\"item-MLPS_CERTIFICATE-file-error\"", "value=\"15020041000-26001\"");
        assertThat(count("systems_verification_item")).isEqualTo(items);

        r = mvc.perform(multipart(location + "/verification/MLPS_CERTIFICATE")
                .file(new MockMultipartFile("file", "等保证书.pdf", "application/pdf", PDF)).with(as("unit1")).with(csrf())
                .param("certNumber", "15020041000-26001").param("certDate", "2026-06-18").param("conclusion", "良")
                .param("validUntil", "2027-06-17")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(location);
        assertThat(html(mvc.perform(get(location).cookie(r.getResponse().getCookies()).with(as("unit1"))).andReturn()))
                .contains("材料已提交，等待大数据中心审核");
        assertThat(count("systems_verification_item")).isEqualTo(items + 1);
    }

    @Test
    void A7_theRegistrationForm_labelsEveryInput_andRefusesBesideTheField() throws Exception {
        String page = html(mvc.perform(post("/systems").with(as("unit1")).with(csrf()).param("name", "表单测试·登记")
                .param("mlpsLevel", "3").param("responsibleMobile", "123").param("addresses", "10.0.0.1\n999.1.1.1")).andReturn());
        assertThat(between(page, "id=\"responsibleMobile-error\"", "</div>")).contains("11位手机号码");
        assertThat(between(page, "id=\"addresses-error\"", "</div>")).contains("999.1.1.1");
        assertThat(page).contains("id=\"exposure-error\"", "value=\"表单测试·登记\"", "selected=\"selected\">第3级</option>");
        for (String field : List.of("name", "mlpsLevel", "purpose", "filingNumber", "responsibleName", "responsibleMobile", "addresses",
                "nonClassifiedDeclarant")) {
            assertThat(page).as(field).contains("<label for=\"" + field + "\"");
        }
    }

    @Test
    void A7_theSystemsList_searchesByKeyword_keepsThePageSize_andExportsWhatItShows() throws Exception {
        register("关键词检索·甲系统", "15020041000-26301");
        register("关键词检索·乙系统", "15020041000-26302");
        register("另一套无关系统", "15020041000-26303");
        String page = html(mvc.perform(get("/systems?q=关键词检索&size=20").with(as("unit1"))).andReturn());
        assertThat(page).contains("关键词检索·甲系统", "关键词检索·乙系统").doesNotContain("另一套无关系统")
                .contains("value=\"关键词检索\"", "<option value=\"20\" selected=\"selected\">");
        // by 备案编号, case and the LIKE wildcards as typed (a % matches only a %)
        assertThat(html(mvc.perform(get("/systems?q=26303").with(as("unit1"))).andReturn())).contains("另一套无关系统")
                .doesNotContain("关键词检索·甲系统");
        assertThat(html(mvc.perform(get("/systems?q=%25").with(as("unit1"))).andReturn())).doesNotContain("关键词检索·甲系统");
        // unit2 does not find unit1's systems by keyword
        assertThat(html(mvc.perform(get("/systems?q=关键词检索").with(as("unit2"))).andReturn())).doesNotContain("关键词检索·甲系统");

        MvcResult x = mvc.perform(get("/systems/export.xlsx?q=关键词检索&level=3&cii=false").with(as("unit1"))).andReturn();
        assertThat(x.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(x.getResponse().getContentAsByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("关键词=关键词检索", "关基=否");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("系统名称");
            List<String> names = new ArrayList<>();
            for (int r = 2; r < sheet.getLastRowNum(); r++) {
                names.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(names).containsExactlyInAnyOrder("关键词检索·甲系统", "关键词检索·乙系统");
        }
        // the classification register: its name search, and the same rows in its export
        assertThat(html(mvc.perform(get("/system-classification?name=关键词检索&size=100").with(as("supervisor"))).andReturn()))
                .contains("关键词检索·甲系统").doesNotContain("另一套无关系统");
        x = mvc.perform(get("/system-classification/export.xlsx?name=关键词检索").with(as("supervisor"))).andReturn();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(x.getResponse().getContentAsByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum() - 2).isEqualTo(2); // two data rows between the header and the total
            assertThat(sheet.getRow(1).getCell(7).getStringCellValue()).isEqualTo("声明人");
            assertThat(sheet.getRow(2).getCell(7).getStringCellValue()).isEqualTo("张安全");
        }
        // the API list takes the same keyword, optional
        assertThat(new ApiClient(mvc).call("unit1", get("/api/v1/systems?q=26301")).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("关键词检索·甲系统").doesNotContain("关键词检索·乙系统");
    }

    @Test
    void A7_theWorkOrderList_searchesBySystemOrNumber_andExportsWhatItShows() throws Exception {
        long order = jdbc.sql("select w.id from systems_work_order w join systems_system s on s.id = w.system_id"
                + " where s.name = '卫健委预约挂号服务系统' order by w.id limit 1").query(Long.class).single();
        String page = html(mvc.perform(get("/work-orders?q=预约挂号&size=20").with(as("provider"))).andReturn());
        assertThat(page).contains("GD-" + order, "value=\"预约挂号\"", "id=\"work-order-export\"");
        assertThat(html(mvc.perform(get("/work-orders?q=GD-" + order).with(as("provider"))).andReturn())).contains("GD-" + order);
        assertThat(html(mvc.perform(get("/work-orders?q=不存在的系统名").with(as("provider"))).andReturn())).doesNotContain("GD-" + order);

        MvcResult x = mvc.perform(get("/work-orders/export.xlsx?q=预约挂号").with(as("provider"))).andReturn();
        assertThat(x.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(x.getResponse().getContentAsByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("关键词=预约挂号");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("工单编号");
            List<String> systems = new ArrayList<>();
            for (int r = 2; r < sheet.getLastRowNum(); r++) {
                systems.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(systems).isNotEmpty().allMatch(n -> n.contains("预约挂号"));
        }
    }

    /**
     * Issue 23 point 11: a filter the systems lists cannot read is refused — never read as "any": the page answers 400 with
     * the message beside the filter and no rows, the export sends nothing, the API a 400 problem naming the parameter.
     */
    @Test
    void A7_issue23_11_aFilterTheSystemsListsCannotRead_isRefusedBesideIt_nothingListedOrExported() throws Exception {
        register("拒绝筛选·甲系统", "15020041000-26311");
        MvcResult page = mvc.perform(get("/systems?q=拒绝筛选&level=9&state=NOPE&cii=maybe&size=7").with(as("unit1"))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(page)).contains("查询条件有误", "id=\"level-error\"", "id=\"state-error\"", "id=\"cii-error\"", "id=\"size-error\"",
                "没有这个选项", "暂无系统").doesNotContain("拒绝筛选·甲系统");
        // the keyword alone still finds it (the refusal was the filters', not the keyword's)
        assertThat(html(mvc.perform(get("/systems?q=拒绝筛选").with(as("unit1"))).andReturn())).contains("拒绝筛选·甲系统");
        assertThat(mvc.perform(get("/systems/export.xlsx?q=拒绝筛选&unit=abc").with(as("unit1"))).andReturn().getResponse().getStatus())
                .isEqualTo(400);

        MvcResult orders = mvc.perform(get("/work-orders?kind=NOPE").with(as("provider"))).andReturn();
        assertThat(orders.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(orders)).contains("id=\"wo-kind-error\"", "暂无工单").doesNotContainPattern("id=\"work-order-\\d");
        assertThat(mvc.perform(get("/work-orders/export.xlsx?state=NOPE").with(as("provider"))).andReturn().getResponse().getStatus())
                .isEqualTo(400);

        MvcResult register = mvc.perform(get("/system-classification?nonClassified=perhaps").with(as("supervisor"))).andReturn();
        assertThat(register.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(register)).contains("id=\"nonClassified-error\"").doesNotContain("data-system-id=");
        assertThat(mvc.perform(get("/system-classification/export.xlsx?state=NOPE").with(as("supervisor"))).andReturn().getResponse()
                .getStatus()).isEqualTo(400);

        ApiClient api = new ApiClient(mvc);
        MvcResult problem = api.call("unit1", get("/api/v1/systems?q=" + "长".repeat(101)));
        assertThat(problem.getResponse().getStatus()).isEqualTo(400);
        assertThat(problem.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"q\"");
        problem = api.call("provider", get("/api/v1/work-orders?kind=NOPE"));
        assertThat(problem.getResponse().getStatus()).isEqualTo(400);
        assertThat(problem.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"kind\"");
        problem = api.call("supervisor", get("/api/v1/system-classification?state=NOPE"));
        assertThat(problem.getResponse().getStatus()).isEqualTo(400);
        assertThat(problem.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"state\"");
    }

    /** The text from {@code start} to the next {@code end}. */
    private static String between(String page, String start, String end) {
        int i = page.indexOf(start);
        assertThat(i).as(start).isNotNegative();
        return page.substring(i, page.indexOf(end, i));
    }
}

package cn.govcloud.guard.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.access.Grants.Purpose;
import cn.govcloud.guard.access.internal.DataAccessGrants;
import cn.govcloud.guard.crypto.Sm3;
import cn.govcloud.guard.documents.OfficialPapers.Issued;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.supervision.notices.Notices;
import cn.govcloud.guard.systems.Systems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 point 7: the four official documents rendered from their records into Word and PDF in the GB/T 9704 layout,
 * numbered per kind and year (never twice, also when two people issue at once), the signed scan attached back, and only
 * the party the Measures give a kind to may issue it.
 */
@AppTest
class OfficialDocumentsTests {
    /** 10:00 on 7 December 2026 in Beijing. */
    static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
    static final String DATE = "2026年12月7日";
    static final Pattern NUMBER = Pattern.compile("〔2026〕(\\d+)号");
    static final float MM = 72f / 25.4f;

    @Autowired MockMvc mvc;
    private final ApiClient api = new ApiClient(() -> mvc);
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;
    @Autowired OfficialPapers papers;
    @Autowired Systems systems;
    @Autowired Hazards hazards;
    @Autowired DataAccessGrants grants;
    @Autowired Notices notices;

    @BeforeEach
    void pinTime() {
        clock.set(NOW);
    }

    @AfterEach
    void release() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    // ---- the four kinds ------------------------------------------------------------------------------------------

    @Test
    void issue22_7_theAgreementOfASystemRendersToWordAndPdfWithItsNumberFactsAndDate() throws Exception {
        String name = "公文测试系统" + suffix();
        long system = as("unit1", () -> systems.register(new Systems.NewSystem(name, "测试", 3, "15020099999-" + suffix(), "张责任",
                "13800138000", List.of("GOV_EXTRANET"), List.of())));
        JsonNode issued = issue("unit1", Kind.AGREEMENT, system, 201);
        Documents both = files("unit1", issued);
        for (String text : both.texts()) {
            assertThat(text).contains("政务云平台安全责任协议", name, "第3级", "教育局", "甲方", "乙方", "未签订本协议的系统不得接入政务云平台", DATE);
            assertThat(text).contains(issued.get("number").asString());
        }
        assertThat(issued.get("number").asString()).startsWith("政务云协〔2026〕").endsWith("号");
        assertThat(issued.get("templateVersion").asString()).isEqualTo("agreement-v1+official-v1");
        assertThat(issued.get("issuedOn").asString()).isEqualTo("2026-12-07");
        // the supervisor may issue the agreement too (the city's standard text), another unit may not even see it
        issue("supervisor", Kind.AGREEMENT, system, 201);
        issue("unit2", Kind.AGREEMENT, system, 404);
    }

    @Test
    void issue22_7_a8_1_theAuthorisationLetterOfAGrantNamesTheProviderScopeAndWindow() throws Exception {
        long system = admittedSystemOf("unit1");
        String purpose = "数据库迁移核对" + suffix();
        long grant = as("provider", () -> grants.request(system, purpose, Set.of(Purpose.VIEW, Purpose.COPY), NOW.plus(Duration.ofHours(1)),
                NOW.plus(Duration.ofHours(5))));
        JsonNode issued = issue("unit1", Kind.AUTHORISATION, grant, 201);
        for (String text : files("unit1", issued).texts()) {
            assertThat(text).contains("授权", purpose, "查看、复制", "2026年12月7日11:00至2026年12月7日15:00", "函告", "运营服务有限公司", DATE, issued.get("number").asString());
        }
        // the provider sees the letter it was given, but it is the unit's to issue (A8.1)
        assertThat(status(api.call("provider", get("/api/v1/documents/official/" + issued.get("id").asLong())))).isEqualTo(200);
        issue("provider", Kind.AUTHORISATION, grant, 403);
    }

    @Test
    void issue22_7_a10_2_theRectificationFeedbackLetterAnswersTheWarningDepartmentWithTheMeasures() throws Exception {
        long system = admittedSystemOf("unit1");
        String title = "弱口令" + suffix();
        long hazard = as("supervisor", () -> hazards.raise(new Hazards.NewHazard(system, title, Hazards.Severity.HIGH, "管理后台弱口令", null,
                "MANUAL", null)).id());
        as("unit1", () -> hazards.acknowledgeHazard(hazard, "王处置", "已临时封禁后台"));
        byte[] report = minimalPdf();
        as("unit1", () -> hazards.submitFeedback(hazard, "已修改全部口令并启用双因素认证", "无", java.time.LocalDate.of(2026, 12, 7),
                "整改报告.pdf", new ByteArrayInputStream(report)));
        JsonNode issued = issue("unit1", Kind.RECTIFICATION_FEEDBACK, hazard, 201);
        for (String text : files("unit1", issued).texts()) {
            assertThat(text).contains("整改情况的反馈函", title, "高危", "已修改全部口令并启用双因素认证", "王处置", "包头市大数据中心", DATE,
                    issued.get("number").asString());
        }
        // the feedback is the unit's: the supervisor (the warner here) cannot issue it in the unit's name
        issue("supervisor", Kind.RECTIFICATION_FEEDBACK, hazard, 403);
    }

    @Test
    void issue22_7_theNoticeIsTheSupervisorsAndAUnitCannotIssueIt() throws Exception {
        long notice = notice("unit1");
        issue("unit1", Kind.NOTICE, notice, 403);
        JsonNode issued = issue("supervisor", Kind.NOTICE, notice, 201);
        for (String text : files("unit1", issued).texts()) {
            assertThat(text).contains("通报", "未按期完成隐患整改", "教育局", "包头市大数据中心", "抄送", DATE, issued.get("number").asString());
        }
        // a unit the notice was not sent to sees neither the notice nor its 通报
        assertThat(status(api.call("unit2", get("/api/v1/documents/official/" + issued.get("id").asLong())))).isEqualTo(404);
        // the audit log has the issue and the downloads
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'official.issue' and target = :t")
                .param("t", "documents_official:" + issued.get("id").asLong()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'official.download' and target = :t")
                .param("t", "documents_official:" + issued.get("id").asLong()).query(Long.class).single()).isEqualTo(2);
    }

    // ---- the PDF's page ------------------------------------------------------------------------------------------

    @Test
    void issue22_7_thePdfIsA4WithTheGbT9704Margins() throws Exception {
        JsonNode issued = issue("supervisor", Kind.NOTICE, notice("unit1"), 201);
        byte[] pdf = download("supervisor", issued.get("pdfUrl").asString());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDRectangle page = doc.getPage(0).getMediaBox();
            assertThat(page.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
            assertThat(page.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
            float[] box = {Float.MAX_VALUE, Float.MAX_VALUE, 0, 0}; // left, top, right, bottom of the text, page page number aside
            float[] titleSize = {0};
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    if (text.contains("—")) {
                        return; // the page number sits in the bottom margin
                    }
                    for (TextPosition p : positions) {
                        box[0] = Math.min(box[0], p.getXDirAdj());
                        box[1] = Math.min(box[1], p.getYDirAdj() - p.getHeightDir());
                        box[2] = Math.max(box[2], p.getXDirAdj() + p.getWidthDirAdj());
                        box[3] = Math.max(box[3], p.getYDirAdj());
                        if (text.contains("通报") && !text.contains("〔")) {
                            titleSize[0] = Math.max(titleSize[0], p.getFontSizeInPt());
                        }
                    }
                }
            };
            stripper.getText(doc);
            assertThat(box[0]).as("left margin").isGreaterThanOrEqualTo(28 * MM - 1);
            assertThat(box[0]).as("text starts at the left margin").isLessThan(28 * MM + 20);
            assertThat(box[1]).as("top margin").isGreaterThanOrEqualTo(37 * MM - 6);
            assertThat(box[1]).as("text starts at the top margin").isLessThan(37 * MM + 10);
            assertThat(box[2]).as("right margin").isLessThanOrEqualTo(page.getWidth() - 26 * MM + 1);
            assertThat(box[3]).as("bottom margin").isLessThanOrEqualTo(page.getHeight() - 35 * MM + 1);
            assertThat(titleSize[0]).as("title 二号").isCloseTo(22f, org.assertj.core.data.Offset.offset(0.5f));
        }
        // the Word file: A4 with the same margins in twips
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(download("supervisor", issued.get("docxUrl").asString())))) {
            var sect = doc.getDocument().getBody().getSectPr();
            assertThat(((Number) sect.getPgSz().getW()).longValue()).isEqualTo(11906);
            assertThat(((Number) sect.getPgSz().getH()).longValue()).isEqualTo(16838);
            assertThat(((Number) sect.getPgMar().getTop()).longValue()).isEqualTo(2098);
            assertThat(((Number) sect.getPgMar().getBottom()).longValue()).isEqualTo(1984);
            assertThat(((Number) sect.getPgMar().getLeft()).longValue()).isEqualTo(1587);
            assertThat(((Number) sect.getPgMar().getRight()).longValue()).isEqualTo(1474);
            assertThat(doc.getProperties().getCoreProperties().getDescription()).contains("notice-v1+official-v1");
        }
    }

    // ---- numbers -------------------------------------------------------------------------------------------------

    @Test
    void issue22_7_numbersRunPerKindAndYearAndAreNeverReusedWhenTwoIssueAtOnce() throws Exception {
        long notice = notice("unit1");
        int first = sequence(issue("supervisor", Kind.NOTICE, notice, 201));
        int second = sequence(issue("supervisor", Kind.NOTICE, notice, 201));
        assertThat(second).isEqualTo(first + 1);

        Actor supervisor = actorOf("supervisor", Role.SUPERVISOR);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Issued>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Issued> task = () -> {
                    SecurityContextHolder.getContext().setAuthentication(authentication(supervisor));
                    try {
                        start.await();
                        return papers.issue(Kind.NOTICE, notice);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                };
                both.add(pool.submit(task));
            }
            start.countDown();
            int a = both.get(0).get().sequence();
            int b = both.get(1).get().sequence();
            assertThat(Set.of(a, b)).containsExactlyInAnyOrder(second + 1, second + 2);
        } finally {
            pool.shutdownNow();
        }
        // a year's numbers have no duplicates and no gaps up to the last
        List<Integer> all = jdbc.sql("select seq from documents_official where kind = 'NOTICE' and issue_year = 2026 order by seq").query(Integer.class).list();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.get(all.size() - 1)).isEqualTo(all.size());
        // another kind counts on its own
        long system = admittedSystemOf("unit1");
        JsonNode agreement = issue("unit1", Kind.AGREEMENT, system, 201);
        assertThat(sequence(agreement)).isEqualTo(jdbc.sql("select count(*) from documents_official where kind = 'AGREEMENT' and issue_year = 2026")
                .query(Integer.class).single());
    }

    // ---- the signed scan -----------------------------------------------------------------------------------------

    @Test
    void issue22_7_theSignedScanIsAttachedBackAndDownloadedWithItsDigest() throws Exception {
        JsonNode issued = issue("supervisor", Kind.NOTICE, notice("unit1"), 201);
        long id = issued.get("id").asLong();
        byte[] scan = minimalPdf();
        // a unit (not the issuer) cannot attach it; text is no scan; nothing changes either way
        assertThat(status(api.call("unit1", multipart("/api/v1/documents/official/" + id + "/scan")
                .file(new MockMultipartFile("file", "扫描件.pdf", "application/pdf", scan))))).isEqualTo(403);
        MvcResult text = api.call("supervisor", multipart("/api/v1/documents/official/" + id + "/scan")
                .file(new MockMultipartFile("file", "scan.txt", "text/plain", "not a scan".getBytes(StandardCharsets.UTF_8))));
        assertThat(status(text)).as(text.getResponse().getContentAsString()).isEqualTo(400);
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/documents/official/" + id))).get("scanAttached").asBoolean()).isFalse();

        MvcResult attached = api.call("supervisor", multipart("/api/v1/documents/official/" + id + "/scan")
                .file(new MockMultipartFile("file", "盖章扫描件.pdf", "application/pdf", scan)));
        assertThat(status(attached)).as(attached.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode after = ApiClient.body(attached);
        assertThat(after.get("scanAttached").asBoolean()).isTrue();
        assertThat(after.get("scanSm3").asString()).isEqualTo(Sm3.hex(scan));
        assertThat(download("unit1", after.get("scanUrl").asString())).isEqualTo(scan);
        // the record's list shows it
        JsonNode list = ApiClient.body(api.call("unit1", get("/api/v1/documents/official").param("kind", "NOTICE")
                .param("recordId", String.valueOf(issued.get("recordId").asLong()))));
        assertThat(list.size()).isGreaterThanOrEqualTo(1);
        assertThat(list.get(0).get("scanAttached").asBoolean()).isTrue();
    }

    @Test
    void issue22_7_aRequestWithoutKindOrRecordIsRefusedAndIssuesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from documents_official").query(Long.class).single();
        MvcResult r = api.call("supervisor", post("/api/v1/documents/official").contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"NOTICE\"}"));
        assertThat(status(r)).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from documents_official").query(Long.class).single()).isEqualTo(before);
        assertThat(status(api.call("supervisor", post("/api/v1/documents/official").contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"NOTICE\",\"recordId\":987654321}")))).isEqualTo(404);
    }

    // ---- the record's page ---------------------------------------------------------------------------------------

    @Test
    void issue22_7_theRecordsPageIssuesListsAndTakesTheScanAndAUnitGetsNoIssueButton() throws Exception {
        long notice = notice("unit1");
        var supervisor = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                authentication(actorOf("supervisor", Role.SUPERVISOR)));
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        MvcResult issued = mvc.perform(post("/documents/official").param("kind", "NOTICE").param("record", String.valueOf(notice))
                .with(supervisor).with(csrf)).andReturn();
        assertThat(status(issued)).isEqualTo(302);
        assertThat(issued.getResponse().getRedirectedUrl()).isEqualTo("/documents/official?kind=NOTICE&record=" + notice);
        String page = mvc.perform(get("/documents/official").param("kind", "NOTICE").param("record", String.valueOf(notice)).with(supervisor))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String number = jdbc.sql("select number_text from documents_official where kind = 'NOTICE' and record_id = :r").param("r", notice)
                .query(String.class).single();
        assertThat(page).contains(number, "notice-v1+official-v1", "official-issue", "上传盖章扫描件");
        long id = jdbc.sql("select id from documents_official where kind = 'NOTICE' and record_id = :r").param("r", notice).query(Long.class).single();
        MvcResult scanned = mvc.perform(multipart("/documents/official/" + id + "/scan")
                .file(new MockMultipartFile("file", "盖章.pdf", "application/pdf", minimalPdf())).with(supervisor).with(csrf)).andReturn();
        assertThat(status(scanned)).isEqualTo(302);
        assertThat(jdbc.sql("select scan_file_id is not null from documents_official where id = :id").param("id", id).query(Boolean.class).single())
                .isTrue();
        var unit = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
                authentication(actorOf("unit1", Role.UNIT_SECURITY_OFFICER)));
        String unitPage = mvc.perform(get("/documents/official").param("kind", "NOTICE").param("record", String.valueOf(notice)).with(unit))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(unitPage).contains(number).doesNotContain("official-issue-form");
        assertThat(status(mvc.perform(post("/documents/official").param("kind", "NOTICE").param("record", String.valueOf(notice))
                .with(unit).with(csrf)).andReturn())).isEqualTo(403);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The Word file's and the PDF's text, whitespace removed (a PDF line may break anywhere in Chinese). */
    record Documents(String docx, String pdf) {
        List<String> texts() {
            return List.of(docx, pdf);
        }
    }

    Documents files(String user, JsonNode issued) throws Exception {
        String docx;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(download(user, issued.get("docxUrl").asString())));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            docx = extractor.getText();
        }
        String pdf;
        byte[] pdfBytes = download(user, issued.get("pdfUrl").asString());
        try (PDDocument doc = Loader.loadPDF(pdfBytes)) {
            pdf = new PDFTextStripper().getText(doc);
        }
        assertThat(docx).doesNotContain("{{");
        Matcher number = NUMBER.matcher(issued.get("number").asString());
        assertThat(number.find()).isTrue();
        return new Documents(docx.replaceAll("\\s+", ""), pdf.replaceAll("\\s+", ""));
    }

    JsonNode issue(String user, Kind kind, long recordId, int expected) throws Exception {
        MvcResult r = api.call(user, post("/api/v1/documents/official").contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"" + kind + "\",\"recordId\":" + recordId + "}"));
        assertThat(status(r)).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(expected);
        return expected == 201 ? ApiClient.body(r) : null;
    }

    static int sequence(JsonNode issued) {
        Matcher m = NUMBER.matcher(issued.get("number").asString());
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(issued.get("sequence").asInt());
        return issued.get("sequence").asInt();
    }

    byte[] download(String user, String url) throws Exception {
        MvcResult r = api.call(user, get(url));
        assertThat(status(r)).as(url).isEqualTo(200);
        return r.getResponse().getContentAsByteArray();
    }

    long notice(String unit) {
        long org = orgOf(unit);
        return as("supervisor", () -> notices.issue(new Notices.NewNotice("通报", "未按期完成隐患整改" + suffix(),
                "经查，部分单位未在5个工作日内完成隐患整改。\n请各单位对照整改，按期书面反馈。", List.of(org))).id());
    }

    long admittedSystemOf(String user) {
        return jdbc.sql("select id from systems_system where org_id = :o and state = 'ADMITTED' order by id fetch first 1 rows only")
                .param("o", orgOf(user)).query(Long.class).single();
    }

    long orgOf(String user) {
        return jdbc.sql("select org_id from identity_user where username = :u").param("u", user).query(Long.class).single();
    }

    Actor actorOf(String username, Role role) {
        Map<String, Object> row = jdbc.sql("select u.id, u.org_id, o.name, o.kind from identity_user u join identity_organisation o on o.id = u.org_id "
                + "where u.username = :u").param("u", username).query().singleRow();
        return new Actor(((Number) row.get("id")).longValue(), username, username, ((Number) row.get("org_id")).longValue(),
                (String) row.get("name"), OrgKind.valueOf((String) row.get("kind")), Set.of(role), Set.of(), false);
    }

    static UsernamePasswordAuthenticationToken authentication(Actor actor) {
        return UsernamePasswordAuthenticationToken.authenticated(actor, null,
                actor.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }

    <T> T as(String username, java.util.function.Supplier<T> action) {
        Role role = switch (username) {
            case "supervisor" -> Role.SUPERVISOR;
            case "provider" -> Role.PROVIDER_OPERATOR;
            default -> Role.UNIT_SECURITY_OFFICER;
        };
        SecurityContextHolder.getContext().setAuthentication(authentication(actorOf(username, role)));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static int status(MvcResult r) {
        return r.getResponse().getStatus();
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** A one-page PDF standing in for a scan. */
    static byte[] minimalPdf() throws Exception {
        try (PDDocument doc = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage(PDRectangle.A4));
            doc.save(out);
            return out.toByteArray();
        }
    }
}

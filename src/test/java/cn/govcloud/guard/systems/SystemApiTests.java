package cn.govcloud.guard.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Systems part of API.md and the lifecycle the aggregate guards (A7, A11.1, A11.2, A11.4). */
@AppTest
class SystemApiTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Autowired
    void client(MockMvc mvc) {
    }

    @Autowired
    JdbcClient jdbc;

    private long create(String user, String name, int level) throws Exception {
        MvcResult r = api.json(user, post("/api/v1/systems"), """
                {"name":"%s","mlpsLevel":%d,"purpose":"测试","filingNumber":"15020099999-00001","nonClassified":true,"nonClassifiedDeclarant":"张三","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],"addresses":["10.20.1.5","10.20.2.0/24","zs.example.gov.cn"]}"""
                .formatted(name, level));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return ApiClient.body(r).get("id").asLong();
    }

    private void agreement(String user, long id) throws Exception {
        MvcResult r = api.call(user, multipart("/api/v1/systems/" + id + "/agreement")
                .file(new MockMultipartFile("file", "协议.pdf", "application/pdf", PDF))
                .param("agreementNumber", "BTZWY-XY-2026-0001").param("unitSignatory", "李局长").param("providerSignatory", "王经理").param("signedOn", "2026-11-20"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
    }

    private void item(String user, long id, String kind) throws Exception {
        var req = multipart("/api/v1/systems/" + id + "/verification/" + kind)
                .file(new MockMultipartFile("file", kind + ".pdf", "application/pdf", PDF));
        if (kind.equals("MLPS_CERTIFICATE")) {
            req.param("certNumber", "DJCP-2026-001").param("certDate", "2026-03-01").param("conclusion", "良")
                    .param("validUntil", "2027-03-01").param("certLevel", "3");
        }
        MvcResult r = api.call(user, req);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
    }

    /** A7.1: the six minimum protections declared present (admission checks them, issue 17 point 8). */
    void protections(String user, long id) throws Exception {
        for (String m : new String[] {"FIREWALL", "IDS_IPS", "ENDPOINT", "CRYPTO", "LOCAL_BACKUP", "OFFSITE_BACKUP"}) {
            MvcResult r = api.call(user, multipart("/api/v1/systems/" + id + "/protections/" + m).param("present", "true").param("detail", "已部署 " + m));
            assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isIn(200, 201);
        }
    }

    private int review(long id, String kind, boolean accept, String reason) throws Exception {
        return api.json("supervisor", post("/api/v1/systems/" + id + "/verification/" + kind + "/review"),
                "{\"accept\":" + accept + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}").getResponse().getStatus();
    }

    @Test
    void aUnitRegistersASystem_201WithIdAndStatus() throws Exception {
        long id = create("unit1", "招生考试报名系统", 3);
        MvcResult r = api.call("unit1", get("/api/v1/systems/" + id));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode s = ApiClient.body(r);
        assertThat(s.get("status").asText()).isEqualTo("DRAFT");
        assertThat(s.get("mlpsLevel").asInt()).isEqualTo(3);
        assertThat(s.get("responsibleMobile").asText()).isEqualTo("138****5678");
        assertThat(s.get("addresses")).hasSize(3);
        assertThat(s.get("timeline").get(0).get("action").asText()).isEqualTo("REGISTER");
        // system.registered raised the unit's A11.1 and A7.1 duties in the same transaction
        assertThat(s.get("duties").toString()).contains("A11.1-responsibility-agreement", "A7.1-protection-declaration");
        // the full number only on request, audited; never for another unit
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id + "/responsible-mobile"))).get("responsibleMobile").asText())
                .isEqualTo("13812345678");
        assertThat(api.call("unit2", get("/api/v1/systems/" + id + "/responsible-mobile")).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("regulator", get("/api/v1/systems/" + id + "/responsible-mobile")).getResponse().getStatus()).isEqualTo(403);
        // the mobile number is stored sealed
        String sealed = jdbc.sql("select responsible_mobile_sealed from systems_system where id = :id").param("id", id).query(String.class).single();
        assertThat(sealed).doesNotContain("13812345678");
    }

    @Test
    void invalidInputIs400WithFieldErrorsAndNothingSaved() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        MvcResult r = api.json("unit1", post("/api/v1/systems"), """
                {"name":"","mlpsLevel":7,"responsibleMobile":"12345","exposure":["MOON"],"addresses":["10.0.0.300","not a host"]}""");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        String text = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).contains("name", "mlpsLevel", "responsibleMobile", "exposure", "addresses", "10.0.0.300");
        assertThat(api.json("unit1", post("/api/v1/systems"), "{\"name\":\"x\",\"mlpsLevel\":\"three\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void admissionWithoutASignedAgreementIs409NamingA11_1() throws Exception {
        long id = create("unit1", "无协议系统", 2);
        MvcResult r = api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("rule").asText()).isEqualTo("A11.1");
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id))).get("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void anotherUnitsSystemIs404AndNotListed_A4() throws Exception {
        long id = create("unit1", "教育局内部系统", 2);
        assertThat(api.call("unit2", get("/api/v1/systems/" + id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit2", post("/api/v1/systems/" + id + "/admission")).getResponse().getStatus()).isEqualTo(404);
        assertThat(ApiClient.body(api.call("unit2", get("/api/v1/systems?limit=200"))).get("items").toString()).doesNotContain("\"id\":" + id + ",");
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/systems?limit=200"))).get("items").toString()).contains("\"id\":" + id + ",");
        assertThat(api.call("regulator", get("/api/v1/systems/" + id)).getResponse().getStatus()).isEqualTo(200);
        // overseers do not register systems
        assertThat(api.json("supervisor", post("/api/v1/systems"), "{\"name\":\"x\",\"mlpsLevel\":2}").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void updateOnlyWhileDraft() throws Exception {
        long id = create("unit1", "草稿系统", 2);
        MvcResult r = api.json("unit1", put("/api/v1/systems/" + id), "{\"name\":\"草稿系统（改）\",\"mlpsLevel\":3,\"exposure\":[\"INTERNET\"]}");
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(r).get("mlpsLevel").asInt()).isEqualTo(3);
        assertThat(api.call("unit1", post("/api/v1/systems/" + id + "/submission")).getResponse().getStatus()).isEqualTo(200);
        r = api.json("unit1", put("/api/v1/systems/" + id), "{\"name\":\"再改\",\"mlpsLevel\":3,\"exposure\":[\"INTERNET\"]}");
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("AWAITING_AGREEMENT");
    }

    @Test
    void theWholeLifecycle_illegalTransitionsRefusedWithStateAndRule() throws Exception {
        long id = create("unit1", "社保经办系统", 3);
        // the supervisor cannot admit a draft: 409 naming the rule and the current state
        MvcResult r = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("rule").asText()).isEqualTo("A11.2");
        assertThat(ApiClient.body(r).get("detail").asText()).contains("DRAFT");
        assertThat(api.json("supervisor", post("/api/v1/systems/" + id + "/suspension"), "{\"reason\":\"x\"}").getResponse().getStatus())
                .isEqualTo(409);

        agreement("unit1", id);
        String dutyState = "select state from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = :rule";
        // the agreement is filed as the A11.1 duty's evidence
        assertThat(jdbc.sql(dutyState).param("id", id).param("rule", "A11.1-responsibility-agreement").query(String.class).single())
                .isEqualTo("SUBMITTED");
        r = api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(ApiClient.body(r).get("status").asText()).isEqualTo("AWAITING_VERIFICATION");
        assertThat(ApiClient.body(api.call("supervisor", get("/api/v1/systems/" + id))).get("duties").toString()).contains("A11.2-admission-check");
        // asking again is an illegal transition
        r = api.call("unit1", post("/api/v1/systems/" + id + "/admission"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("detail").asText()).contains("AWAITING_VERIFICATION");

        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST", "PENETRATION_TEST"}) {
            item("unit1", id, kind);
        }
        assertThat(review(id, "PENETRATION_TEST", false, null)).isEqualTo(400); // a return needs a reason
        assertThat(review(id, "PENETRATION_TEST", false, "报告缺少复测结果")).isEqualTo(200);
        for (String kind : new String[] {"MLPS_CERTIFICATE", "CRYPTO_PLAN", "SECURITY_TEST"}) {
            assertThat(review(id, kind, true, null)).isEqualTo(200);
        }
        // not all passed: neither admission nor a switch
        r = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("rule").asText()).isEqualTo("A11.2");
        r = api.json("supervisor", post("/api/v1/systems/" + id + "/internet-access"), "{\"on\":true,\"reason\":\"经评估同意开通\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("rule").asText()).isEqualTo("A11.2");

        item("unit1", id, "PENETRATION_TEST");
        assertThat(review(id, "PENETRATION_TEST", true, null)).isEqualTo(200);
        protections("unit1", id);
        r = api.call("supervisor", post("/api/v1/systems/" + id + "/admit"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(r).get("status").asText()).isEqualTo("ADMITTED");
        assertThat(ApiClient.body(r).get("internetAccess").asBoolean()).isFalse();
        // the supervisor's own A11.2 check is filed by the admission (nobody reviews the supervisor's own duty: accepted at once)
        assertThat(jdbc.sql(dutyState).param("id", id).param("rule", "A11.2-admission-check").query(String.class).single())
                .isEqualTo("ACCEPTED");
        // the unit cannot switch anything on itself
        assertThat(api.json("unit1", post("/api/v1/systems/" + id + "/internet-access"), "{\"on\":true,\"reason\":\"经评估同意开通\"}").getResponse().getStatus()).isEqualTo(403);
        // issue 23 point 8: switching on needs a reason (400 naming it) ...
        r = api.json("supervisor", post("/api/v1/systems/" + id + "/external-exchange"), "{\"on\":true}");
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("reason");
        // ... and internet access is refused while the declared exposure (GOV_EXTRANET here) does not include the internet
        r = api.json("supervisor", post("/api/v1/systems/" + id + "/internet-access"), "{\"on\":true,\"reason\":\"经评估同意开通\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("rule").asText()).isEqualTo("A11.2");
        assertThat(ApiClient.body(r).get("detail").asText()).contains("暴露面");
        r = api.json("supervisor", post("/api/v1/systems/" + id + "/external-exchange"), "{\"on\":true,\"reason\":\"经评估同意开通\"}");
        assertThat(ApiClient.body(r).get("internetAccess").asBoolean()).isFalse();
        assertThat(ApiClient.body(r).get("externalExchange").asBoolean()).isTrue();
        assertThat(jdbc.sql("select details from audit_record where action = 'systems.switch' and target = :t order by id desc limit 1")
                .param("t", "system:" + id).query(String.class).single()).contains("经评估同意开通");

        r = api.json("supervisor", post("/api/v1/systems/" + id + "/suspension"), "{\"reason\":\"重大安全隐患未整改\"}");
        assertThat(ApiClient.body(r).get("status").asText()).isEqualTo("SUSPENDED");
        r = api.json("supervisor", post("/api/v1/systems/" + id + "/exit-order"), "{\"reason\":\"逾期未整改\",\"deadline\":\"2099-01-31\"}");
        assertThat(ApiClient.body(r).get("status").asText()).isEqualTo("EXIT_ORDERED");
        assertThat(ApiClient.body(r).get("exitDeadline").asText()).isEqualTo("2099-01-31");
        assertThat(api.json("unit1", post("/api/v1/systems/" + id + "/exit"), "{}").getResponse().getStatus()).isEqualTo(400);
        r = api.json("unit1", post("/api/v1/systems/" + id + "/exit"), "{\"dataDisposition\":\"数据已迁移至本单位机房并在云上彻底删除\"}");
        assertThat(ApiClient.body(r).get("status").asText()).isEqualTo("EXITED");
        r = api.json("supervisor", post("/api/v1/systems/" + id + "/suspension"), "{\"reason\":\"x\"}");
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(ApiClient.body(r).get("detail").asText()).contains("EXITED");

        JsonNode system = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id)));
        assertThat(system.get("timeline").toString()).contains("REQUEST_ADMISSION", "ITEM_RETURNED:PENETRATION_TEST", "ADMIT",
                "EXTERNAL_EXCHANGE:ON", "SUSPEND", "ORDER_EXIT", "COMPLETE_EXIT");
        assertThat(system.get("duties").toString()).contains("A11.4-suspension-review", "A11.4-ordered-exit");
        assertThat(jdbc.sql("select count(*) from audit_record where target = :t").param("t", "system:" + id).query(Long.class).single())
                .isGreaterThanOrEqualTo(10);
    }

    @Test
    void documentsAreDownloadedOnlyThroughTheirSystem() throws Exception {
        long id = create("unit1", "文档系统", 2);
        agreement("unit1", id);
        long doc = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id))).get("agreement").get("documentId").asLong();
        MvcResult r = api.call("unit1", get("/api/v1/systems/" + id + "/documents/" + doc));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(api.call("unit2", get("/api/v1/systems/" + id + "/documents/" + doc)).getResponse().getStatus()).isEqualTo(404);
        long other = create("unit1", "另一个系统", 2);
        assertThat(api.call("unit1", get("/api/v1/systems/" + other + "/documents/" + doc)).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void protectionsAreDeclaredOneByOneAndFileTheA7_1DutyOnceAllSixAre() throws Exception {
        long id = create("unit1", "防护措施系统", 3);
        MvcResult r = api.call("unit1", post("/api/v1/systems/" + id + "/protections/CRYPTO").param("present", "true"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400); // which products, with their certificate numbers?
        assertThat(api.call("unit1", post("/api/v1/systems/" + id + "/protections/LASER").param("present", "true")).getResponse().getStatus())
                .isEqualTo(400);
        String[][] measures = {{"FIREWALL", "true", "下一代防火墙 NGFW-3000"}, {"IDS_IPS", "true", "IPS-2000"}, {"ENDPOINT", "true", "终端安全管理系统"},
                {"CRYPTO", "true", "SM2/SM3/SM4 密码服务（商用密码产品认证证书 GM003312220230001）"}, {"LOCAL_BACKUP", "true", "每日全量"},
                {"OFFSITE_BACKUP", "false", ""}};
        for (String[] m : measures) {
            var req = multipart("/api/v1/systems/" + id + "/protections/" + m[0]).param("present", m[1]).param("detail", m[2]);
            if (m[0].equals("FIREWALL")) {
                req.file(new MockMultipartFile("file", "防火墙策略.pdf", "application/pdf", PDF));
            }
            r = api.call("unit1", req);
            assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        }
        JsonNode system = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id)));
        assertThat(system.get("protections").get("OFFSITE_BACKUP").get("present").asBoolean()).isFalse();
        assertThat(system.get("protections").get("FIREWALL").get("present").asBoolean()).isTrue();
        assertThat(system.get("timeline").toString()).contains("PROTECTION:CRYPTO");
        String duty = jdbc.sql("select state from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = 'A7.1-protection-declaration'")
                .param("id", id).query(String.class).single();
        assertThat(duty).isEqualTo("SUBMITTED");
        assertThat(api.call("unit2", post("/api/v1/systems/" + id + "/protections/FIREWALL").param("present", "true")).getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void contractorsAreEngagedWithTheirDataAccessAndTheirSignedAgreementsFileTheA7_2Duty() throws Exception {
        long id = create("unit1", "承建运维系统", 3);
        assertThat(api.json("unit1", post("/api/v1/systems/" + id + "/contractors"), "{\"name\":\"\",\"role\":\"PAINTER\"}").getResponse().getStatus())
                .isEqualTo(400);
        MvcResult r = api.json("unit1", post("/api/v1/systems/" + id + "/contractors"),
                "{\"name\":\"包头云智科技有限公司\",\"role\":\"OPERATOR\",\"dataAccess\":\"仅运维账号，不接触业务数据\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        long contractor = ApiClient.body(r).get("id").asLong();
        String duty = "select state from duties_duty where subject_kind = 'SYSTEM' and subject_id = :id and rule_id = 'A7.2-contractor-agreements'";
        assertThat(jdbc.sql(duty).param("id", id).query(String.class).single()).isEqualTo("OPEN");
        // one of the two documents missing: refused, nothing stored
        r = api.call("unit1", multipart("/api/v1/systems/" + id + "/contractors/" + contractor + "/agreements")
                .file(new MockMultipartFile("confidentiality", "保密协议.pdf", "application/pdf", PDF)).param("signedOn", "2026-11-02"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        r = api.call("unit1", multipart("/api/v1/systems/" + id + "/contractors/" + contractor + "/agreements")
                .file(new MockMultipartFile("confidentiality", "保密协议.pdf", "application/pdf", PDF))
                .file(new MockMultipartFile("responsibility", "安全责任书.pdf", "application/pdf", PDF))
                .param("signedOn", "2026-11-02").param("expiresOn", "2027-11-01"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(ApiClient.body(r).get("responsibilityDocumentId").isNull()).isFalse();
        assertThat(jdbc.sql(duty).param("id", id).query(String.class).single()).isEqualTo("SUBMITTED");
        assertThat(ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id))).get("contractors").toString()).contains("包头云智科技有限公司");
        assertThat(api.call("unit2", multipart("/api/v1/systems/" + id + "/contractors/" + contractor + "/agreements")).getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void hostileUploadsAreRefusedCleanlyAndChangeNothing() throws Exception {
        long id = create("unit1", "恶意文件系统", 2);
        long documents = jdbc.sql("select count(*) from documents_file").query(Long.class).single();
        int timeline = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id))).get("timeline").size(); // registered (and declared, A2)
        // an executable that calls itself a PDF
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        MvcResult r = api.call("unit1", multipart("/api/v1/systems/" + id + "/agreement")
                .file(new MockMultipartFile("file", "协议.pdf", "application/pdf", exe))
                .param("agreementNumber", "X-1").param("unitSignatory", "李局长").param("providerSignatory", "王经理").param("signedOn", "2026-11-20"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        // a zip bomb's cousin: a file far over the size limit
        byte[] huge = new byte[(int) cn.govcloud.guard.documents.Documents.MAX_BYTES + 10];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        r = api.call("unit1", multipart("/api/v1/systems/" + id + "/verification/CRYPTO_PLAN")
                .file(new MockMultipartFile("file", "方案.pdf", "application/pdf", huge)));
        assertThat(r.getResponse().getStatus()).isIn(400, 413);
        JsonNode system = ApiClient.body(api.call("unit1", get("/api/v1/systems/" + id)));
        assertThat(system.get("agreement").isNull()).isTrue();
        assertThat(system.get("verification").size()).isZero();
        assertThat(system.get("timeline")).hasSize(timeline);
        assertThat(jdbc.sql("select count(*) from documents_file").query(Long.class).single()).isEqualTo(documents);
        assertThat(jdbc.sql("select count(*) from systems_document where system_id = :id").param("id", id).query(Long.class).single()).isZero();
    }

    @Test
    void admittedSystemsAreTheDutyEnginesSubjects() throws Exception {
        var source = sources.stream().filter(s -> s.kind() == cn.govcloud.guard.rules.Rule.SubjectKind.SYSTEM).findFirst().orElseThrow();
        // the demo city's admitted systems, with the attributes the catalog's conditions test
        var admitted = source.subjects().stream().filter(s -> s.name().equals("教育局招生考试系统")).findFirst().orElseThrow();
        assertThat(admitted.attributes().get("mlpsLevel")).isEqualTo(3);
        // A8.2: the demo catalogues the 学籍 data of this system as important data (DemoData)
        assertThat(admitted.attributes().get("dataGrade")).isEqualTo("important");
        assertThat((Integer) admitted.attributes().get("yearsSinceMlpsAssessment")).isBetween(0, 1);
        assertThat(source.subjects()).noneMatch(s -> s.name().equals("校园安全视频监控平台")); // awaiting verification
        assertThat(source.subjects()).anyMatch(s -> s.name().equals("卫健委预约挂号服务系统")); // suspended still owes duties
    }

    @Autowired
    java.util.List<cn.govcloud.guard.duties.SubjectSource> sources;
}

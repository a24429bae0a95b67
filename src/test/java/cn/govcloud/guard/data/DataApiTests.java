package cn.govcloud.guard.data;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The data-security API: catalog with 就高从严 (A8.2), scoping (A4), backup findings (A7.1, A8.2), cross-border (A8.3). */
@AppTest
class DataApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    private final ApiClient api = new ApiClient(() -> mvc);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long system(String user) throws Exception {
        MvcResult r = api.json(user, post("/api/v1/systems"), """
                {"name":"%s","mlpsLevel":3,"purpose":"数据测试","exposure":["GOV_EXTRANET"],"addresses":[]}""".formatted(unique("数据测试系统")));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        return body(r).get("id").asLong();
    }

    MvcResult dataset(String user, long system, String name, String grade, String partGrade) throws Exception {
        return api.json(user, post("/api/v1/data/datasets"), """
                {"systemId":%d,"name":"%s","description":"全市户籍人口基础信息","businessArea":"公安","volume":"约260万条","storageLocation":"政务云 A 区 数据库集群",
                 "grade":%s,"harmObject":"SOCIAL_ORDER","harmSeverity":"GENERAL","gradingNote":"汇聚后规模较大",
                 "parts":[{"name":"姓名","kind":"PERSONAL","grade":"GENERAL_3"},{"name":"身份证号","kind":"SENSITIVE_PERSONAL","grade":%s}]}"""
                .formatted(system, name, grade == null ? "null" : "\"" + grade + "\"", "\"" + partGrade + "\""));
    }

    long important(String user, long system) throws Exception {
        MvcResult r = dataset(user, system, unique("户籍人口库"), "IMPORTANT", "IMPORTANT");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(body(r).get("grade").asString()).isEqualTo("IMPORTANT");
        return body(r).get("id").asLong();
    }

    List<JsonNode> findings(String user, long datasetId) throws Exception {
        MvcResult r = api.call(user, get("/api/v1/data/findings"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        body(r).forEach(f -> {
            if (f.hasNonNull("datasetId") && f.get("datasetId").asLong() == datasetId) {
                list.add(f);
            }
        });
        return list;
    }

    long policy(String user, long datasetId, boolean offsite, int every, int retention) throws Exception {
        MvcResult r = api.json(user, put("/api/v1/data/backup-policies"), """
                {"datasetId":%d,"localCopy":true,"offsiteCopy":%s,"offsiteLocation":%s,"everyHours":%d,"retentionDays":%d,"rtoHours":4,"rpoHours":24}"""
                .formatted(datasetId, offsite, offsite ? "\"呼和浩特灾备中心\"" : "null", every, retention));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return body(r).get("policy").get("id").asLong();
    }

    @Test
    void a8_2_setIsGradedByItsMostSensitivePart_aLowerGradeIsRefusedNamingThePart() throws Exception {
        long system = system("unit1");
        MvcResult refused = dataset("unit1", system, unique("社保库"), "GENERAL_3", "IMPORTANT");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        JsonNode problem = body(refused);
        assertThat(problem.get("rule").asString()).isEqualTo("A8.2");
        assertThat(problem.get("detail").asString()).contains("就高从严").contains("身份证号").contains("重要数据");

        MvcResult auto = dataset("unit1", system, unique("社保库"), null, "IMPORTANT");
        assertThat(auto.getResponse().getStatus()).isEqualTo(201);
        assertThat(body(auto).get("grade").asString()).as("graded by its most sensitive part").isEqualTo("IMPORTANT");
        assertThat(body(auto).get("parts").size()).isEqualTo(2);

        // the basis alone: serious harm to social order means important data at least
        MvcResult basis = api.json("unit1", post("/api/v1/data/datasets"), """
                {"systemId":%d,"name":"%s","description":"d","businessArea":"公安","volume":"1万条","storageLocation":"A区",
                 "grade":"GENERAL_4","harmObject":"SOCIAL_ORDER","harmSeverity":"SERIOUS","parts":[]}""".formatted(system, unique("治安")));
        assertThat(basis.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(basis).get("rule").asString()).isEqualTo("A8.2");
        assertThat(jdbc.sql("select count(*) from data_dataset where system_id = :s").param("s", system).query(Long.class).single())
                .as("nothing half-saved").isEqualTo(1);
    }

    @Test
    void a8_2_a4_unitSeesOnlyItsOwn_supervisorAndRegulatorSeeImportantDataAcrossUnits_providerNothing() throws Exception {
        long system = system("unit1");
        long id = important("unit1", system);
        assertThat(api.call("unit2", get("/api/v1/data/datasets/" + id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(body(api.call("unit2", get("/api/v1/data/datasets"))).findValuesAsString("name")).doesNotContain(
                body(api.call("unit1", get("/api/v1/data/datasets/" + id))).get("name").asString());
        assertThat(body(api.call("unit2", get("/api/v1/data/important-catalog"))).findValues("id").stream().map(JsonNode::asLong))
                .doesNotContain(id);
        assertThat(body(api.call("unit2", get("/api/v1/data/findings"))).findValues("datasetId").stream().map(JsonNode::asLong))
                .doesNotContain(id);
        // unit2 cannot write for unit1's system
        MvcResult foreign = dataset("unit2", system, unique("越权"), "IMPORTANT", "IMPORTANT");
        assertThat(foreign.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(foreign).get("errors").has("systemId")).isTrue();
        for (String overseer : List.of("supervisor", "regulator")) {
            JsonNode catalog = body(api.call(overseer, get("/api/v1/data/important-catalog")));
            assertThat(catalog.findValues("id").stream().map(JsonNode::asLong)).as(overseer).contains(id);
            catalog.forEach(d -> assertThat(d.get("grade").asString()).isIn("IMPORTANT", "CORE"));
            assertThat(catalog.findValuesAsString("orgName")).contains("包头市教育局");
        }
        assertThat(api.json("supervisor", post("/api/v1/data/datasets"), "{}").getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/data/datasets")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/data/important-catalog")).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void a8_2_a7_1_policyBelowTheCatalogMinimumIsAFindingNamingTheRule_fixedItDisappears() throws Exception {
        long id = important("unit1", system("unit1"));
        assertThat(findings("unit1", id)).extracting(f -> f.get("kind").asString()).containsExactly("NO_POLICY");
        JsonNode minimum = null;
        for (JsonNode m : body(api.call("unit1", get("/api/v1/data/backup-minimums")))) {
            if (m.get("grade").asString().equals("important")) {
                minimum = m;
            }
        }
        assertThat(minimum).isNotNull();
        assertThat(minimum.get("offsite").asBoolean()).isTrue();
        assertThat(minimum.get("maxEveryHours").asInt()).isEqualTo(24);

        long policy = policy("unit1", id, false, 48, 30);
        List<JsonNode> below = findings("unit1", id);
        assertThat(below).hasSize(1);
        assertThat(below.get(0).get("kind").asString()).isEqualTo("BELOW_MINIMUM");
        assertThat(below.get(0).get("rule").asString()).isEqualTo("A8.2-backup-policy-check");
        assertThat(below.get(0).get("message").asString()).contains("异地").contains("48");
        assertThat(body(api.call("supervisor", get("/api/v1/data/findings"))).findValues("policyId").stream().map(JsonNode::asLong))
                .as("the supervisor's view lists it too").contains(policy);

        assertThat(policy("unit1", id, true, 24, 90)).as("the same policy, replaced").isEqualTo(policy);
        assertThat(findings("unit1", id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'data.backup-policy.set' and target = :t")
                .param("t", "backup-policy:" + policy).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void a7_1_missedBackupAndFailedRestoreTestAreFindings() throws Exception {
        long id = important("unit1", system("unit1"));
        long policy = policy("unit1", id, true, 24, 90);
        Instant now = clock.instant();
        MvcResult backup = api.json("unit1", post("/api/v1/data/backup-policies/" + policy + "/backups"), """
                {"ranAt":"%s","result":"SUCCESS","sizeBytes":1073741824,"location":"OFFSITE","locationDetail":"呼和浩特灾备中心"}"""
                .formatted(now.minus(Duration.ofHours(1))));
        assertThat(backup.getResponse().getStatus()).as(backup.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(findings("unit1", id)).isEmpty();

        // 24 h interval + 6 h grace from the catalog: 31 hours later the backup is missed
        clock.set(now.plus(Duration.ofHours(31)));
        api.forgetTokens();
        List<JsonNode> missed = findings("unit1", id);
        assertThat(missed).extracting(f -> f.get("kind").asString()).containsExactly("MISSED_BACKUP");
        assertThat(missed.get(0).get("rule").asString()).isEqualTo("A8.2-backup-policy-check");
        clock.reset();
        api.forgetTokens();

        MvcResult failed = api.json("unit1", post("/api/v1/data/backup-policies/" + policy + "/restore-tests"), """
                {"testedAt":"%s","result":"FAILED","location":"OFFSITE","recoveredMinutes":null,"note":"备份文件校验失败"}"""
                .formatted(now.minus(Duration.ofMinutes(30))));
        assertThat(failed.getResponse().getStatus()).isEqualTo(201);
        List<JsonNode> restore = findings("unit1", id);
        assertThat(restore).extracting(f -> f.get("rule").asString()).containsExactly("A7.1-backup-restore-test");
        api.json("unit1", post("/api/v1/data/backup-policies/" + policy + "/restore-tests"), """
                {"testedAt":"%s","result":"SUCCESS","location":"OFFSITE","recoveredMinutes":42}""".formatted(now.minus(Duration.ofMinutes(5))));
        assertThat(findings("unit1", id)).isEmpty();
        JsonNode detail = body(api.call("unit1", get("/api/v1/data/backup-policies/" + policy)));
        assertThat(detail.get("backups").size()).isEqualTo(1);
        assertThat(detail.get("restoreTests").size()).isEqualTo(2);
        // unit2 cannot record on unit1's policy
        assertThat(api.json("unit2", post("/api/v1/data/backup-policies/" + policy + "/backups"), """
                {"ranAt":"%s","result":"SUCCESS","location":"LOCAL"}""".formatted(now)).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void a8_3_importantDataLeavingWithoutAnApprovedSecurityAssessmentIsAFinding() throws Exception {
        long id = important("unit1", system("unit1"));
        policy("unit1", id, true, 24, 90);
        MvcResult r = api.json("unit1", post("/api/v1/data/transfers"), """
                {"datasetId":%d,"recipient":"某国际研究机构","country":"新加坡","purpose":"联合研究","legalBasis":"STANDARD_CONTRACT","status":"FILED"}"""
                .formatted(id));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        long transfer = body(r).get("id").asLong();
        List<JsonNode> f = findings("unit1", id);
        assertThat(f).extracting(x -> x.get("rule").asString()).containsExactly("A8.3-cross-border-assessment");
        assertThat(f.get(0).get("transferId").asLong()).isEqualTo(transfer);
        assertThat(jdbc.sql("select count(*) from duties_duty where reference = :r").param("r", "data-transfer:" + transfer)
                .query(Long.class).single()).as("the A8.3 duty to record the basis").isGreaterThan(0);

        MvcResult approved = api.json("unit1", put("/api/v1/data/transfers/" + transfer), """
                {"legalBasis":"SECURITY_ASSESSMENT","status":"APPROVED","validUntil":"2099-12-31"}""");
        assertThat(approved.getResponse().getStatus()).isEqualTo(200);
        assertThat(findings("unit1", id)).isEmpty();
        assertThat(api.call("unit2", get("/api/v1/data/transfers/" + transfer)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("regulator", get("/api/v1/data/transfers/" + transfer)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void issue23_11_theApiListsTakeThePagesFiltersAsOptionalParameters_aBadValueIsA400NamingIt() throws Exception {
        long id = important("unit1", system("unit1"));
        String name = body(api.call("unit1", get("/api/v1/data/datasets/" + id))).get("name").asString();
        assertThat(top(api.call("unit1", get("/api/v1/data/datasets?q=" + name)), "name")).containsExactly(name);
        assertThat(top(api.call("supervisor", get("/api/v1/data/datasets?q=" + name + "&grade=IMPORTANT&page=0&size=20")), "name")).containsExactly(name);
        assertThat(body(api.call("supervisor", get("/api/v1/data/datasets?q=" + name + "&grade=GENERAL_3")))).isEmpty();
        assertThat(top(api.call("supervisor", get("/api/v1/data/important-catalog?q=" + name + "&state=NO_POLICY")), "name")).containsExactly(name);
        assertThat(top(api.call("regulator", get("/api/v1/data/findings?q=" + name + "&state=NO_POLICY")), "rule")).containsExactly("A8.2-backup-policy-check");

        String recipient = unique("检索接收方");
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        MvcResult r = api.json("unit1", post("/api/v1/data/transfers"), """
                {"datasetId":%d,"recipient":"%s","country":"新加坡","purpose":"联合研究","legalBasis":"SECURITY_ASSESSMENT","status":"APPROVED",
                 "validUntil":"%s"}""".formatted(id, recipient, today.plusDays(3)));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(top(api.call("unit1", get("/api/v1/data/transfers?q=" + recipient + "&due=week&state=APPROVED")), "recipient")).containsExactly(recipient);
        assertThat(body(api.call("unit1", get("/api/v1/data/transfers?q=" + recipient + "&due=past")))).isEmpty();
        assertThat(body(api.call("unit1", get("/api/v1/data/transfers?q=" + recipient + "&state=FILED")))).isEmpty();

        for (String bad : List.of("/api/v1/data/datasets?grade=SECRET", "/api/v1/data/transfers?due=soon", "/api/v1/data/findings?state=LATE",
                "/api/v1/data/important-catalog?grade=GENERAL_2", "/api/v1/data/datasets?size=7")) {
            MvcResult refused = api.call("supervisor", get(bad));
            assertThat(refused.getResponse().getStatus()).as(bad).isEqualTo(400);
            String param = bad.substring(bad.indexOf('?') + 1, bad.indexOf('='));
            assertThat(refused.getResponse().getContentAsString()).as(bad).contains(param);
        }
    }

    /** The field of each row of a list answer (not of the rows' parts). */
    static List<String> top(MvcResult r, String field) throws Exception {
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        body(r).forEach(row -> values.add(row.get(field).asString()));
        return values;
    }
}

package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A5.5 supply chain over the API: SBOM import (API.md "Supply chain"), hostile files, assessment before use, findings, OSV matching. */
@AppTest
class SupplyChainApiTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private final ApiClient api = new ApiClient(() -> mvc);

    private MvcResult sbom(String user, String filename, byte[] content) throws Exception {
        return api.call(user, multipart("/api/v1/supply-chain/sbom").file(new MockMultipartFile("file", filename, "application/octet-stream", content)));
    }

    /** A CycloneDX 1.5 JSON document listing the given components (name@version, purl under a unique namespace). */
    static String cdxJson(String ns, String... nameVersions) {
        StringBuilder c = new StringBuilder();
        for (String nv : nameVersions) {
            String[] p = nv.split("@");
            if (c.length() > 0) {
                c.append(',');
            }
            c.append("{\"type\":\"library\",\"name\":\"").append(p[0]).append("\",\"version\":\"").append(p[1])
                    .append("\",\"purl\":\"pkg:maven/").append(ns).append('/').append(p[0]).append('@').append(p[1])
                    .append("\",\"licenses\":[{\"license\":{\"id\":\"Apache-2.0\"}}]}");
        }
        // each test describes its own product, so one test's SBOM does not remove another's components
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"metadata\":{\"component\":{\"type\":\"application\","
                + "\"name\":\"product-" + ns + "\"}},\"components\":[" + c + "]}";
    }

    private long items() {
        return jdbc.sql("select count(*) from platform_supply_item").query(Long.class).single();
    }

    private long imports() {
        return jdbc.sql("select count(*) from platform_sbom_import").query(Long.class).single();
    }

    private long itemId(String purl) {
        return jdbc.sql("select id from platform_supply_item where purl = :p").param("p", purl).query(Long.class).single();
    }

    /** A CycloneDX 1.6 JSON document of {@code subject} (none: no metadata.component) listing components by purl (pkg:type/name@version). */
    static String bom(String subject, String... purls) {
        StringBuilder c = new StringBuilder();
        for (String purl : purls) {
            String nameVersion = purl.substring(purl.lastIndexOf('/') + 1);
            String[] p = nameVersion.split("@");
            c.append(c.length() == 0 ? "" : ",").append("{\"type\":\"library\",\"name\":\"").append(p[0]).append("\",\"version\":\"")
                    .append(p[1]).append("\",\"purl\":\"").append(purl).append("\"}");
        }
        String metadata = subject == null ? "" : ",\"metadata\":{\"component\":{\"type\":\"application\",\"name\":\"" + subject + "\"}}";
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1" + metadata + ",\"components\":[" + c + "]}";
    }

    private MvcResult sbom(String user, String filename, byte[] content, String subject) throws Exception {
        var request = multipart("/api/v1/supply-chain/sbom").file(new MockMultipartFile("file", filename, "application/json", content));
        if (subject != null) {
            request.param("subject", subject);
        }
        return api.call(user, request);
    }

    private boolean inUse(String purl) {
        return jdbc.sql("select in_use and removed_at is null from platform_supply_item where purl = :p").param("p", purl)
                .query(Boolean.class).single();
    }

    private java.util.List<String> advisoriesOf(String purl) {
        return jdbc.sql("select m.advisory_id from platform_advisory_match m join platform_supply_item i on i.id = m.item_id where i.purl = :p "
                + "order by m.advisory_id").param("p", purl).query(String.class).list();
    }

    private MvcResult advisories(String fixture) throws Exception {
        byte[] content;
        try (var in = getClass().getResourceAsStream("/supplychain/" + fixture)) {
            content = in.readAllBytes();
        }
        return api.call("provider", multipart("/api/v1/supply-chain/advisories")
                .file(new MockMultipartFile("file", fixture, "application/json", content)));
    }

    @Test
    void anSbomThatNamesNoProductIsRefusedUnlessTheUploaderNamesIt_A5_5() throws Exception {
        String ns = "nosubject" + UUID.randomUUID().toString().substring(0, 8);
        long before = items();
        long importsBefore = imports();
        byte[] unnamed = bom(null, "pkg:npm/" + ns + "-a@1.0.0", "pkg:npm/" + ns + "-b@2.0.0").getBytes(StandardCharsets.UTF_8);
        MvcResult refused = sbom("provider", "unnamed.json", unnamed, null);
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("metadata.component");
        assertThat(items()).isEqualTo(before);
        assertThat(imports()).isEqualTo(importsBefore);

        MvcResult named = sbom("provider", "unnamed.json", unnamed, "办公自动化系统 " + ns);
        assertThat(named.getResponse().getStatus()).as(named.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(ApiClient.body(named).get("new").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select subject from platform_sbom_import order by id desc limit 1").query(String.class).single())
                .isEqualTo("办公自动化系统 " + ns);
    }

    @Test
    void aComponentTwoProductsShareStaysInUseUntilNeitherListsIt_A5_5() throws Exception {
        String ns = "shared" + UUID.randomUUID().toString().substring(0, 8);
        String shared = "pkg:npm/" + ns + "-lib@1.0.0";
        String onlyA = "pkg:npm/" + ns + "-a@1.0.0";
        String onlyB = "pkg:npm/" + ns + "-b@1.0.0";
        assertThat(sbom("provider", "a.json", bom("产品A " + ns, shared, onlyA).getBytes(StandardCharsets.UTF_8), null).getResponse().getStatus())
                .isEqualTo(201);
        MvcResult b = sbom("provider", "b.json", bom("产品B " + ns, shared, onlyB).getBytes(StandardCharsets.UTF_8), null);
        assertThat(ApiClient.body(b).get("new").asInt()).isEqualTo(1); // the shared library is already in the register

        // product A drops the shared library: B still lists it, so it stays in use; only A's own component is removed
        MvcResult a2 = sbom("provider", "a2.json", bom("产品A " + ns, onlyA).getBytes(StandardCharsets.UTF_8), null);
        assertThat(ApiClient.body(a2).get("removed").asInt()).isZero();
        assertThat(inUse(shared)).isTrue();
        // product B drops it too: now nobody lists it
        MvcResult b2 = sbom("provider", "b2.json", bom("产品B " + ns, onlyB).getBytes(StandardCharsets.UTF_8), null);
        assertThat(ApiClient.body(b2).get("removed").asInt()).isEqualTo(1);
        assertThat(inUse(shared)).isFalse();
        assertThat(inUse(onlyA)).isTrue();
        assertThat(inUse(onlyB)).isTrue();
    }

    @Test
    void publishedAdvisoriesMatchTheComponentsInsideTheirRangesPerEcosystem_A5_5() throws Exception {
        // two products, as the review found: one lists ini 1.3.4, the other ini 1.3.5; ini 1.3.6 is fixed
        sbom("provider", "node-a.json", bom("Node 服务甲", "pkg:npm/ini@1.3.4", "pkg:npm/ini@1.3.6").getBytes(StandardCharsets.UTF_8), null);
        sbom("provider", "node-b.json", bom("Node 服务乙", "pkg:npm/ini@1.3.5").getBytes(StandardCharsets.UTF_8), null);
        sbom("provider", "java.json", bom("Java 服务", "pkg:maven/org.apache.logging.log4j/log4j-core@2.0-beta9",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.12.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.12.2",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1")
                .getBytes(StandardCharsets.UTF_8), null);

        MvcResult ini = advisories("GHSA-qqgx-2p2h-9c37.json");
        assertThat(ini.getResponse().getStatus()).as(ini.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(advisoriesOf("pkg:npm/ini@1.3.4")).containsExactly("GHSA-qqgx-2p2h-9c37");
        assertThat(advisoriesOf("pkg:npm/ini@1.3.5")).containsExactly("GHSA-qqgx-2p2h-9c37");
        assertThat(advisoriesOf("pkg:npm/ini@1.3.6")).isEmpty();

        // a second upload adds to the matches; Maven versions compare as Maven does (2.0-beta9 < 2.3.1, 2.12.1 < 2.12.2)
        assertThat(advisories("GHSA-jfh8-c2jp-5v3q.json").getResponse().getStatus()).isEqualTo(200);
        assertThat(advisoriesOf("pkg:maven/org.apache.logging.log4j/log4j-core@2.0-beta9")).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(advisoriesOf("pkg:maven/org.apache.logging.log4j/log4j-core@2.12.1")).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(advisoriesOf("pkg:maven/org.apache.logging.log4j/log4j-core@2.12.2")).isEmpty();
        assertThat(advisoriesOf("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(advisoriesOf("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1")).isEmpty();
        assertThat(advisoriesOf("pkg:npm/ini@1.3.4")).containsExactly("GHSA-qqgx-2p2h-9c37");
        // the same file again finds nothing new and keeps what it found
        MvcResult again = advisories("GHSA-qqgx-2p2h-9c37.json");
        assertThat(ApiClient.body(again).get("matches").asInt()).isZero();
        assertThat(advisoriesOf("pkg:npm/ini@1.3.5")).containsExactly("GHSA-qqgx-2p2h-9c37");
    }

    @Test
    void cryptographicAndHardwareEntriesAreNotThirdPartyComponents_A5_5() throws Exception {
        String ns = "cbom" + UUID.randomUUID().toString().substring(0, 8);
        String cbom = """
                {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"type":"application","name":"密码服务 %1$s"}},
                 "components":[
                  {"type":"cryptographic-asset","name":"SM4-GCM-%1$s","cryptoProperties":{"assetType":"algorithm"}},
                  {"type":"device","name":"密码机-%1$s","components":[
                     {"type":"firmware","name":"hsm-firmware-%1$s","version":"5.1","purl":"pkg:generic/hsm-firmware-%1$s@5.1"}]},
                  {"type":"library","name":"bcprov-%1$s","version":"1.87","purl":"pkg:maven/org.bouncycastle/bcprov-%1$s@1.87"}]}"""
                .formatted(ns);
        MvcResult r = sbom("provider", "cbom.json", cbom.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(ApiClient.body(r).get("components").asInt()).isEqualTo(2); // the library and the device's firmware
        assertThat(jdbc.sql("select count(*) from platform_supply_item where name in (:n)").param("n", java.util.List.of("SM4-GCM-" + ns,
                "密码机-" + ns)).query(Long.class).single()).isZero();

        String onlyCrypto = """
                {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"type":"application","name":"算法清单 %1$s"}},
                 "components":[{"type":"cryptographic-asset","name":"SM2-%1$s","cryptoProperties":{"assetType":"algorithm"}}]}""".formatted(ns);
        MvcResult refused = sbom("provider", "only-crypto.json", onlyCrypto.getBytes(StandardCharsets.UTF_8), null);
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("CBOM/HBOM");
    }

    @Test
    void aScannerReportOrAnAdvisorySentAsAnSbomIsNotCycloneDx_A5_5() throws Exception {
        long importsBefore = imports();
        byte[] scan;
        try (var in = getClass().getResourceAsStream("/intake/openvas-gmp.xml")) {
            scan = in.readAllBytes();
        }
        MvcResult r = sbom("provider", "report.xml", scan, null);
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("不是 CycloneDX");
        byte[] osv;
        try (var in = getClass().getResourceAsStream("/supplychain/GHSA-qqgx-2p2h-9c37.json")) {
            osv = in.readAllBytes();
        }
        MvcResult json = sbom("provider", "advisory.json", osv, null);
        assertThat(json.getResponse().getStatus()).isEqualTo(422);
        assertThat(json.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("不是 CycloneDX");
        assertThat(imports()).isEqualTo(importsBefore);
    }

    @Test
    void importJson_201WithCounts_dedupByPurl_newQueued_removedMarked_A5_5() throws Exception {
        String ns = "org.test" + UUID.randomUUID().toString().substring(0, 8);
        // the same component twice and one without a purl twice (name + version): 3 distinct
        String first = cdxJson(ns, "alpha@1.0", "beta@2.0", "alpha@1.0").replace("]}",
                ",{\"type\":\"library\",\"name\":\"gamma-" + ns + "\",\"version\":\"3\"},{\"type\":\"library\",\"name\":\"GAMMA-" + ns
                        + "\",\"version\":\"3\"}]}");
        MvcResult r = sbom("provider", "bom.json", first.getBytes(StandardCharsets.UTF_8));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode b = ApiClient.body(r);
        assertThat(b.get("components").asInt()).isEqualTo(3);
        assertThat(b.get("new").asInt()).isEqualTo(3);
        assertThat(b.get("removed").asInt()).isEqualTo(0);
        assertThat(b.propertyNames()).containsExactly("components", "new", "removed");
        long alpha = itemId("pkg:maven/" + ns + "/alpha@1.0");
        JsonNode item = ApiClient.body(api.call("provider", get("/api/v1/supply-chain/items/" + alpha)));
        assertThat(item.get("state").asText()).isEqualTo("PENDING");
        assertThat(item.get("inUse").asBoolean()).isTrue();
        assertThat(item.get("kind").asText()).isEqualTo("OPEN_SOURCE");

        // the next SBOM: beta upgraded, gamma gone, alpha kept → 1 new, 2 removed
        MvcResult second = sbom("provider", "bom2.json", cdxJson(ns, "alpha@1.0", "beta@2.1").getBytes(StandardCharsets.UTF_8));
        assertThat(second.getResponse().getStatus()).isEqualTo(201);
        assertThat(ApiClient.body(second).get("new").asInt()).isEqualTo(1);
        assertThat(ApiClient.body(second).get("removed").asInt()).isEqualTo(2);
        JsonNode beta = ApiClient.body(api.call("provider", get("/api/v1/supply-chain/items/" + itemId("pkg:maven/" + ns + "/beta@2.0"))));
        assertThat(beta.get("removedAt").isNull()).isFalse();
        assertThat(beta.get("inUse").asBoolean()).isFalse();
        // the import is audited and raised the batch assessment duty
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'platform.sbom.import'").query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void importXml_parsedWithCycloneDxLibrary() throws Exception {
        String ns = "org.xml" + UUID.randomUUID().toString().substring(0, 8);
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
                  <metadata><component type="application"><name>XML 产品 %1$s</name></component></metadata>
                  <components>
                    <component type="library"><name>delta</name><version>4.0</version><purl>pkg:npm/%1$s/delta@4.0</purl></component>
                    <component type="library"><name>商用中间件</name><version>7</version><supplier><name>某软件公司</name></supplier></component>
                  </components>
                </bom>""".formatted(ns);
        MvcResult r = sbom("provider", "bom.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(ApiClient.body(r).get("components").asInt()).isEqualTo(2);
        String kind = jdbc.sql("select kind from platform_supply_item where name = '商用中间件' order by id desc limit 1").query(String.class).single();
        assertThat(kind).isEqualTo("THIRD_PARTY");
    }

    @Test
    void xxeIsRefused_422_nothingStored_A5_5() throws Exception {
        long before = items();
        long importsBefore = imports();
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
                  <metadata><component type="application"><name>XML 产品 %1$s</name></component></metadata>
                  <components><component type="library"><name>&xxe;</name><version>1</version></component></components>
                </bom>""";
        MvcResult r = sbom("provider", "xxe.xml", xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("DOCTYPE").doesNotContain("root:");
        // billion laughs: refused the same way, before any expansion
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component type=\"library\"><name>&lol2;</name></component></components></bom>";
        assertThat(sbom("provider", "lol.xml", laughs.getBytes(StandardCharsets.UTF_8)).getResponse().getStatus()).isEqualTo(422);
        assertThat(items()).isEqualTo(before);
        assertThat(imports()).isEqualTo(importsBefore);
    }

    @Test
    void a50MbSbomIsRefusedBySizeLimit_422_nothingStored() throws Exception {
        long before = items();
        byte[] big = new byte[50_000_000];
        java.util.Arrays.fill(big, (byte) ' ');
        byte[] head = cdxJson("org.big", "big@1").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        MvcResult r = sbom("provider", "big.json", big);
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("大小上限");
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void malformedAndForeignFilesAreRefusedWhole() throws Exception {
        long before = items();
        long importsBefore = imports();
        String ns = "org.bad" + UUID.randomUUID().toString().substring(0, 8);
        // truncated JSON
        assertThat(sbom("provider", "bad.json", cdxJson(ns, "a@1").substring(0, 60).getBytes(StandardCharsets.UTF_8)).getResponse().getStatus())
                .isEqualTo(422);
        // JSON that is not CycloneDX
        assertThat(sbom("provider", "x.json", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[]}".getBytes(StandardCharsets.UTF_8))
                .getResponse().getStatus()).isEqualTo(422);
        // a binary file
        assertThat(sbom("provider", "x.bin", new byte[] {0x50, 0x4b, 3, 4, 0, 0}).getResponse().getStatus()).isEqualTo(422);
        // valid components followed by one without a name: all or nothing
        String partly = cdxJson(ns, "ok@1", "ok2@1").replace("]}", ",{\"type\":\"library\",\"version\":\"1\"}]}");
        MvcResult r = sbom("provider", "partly.json", partly.getBytes(StandardCharsets.UTF_8));
        assertThat(r.getResponse().getStatus()).isEqualTo(422);
        // no components at all
        assertThat(sbom("provider", "empty.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[]}"
                .getBytes(StandardCharsets.UTF_8)).getResponse().getStatus()).isEqualTo(422);
        // no file
        assertThat(api.call("provider", multipart("/api/v1/supply-chain/sbom")).getResponse().getStatus()).isEqualTo(400);
        assertThat(items()).isEqualTo(before);
        assertThat(imports()).isEqualTo(importsBefore);
    }

    @Test
    void onlyTheProviderImports_oversightReads_unitsAreRefused() throws Exception {
        byte[] bom = cdxJson("org.roles", "r@1").getBytes(StandardCharsets.UTF_8);
        assertThat(sbom("supervisor", "b.json", bom).getResponse().getStatus()).isEqualTo(403);
        assertThat(sbom("unit1", "b.json", bom).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("supervisor", get("/api/v1/supply-chain/summary")).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("regulator", get("/api/v1/supply-chain/items")).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("unit1", get("/api/v1/supply-chain/items")).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void inUseWithoutApprovedAssessmentIsAFinding_untilAssessed_A5_5() throws Exception {
        String ns = "org.find" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(sbom("provider", "f.json", cdxJson(ns, "epsilon@1").getBytes(StandardCharsets.UTF_8)).getResponse().getStatus()).isEqualTo(201);
        long id = itemId("pkg:maven/" + ns + "/epsilon@1");
        assertThat(api.call("supervisor", get("/api/v1/supply-chain/findings?limit=5000")).getResponse().getContentAsString())
                .contains("\"itemId\":" + id + ",");
        // hostile input: unknown values and missing conditions are 400, nothing changes
        MvcResult bad = api.json("provider", post("/api/v1/supply-chain/items/" + id + "/assessment"),
                "{\"riskLevel\":\"严重\",\"conclusion\":\"整改后使用\",\"assessor\":\"\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("riskLevel", "conditions", "assessor");
        assertThat(api.json("supervisor", post("/api/v1/supply-chain/items/" + id + "/assessment"),
                "{\"riskLevel\":\"低\",\"conclusion\":\"可以使用\",\"assessor\":\"王评估\"}").getResponse().getStatus()).isEqualTo(403);
        MvcResult ok = api.json("provider", post("/api/v1/supply-chain/items/" + id + "/assessment"),
                "{\"riskLevel\":\"低\",\"conclusion\":\"可以使用\",\"assessor\":\"王评估\"}");
        assertThat(ok.getResponse().getStatus()).as(ok.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(ApiClient.body(ok).get("state").asText()).isEqualTo("APPROVED");
        assertThat(api.call("supervisor", get("/api/v1/supply-chain/findings?limit=5000")).getResponse().getContentAsString())
                .doesNotContain("\"itemId\":" + id + ",");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'platform.supply.assess' and target = :t")
                .param("t", "supply-item:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aProposedThirdPartyComponentIsNotPutIntoUseBeforeAssessmentAndAgreement_409_A5_5() throws Exception {
        String name = "商用数据库-" + UUID.randomUUID().toString().substring(0, 6);
        MvcResult created = api.json("provider", post("/api/v1/supply-chain/items"),
                "{\"kind\":\"THIRD_PARTY\",\"name\":\"" + name + "\",\"version\":\"8.0\",\"supplier\":\"某数据库公司\"}");
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
        long id = ApiClient.body(created).get("id").asLong();
        MvcResult early = api.call("provider", post("/api/v1/supply-chain/items/" + id + "/in-use"));
        assertThat(early.getResponse().getStatus()).isEqualTo(409);
        assertThat(early.getResponse().getContentAsString()).contains("A5.5");
        api.json("provider", post("/api/v1/supply-chain/items/" + id + "/assessment"),
                "{\"riskLevel\":\"中\",\"conclusion\":\"整改后使用\",\"conditions\":\"关闭远程管理端口\",\"assessor\":\"王评估\"}");
        assertThat(api.call("provider", post("/api/v1/supply-chain/items/" + id + "/in-use")).getResponse().getStatus()).isEqualTo(409);
        MvcResult future = api.json("provider", post("/api/v1/supply-chain/items/" + id + "/agreement"),
                "{\"counterparty\":\"某数据库公司\",\"signedOn\":\"2999-01-01\"}");
        assertThat(future.getResponse().getStatus()).isEqualTo(400);
        assertThat(api.json("provider", post("/api/v1/supply-chain/items/" + id + "/agreement"),
                "{\"counterparty\":\"某数据库公司\",\"signedOn\":\"2026-01-05\",\"validUntil\":\"2029-01-04\"}").getResponse().getStatus()).isEqualTo(200);
        MvcResult used = api.call("provider", post("/api/v1/supply-chain/items/" + id + "/in-use"));
        assertThat(used.getResponse().getStatus()).isEqualTo(200);
        assertThat(ApiClient.body(used).get("inUse").asBoolean()).isTrue();
        // the assessment and agreement duties of the proposal are fulfilled
        assertThat(jdbc.sql("select count(*) from duties_duty where reference = :r and state = 'OPEN'").param("r", "supply-item:" + id)
                .query(Long.class).single()).isZero();
        // a duplicate proposal is refused, open source needs no agreement
        assertThat(api.json("provider", post("/api/v1/supply-chain/items"),
                "{\"kind\":\"THIRD_PARTY\",\"name\":\"" + name + "\",\"version\":\"8.0\",\"supplier\":\"x\"}").getResponse().getStatus()).isEqualTo(409);
        assertThat(api.json("provider", post("/api/v1/supply-chain/items"), "{\"kind\":\"ROOTKIT\",\"name\":\"x\"}").getResponse().getStatus())
                .isEqualTo(400);
    }

    @Test
    void osvAdvisoriesMatchOffline_componentsInUseWithKnownVulnerabilities() throws Exception {
        String ns = "org.osv" + UUID.randomUUID().toString().substring(0, 8);
        sbom("provider", "o.json", cdxJson(ns, "zeta@1.0", "eta@2.0").getBytes(StandardCharsets.UTF_8));
        String osv = """
                [{"id":"GHSA-test-%s","summary":"RCE in zeta","affected":[{"package":{"ecosystem":"Maven","name":"%s:zeta",
                  "purl":"pkg:maven/%s/zeta"},"versions":["0.9","1.0"]}]},
                 {"id":"OSV-2026-1","affected":[{"package":{"ecosystem":"Maven","name":"%s:eta"},"versions":["1.0"]}]}]"""
                .formatted(ns, ns, ns, ns);
        MvcResult r = api.call("provider", multipart("/api/v1/supply-chain/advisories")
                .file(new MockMultipartFile("file", "osv.json", "application/json", osv.getBytes(StandardCharsets.UTF_8))));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        JsonNode zeta = ApiClient.body(api.call("provider", get("/api/v1/supply-chain/items/" + itemId("pkg:maven/" + ns + "/zeta@1.0"))));
        assertThat(zeta.get("advisories").toString()).contains("GHSA-test-" + ns);
        JsonNode eta = ApiClient.body(api.call("provider", get("/api/v1/supply-chain/items/" + itemId("pkg:maven/" + ns + "/eta@2.0"))));
        assertThat(eta.get("advisories")).isEmpty();
        assertThat(api.call("provider", multipart("/api/v1/supply-chain/advisories")
                .file(new MockMultipartFile("file", "osv.json", "application/json", "{not json".getBytes(StandardCharsets.UTF_8))))
                .getResponse().getStatus()).isEqualTo(422);
    }

    @Test
    void excelExportListsTheRegister_textOnly() throws Exception {
        String ns = "org.xls" + UUID.randomUUID().toString().substring(0, 8);
        String bom = cdxJson(ns, "theta@1").replace("\"name\":\"theta\"", "\"name\":\"=HYPERLINK(\\\"http://evil\\\")\"");
        assertThat(sbom("provider", "x.json", bom.getBytes(StandardCharsets.UTF_8)).getResponse().getStatus()).isEqualTo(201);
        MvcResult r = api.call("supervisor", get("/api/v1/supply-chain/export.xlsx"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            boolean found = false;
            for (var row : sheet) {
                for (var cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA);
                    if (cell.getStringCellValue().startsWith("=HYPERLINK")) {
                        found = true;
                    }
                }
            }
            assertThat(found).isTrue();
        }
    }
}

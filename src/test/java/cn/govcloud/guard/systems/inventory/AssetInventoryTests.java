package cn.govcloud.guard.systems.inventory;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.security.DemoActors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 point 1: the asset and exposure inventory of a system (A7.1) — kept by its unit, imported from Excel all rows or
 * none, exported; scans raise exposure drift for an unlisted port and alerts and findings resolve to a system through its
 * NAT mappings and open ports (A10.1). Every address is made up per test run, so the shared database's data does not count.
 */
@AppTest
class AssetInventoryTests {
    static final String[] HEADER = {"类型", "名称/域名", "操作系统/产品", "版本", "私网IP", "私网端口", "公网IP", "公网端口", "协议", "服务", "ICP备案号", "备注"};

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private final ApiClient api = new ApiClient(() -> mvc);
    /** This test's own addresses: 10.a.b.x private, 100.64+a.b.x public (shared address space, never in the demo city). */
    private int a;
    private int b;

    @BeforeEach
    void setUp() {
        a = ThreadLocalRandom.current().nextInt(1, 60);
        b = ThreadLocalRandom.current().nextInt(0, 255);
    }

    private String priv(int host) {
        return "10." + (200 + a % 50) + "." + b + "." + host;
    }

    private String pub(int host) {
        return "100." + (64 + a) + "." + b + "." + host;
    }

    private MvcResult page(String user, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder req) throws Exception {
        return mvc.perform(req.with(authentication(DemoActors.authentication(jdbc, user))).with(csrf())).andReturn();
    }

    private long system(String user, String... addresses) throws Exception {
        String n = Long.toString(System.nanoTime(), 36);
        StringBuilder list = new StringBuilder();
        for (String address : addresses) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(address).append('"');
        }
        MvcResult created = api.call(user, post("/api/v1/systems").contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"资产清单测试%s","mlpsLevel":2,"purpose":"测试","filingNumber":"15020099999-00002","responsibleName":"张三",
                 "responsibleMobile":"13812345678","exposure":["INTERNET"],"addresses":[%s]}""".formatted(n, list)));
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
        return body(created).get("id").asLong();
    }

    private MvcResult add(String user, long systemId, String json) throws Exception {
        return api.call(user, post("/api/v1/systems/" + systemId + "/assets").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private MvcResult upload(String user, long systemId, byte[] content) throws Exception {
        return api.call(user, multipart("/api/v1/systems/" + systemId + "/assets/import").file(new MockMultipartFile("file", "assets.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content)));
    }

    static byte[] xlsx(String[]... rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("资产与暴露面");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADER.length; i++) {
                header.createCell(i).setCellValue(HEADER[i]);
            }
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] != null) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private List<JsonNode> assets(String user, long systemId) throws Exception {
        MvcResult r = api.call(user, get("/api/v1/systems/" + systemId + "/assets"));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        body(r).get("items").forEach(items::add);
        return items;
    }

    private String[][] validRows() {
        return new String[][] {
                {"主机", "web-01", "麒麟 Kylin Server", "V10 SP3", priv(11), null, null, null, null, null, null, null},
                {"NAT映射", null, null, null, priv(11), "443", pub(10), "8443", "TCP", null, null, null},
                {"开放端口", null, null, "2.4.58", priv(11), "443", null, null, null, "https", null, "门户"},
                {"域名", "portal" + b + ".example.gov.cn", null, null, null, null, null, null, null, null, "蒙ICP备12345678号-1", null},
                {"中间件", null, "Nginx", "1.24.0", priv(11), null, null, null, null, null, null, null}};
    }

    @Test
    void A7_1_aValidWorkbookImportsTheWholeInventory_andReplacesTheOldOne_audited() throws Exception {
        long id = system("unit1");
        assertThat(add("unit1", id, "{\"kind\":\"HOST\",\"name\":\"old-host\",\"address\":\"" + priv(99) + "\"}").getResponse().getStatus())
                .isEqualTo(201);
        MvcResult r = upload("unit1", id, xlsx(validRows()));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(body(r).get("imported").asInt()).isEqualTo(5);
        List<JsonNode> items = assets("unit1", id);
        assertThat(items).extracting(n -> n.get("kind").asString()).containsExactly("HOST", "NAT", "PORT", "DOMAIN", "MIDDLEWARE");
        assertThat(items).noneMatch(n -> "old-host".equals(n.get("name").asString()));
        JsonNode nat = items.get(1);
        assertThat(nat.get("publicAddress").asString()).isEqualTo(pub(10));
        assertThat(nat.get("publicPort").asInt()).isEqualTo(8443);
        assertThat(nat.get("address").asString()).isEqualTo(priv(11));
        assertThat(nat.get("port").asInt()).isEqualTo(443);
        assertThat(items.get(0).get("product").asString()).isEqualTo("麒麟 Kylin Server");
        assertThat(items.get(3).get("icpNumber").asString()).isEqualTo("蒙ICP备12345678号-1");
        assertThat(items.get(2).get("protocol").asString()).as("a blank protocol is TCP").isEqualTo("TCP");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'systems.asset.import' and target = :t").param("t", "system:" + id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void A7_1_aBadWorkbookImportsNothing_andNamesEveryWrongRowAndColumn() throws Exception {
        long id = system("unit1");
        add("unit1", id, "{\"kind\":\"HOST\",\"name\":\"kept\",\"address\":\"" + priv(5) + "\"}");
        String[][] rows = validRows();
        rows[1][7] = "70000";          // row 3: 公网端口
        rows[2][4] = "10.1.1";         // row 4: 私网IP
        rows[3][10] = "ICP12345";      // row 5: ICP备案号
        MvcResult r = upload("unit1", id, xlsx(rows));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(422);
        JsonNode errors = body(r).get("errors");
        List<String> named = new ArrayList<>();
        errors.forEach(e -> named.add(e.get("row").asInt() + ":" + e.get("column").asString()));
        assertThat(named).containsExactly("3:公网端口", "4:私网IP", "5:ICP备案号");
        assertThat(errors.get(0).get("message").asString()).contains("65535");
        assertThat(assets("unit1", id)).extracting(n -> n.get("name").asString()).containsExactly("kept");
        // not an xlsx at all: 400, nothing imported either
        assertThat(upload("unit1", id, "kind,name\nHOST,x".getBytes(StandardCharsets.UTF_8)).getResponse().getStatus()).isEqualTo(400);
        assertThat(assets("unit1", id)).hasSize(1);
    }

    @Test
    void A7_1_theTemplateDownloads_andSingleRowsAreAddedChangedAndDeleted() throws Exception {
        MvcResult t = api.call("unit1", get("/api/v1/systems/assets/template"));
        assertThat(t.getResponse().getStatus()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(t.getResponse().getContentAsByteArray()))) {
            Row header = wb.getSheetAt(0).getRow(0);
            for (int i = 0; i < HEADER.length; i++) {
                assertThat(header.getCell(i).getStringCellValue()).isEqualTo(HEADER[i]);
            }
            assertThat(wb.getSheetAt(0).getLastRowNum()).as("the data sheet holds no example rows").isZero();
        }
        long id = system("unit1");
        MvcResult bad = add("unit1", id, "{\"kind\":\"NAT\",\"publicAddress\":\"" + pub(1) + "\",\"publicPort\":80}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        long assetId = body(add("unit1", id, "{\"kind\":\"PORT\",\"address\":\"" + priv(3) + "\",\"port\":22,\"service\":\"ssh\"}")).get("id").asLong();
        MvcResult changed = api.call("unit1", put("/api/v1/systems/" + id + "/assets/" + assetId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"PORT\",\"address\":\"" + priv(3) + "\",\"port\":2222,\"service\":\"ssh\",\"version\":\"OpenSSH 9.6\"}"));
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(changed).get("port").asInt()).isEqualTo(2222);
        assertThat(api.call("unit1", delete("/api/v1/systems/" + id + "/assets/" + assetId)).getResponse().getStatus()).isEqualTo(204);
        assertThat(assets("unit1", id)).isEmpty();
        assertThat(jdbc.sql("select action from audit_record where target = :t and action like 'systems.asset.%' order by id").param("t", "system:" + id)
                .query(String.class).list()).containsExactly("systems.asset.add", "systems.asset.update", "systems.asset.delete");
    }

    @Test
    void A4_A7_1_aUnitCannotSeeOrChangeAnotherUnitsInventory_theSupervisorReadsIt() throws Exception {
        long id = system("unit1");
        add("unit1", id, "{\"kind\":\"HOST\",\"name\":\"h\",\"address\":\"" + priv(7) + "\"}");
        assertThat(api.call("unit2", get("/api/v1/systems/" + id + "/assets")).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.call("unit2", get("/api/v1/systems/" + id + "/assets/export.xlsx")).getResponse().getStatus()).isEqualTo(404);
        assertThat(add("unit2", id, "{\"kind\":\"HOST\",\"name\":\"x\",\"address\":\"" + priv(8) + "\"}").getResponse().getStatus()).isEqualTo(404);
        assertThat(upload("unit2", id, xlsx(validRows())).getResponse().getStatus()).isEqualTo(404);
        assertThat(page("unit2", get("/systems/" + id + "/assets")).getResponse().getStatus()).isEqualTo(404);
        assertThat(assets("supervisor", id)).hasSize(1);
        assertThat(add("supervisor", id, "{\"kind\":\"HOST\",\"name\":\"x\",\"address\":\"" + priv(8) + "\"}").getResponse().getStatus())
                .as("the supervisor reads, the unit keeps").isEqualTo(403);
        assertThat(assets("unit1", id)).hasSize(1);
    }

    @Test
    void A7_1_theExportOpensInExcelWithChineseColumnsAndEveryRow() throws Exception {
        long id = system("unit1");
        assertThat(upload("unit1", id, xlsx(validRows())).getResponse().getStatus()).isEqualTo(201);
        MvcResult r = api.call("supervisor", get("/api/v1/systems/" + id + "/assets/export.xlsx"));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            Sheet sheet = wb.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (Cell c : row) {
                    cells.add(c.toString());
                }
                rows.add(cells);
            }
            int header = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).contains("公网IP")) {
                    header = i;
                }
            }
            assertThat(header).as("a Chinese header row").isNotNegative();
            assertThat(rows.get(header)).contains("类型", "名称/域名", "操作系统/产品", "私网IP", "私网端口", "公网IP", "公网端口", "ICP备案号");
            List<List<String>> data = rows.subList(header + 1, rows.size() - 1);
            assertThat(rows.get(rows.size() - 1)).containsExactly("共 5 行");
            assertThat(data).hasSize(5);
            assertThat(data.get(1)).contains("NAT映射", pub(10), priv(11));
            assertThat(data.get(3)).contains("域名", "蒙ICP备12345678号-1");
        }
    }

    // ---- the intake: drift and matching on ports (A10.1) ---------------------------------------

    private JsonNode importScan(String xml) throws Exception {
        MvcResult r = api.call("provider", multipart("/api/v1/findings/import").file(new MockMultipartFile("file", "scan.nessus", "application/xml",
                xml.getBytes(StandardCharsets.UTF_8))));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        return body(r);
    }

    private static String nessus(String host, String... items) {
        StringBuilder sb = new StringBuilder("<NessusClientData_v2><Report name=\"t\"><ReportHost name=\"h\"><HostProperties><tag name=\"host-ip\">")
                .append(host).append("</tag></HostProperties>");
        for (String item : items) {
            sb.append(item);
        }
        return sb.append("</ReportHost></Report></NessusClientData_v2>").toString();
    }

    private static String item(int port, String plugin) {
        return "<ReportItem port=\"" + port + "\" protocol=\"tcp\" severity=\"1\" pluginID=\"" + plugin + "\" pluginName=\"Service detection " + port
                + "\" svc_name=\"www\"/>";
    }

    private List<Long> drift(String host) {
        return jdbc.sql("select id from intake_finding where scanner = 'GOVGUARD' and plugin_id = 'exposure-drift' and host = :h order by id")
                .param("h", host).query(Long.class).list();
    }

    @Test
    void A10_1_aScannedPortMissingFromTheInventoryRaisesDriftOnce_aListedPortDoesNot() throws Exception {
        long id = system("unit1", priv(20));
        add("unit1", id, "{\"kind\":\"PORT\",\"address\":\"" + priv(20) + "\",\"port\":443,\"service\":\"https\"}");
        String run = Long.toString(System.nanoTime(), 36);
        importScan(nessus(priv(20), item(443, "d443-" + run), item(8080, "d8080-" + run)));
        List<Long> drift = drift(priv(20));
        assertThat(drift).as("one drift finding, for 8080 only").hasSize(1);
        JsonNode finding = body(api.call("unit1", get("/api/v1/findings/" + drift.get(0))));
        assertThat(finding.get("port").asString()).isEqualTo("8080/tcp");
        assertThat(finding.get("systemId").asLong()).isEqualTo(id);
        assertThat(finding.get("name").asString()).contains("暴露面漂移");
        assertThat(api.call("unit2", get("/api/v1/findings/" + drift.get(0))).getResponse().getStatus()).isEqualTo(404);
        // the next month's scan sees it again: still one finding, seen twice
        importScan(nessus(priv(20), item(443, "d443-" + run), item(8080, "d8080-" + run)));
        assertThat(drift(priv(20))).containsExactly(drift.get(0));
        assertThat(jdbc.sql("select seen_count from intake_finding where id = :id").param("id", drift.get(0)).query(Integer.class).single())
                .isEqualTo(2);
        // the unit lists it: the next import resolves the drift
        add("unit1", id, "{\"kind\":\"PORT\",\"address\":\"" + priv(20) + "\",\"port\":8080,\"service\":\"http-alt\"}");
        importScan(nessus(priv(20), item(8080, "d8080-" + run)));
        assertThat(jdbc.sql("select state from intake_finding where id = :id").param("id", drift.get(0)).query(String.class).single())
                .isEqualTo("DISMISSED");
        // a system that keeps no inventory has nothing to drift from
        importScan(nessus(priv(21), item(3306, "d3306-" + run)));
        assertThat(drift(priv(21))).isEmpty();
    }

    @Test
    void A10_1_anAlertOnAPublicIpAndPortResolvesThroughTheNatMappingToTheRightSystem() throws Exception {
        long gateway = system("unit1", pub(30)); // the shared public address is registered by another system
        long behind = system("unit2");
        assertThat(add("unit2", behind, "{\"kind\":\"NAT\",\"publicAddress\":\"" + pub(30) + "\",\"publicPort\":8443,\"address\":\"" + priv(31)
                + "\",\"port\":443}").getResponse().getStatus()).isEqualTo(201);
        MvcResult viaNat = api.call("provider", post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"address\":\"" + pub(30) + ":8443\",\"title\":\"SQL注入攻击\",\"severity\":\"MEDIUM\"}"));
        assertThat(viaNat.getResponse().getStatus()).as(viaNat.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(body(viaNat).get("systemId").asLong()).isEqualTo(behind);
        JsonNode other = body(api.call("provider", post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"address\":\"" + pub(30) + ":80\",\"title\":\"扫描探测\",\"severity\":\"LOW\"}")));
        assertThat(other.get("systemId").asLong()).as("another port of the address: its registered system").isEqualTo(gateway);
        // a Suricata alert to the public ip:port
        String run = Long.toString(System.nanoTime(), 36);
        String eve = "{\"timestamp\":\"2026-03-02T14:05:00.123456+0800\",\"flow_id\":" + (1000 + b) + ",\"event_type\":\"alert\",\"src_ip\":\"203.0.113.45\","
                + "\"src_port\":51234,\"dest_ip\":\"" + pub(30) + "\",\"dest_port\":8443,\"proto\":\"TCP\",\"community_id\":\"1:nat" + run + "\","
                + "\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2024792,\"rev\":4,\"signature\":\"NAT test " + run + "\","
                + "\"category\":\"x\",\"severity\":3}}";
        assertThat(api.call("provider", post("/api/v1/alerts/suricata").contentType("application/x-ndjson").content(eve)).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(jdbc.sql("select system_id from intake_alert where title = :t").param("t", "NAT test " + run).query(Long.class).single())
                .isEqualTo(behind);
        // a scan finding on the public ip:port, likewise
        importScan(nessus(pub(30), item(8443, "nat-" + run)));
        assertThat(jdbc.sql("select system_id from intake_finding where plugin_id = :p").param("p", "nat-" + run).query(Long.class).single())
                .isEqualTo(behind);
    }

    @Test
    void A7_1_thePageShowsTheInventory_andAWrongFieldIsNamedBesideIt() throws Exception {
        long id = system("unit1");
        add("unit1", id, "{\"kind\":\"DOMAIN\",\"name\":\"page" + b + ".example.gov.cn\",\"icpNumber\":\"蒙ICP备12345678号\"}");
        MvcResult page = page("unit1", get("/systems/" + id + "/assets"));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("page" + b + ".example.gov.cn", "asset-form",
                "assets-import-form");
        MvcResult wrong = page("unit1", post("/systems/" + id + "/assets").param("kind", "PORT").param("address", priv(2)).param("port", "0"));
        assertThat(wrong.getResponse().getStatus()).isEqualTo(200);
        assertThat(wrong.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("id=\"asset-port-error\"");
        MvcResult ok = page("unit1", post("/systems/" + id + "/assets").param("kind", "PORT").param("address", priv(2)).param("port", "80"));
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        assertThat(assets("unit1", id)).hasSize(2);
        assertThat(page("supervisor", get("/systems/" + id + "/assets")).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .doesNotContain("asset-form");
    }
}

package cn.govcloud.guard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** A6 lines and interfaces, A5.1 hardware and continuity over the API. */
@AppTest
class RegistersApiTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final ApiClient api = new ApiClient(() -> mvc);

    @Test
    void aLineWithoutFirewallIsAFinding_untilTheFirewallIsInPlace_A6_2() throws Exception {
        String name = "互联网线路-" + UUID.randomUUID().toString().substring(0, 6);
        MvcResult r = api.json("provider", post("/api/v1/platform/network-lines"), """
                {"name":"%s","lineType":"INTERNET","carrier":"中国电信包头分公司","bandwidth":"1Gbps","userOrg":"包头市教育局",
                 "firewall":false,"intrusionPrevention":true}""".formatted(name));
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        long id = ApiClient.body(r).get("id").asLong();
        // issue 17 point 10: the line's connection raises A6.1-network-line-registration, which the register entry fulfils
        assertThat(jdbc.sql("select state from duties_duty where rule_id = 'A6.1-network-line-registration' and reference = :r")
                .param("r", "network-line:" + id).query(String.class).single()).isEqualTo("ACCEPTED");
        assertThat(api.call("supervisor", get("/api/v1/platform/network-lines/findings")).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains(name, "A6.2");
        assertThat(api.json("provider", post("/api/v1/platform/network-lines/" + id + "/protection"),
                "{\"firewall\":true,\"intrusionPrevention\":true}").getResponse().getStatus()).isEqualTo(200);
        assertThat(api.call("supervisor", get("/api/v1/platform/network-lines/findings")).getResponse().getContentAsString(StandardCharsets.UTF_8))
                .doesNotContain(name);
        // hostile and incomplete input
        MvcResult bad = api.json("provider", post("/api/v1/platform/network-lines"),
                "{\"name\":\"" + "x".repeat(201) + "\",\"lineType\":\"SATELLITE\",\"carrier\":\"\",\"userOrg\":\"u\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString()).contains("name", "lineType", "carrier", "firewall");
        assertThat(api.json("provider", post("/api/v1/platform/network-lines"), """
                {"name":"%s","lineType":"INTERNET","carrier":"c","userOrg":"u","firewall":true,"intrusionPrevention":true}""".formatted(name))
                .getResponse().getStatus()).isEqualTo(409);
        assertThat(api.json("supervisor", post("/api/v1/platform/network-lines"), "{}").getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("unit1", get("/api/v1/platform/network-lines")).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void everyInterfaceHasAManagerAndReviews_A6_3() throws Exception {
        String name = "数据共享交换接口-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.json("provider", post("/api/v1/platform/interfaces"), "{\"name\":\"" + name + "\",\"endpoint\":\"https://dx.example.gov.cn\"}")
                .getResponse().getStatus()).isEqualTo(400);
        MvcResult r = api.json("provider", post("/api/v1/platform/interfaces"),
                "{\"name\":\"" + name + "\",\"endpoint\":\"https://dx.example.gov.cn\",\"manager\":\"赵接口\",\"managerContact\":\"0472-1234567\"}");
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode f = ApiClient.body(r);
        assertThat(f.get("reviewDue").asBoolean()).isTrue();
        long id = f.get("id").asLong();
        assertThat(api.json("provider", post("/api/v1/platform/interfaces/" + id + "/reviews"),
                "{\"reviewedOn\":\"2026-11-20\",\"reviewer\":\"钱复核\",\"result\":\"ISSUES\"}").getResponse().getStatus()).isEqualTo(400);
        MvcResult reviewed = api.json("provider", post("/api/v1/platform/interfaces/" + id + "/reviews"),
                "{\"reviewedOn\":\"2026-11-20\",\"reviewer\":\"钱复核\",\"result\":\"OK\"}");
        assertThat(reviewed.getResponse().getStatus()).as(reviewed.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(ApiClient.body(reviewed).get("reviewDue").asBoolean()).isFalse();
        assertThat(ApiClient.body(reviewed).get("lastReviewedOn").asText()).isEqualTo("2026-11-20");
    }

    @Test
    void hardwareShareByType_andContinuityEvidence_A5_1() throws Exception {
        JsonNode before = ApiClient.body(api.call("supervisor", get("/api/v1/platform/hardware")));
        long crypto = 0;
        long cryptoOk = 0;
        for (JsonNode s : before.get("shares")) {
            if (s.get("type").asText().equals("CRYPTO")) {
                crypto = s.get("devices").asLong();
                cryptoOk = s.get("compliant").asLong();
            }
        }
        assertThat(api.json("provider", post("/api/v1/platform/hardware"), """
                {"type":"CRYPTO","vendor":"某密码设备厂商","model":"SJJ1212","role":"服务器密码机","location":"A 机房","quantity":3,"compliant":true,
                 "basis":"商用密码产品认证证书 GM001"}""").getResponse().getStatus()).isEqualTo(201);
        assertThat(api.json("provider", post("/api/v1/platform/hardware"), """
                {"type":"CRYPTO","vendor":"进口厂商","model":"X1","role":"加密卡","location":"A 机房","quantity":1,"compliant":false}""")
                .getResponse().getStatus()).isEqualTo(201);
        // compliant without a basis, a zero quantity, an unknown type: 400
        MvcResult bad = api.json("provider", post("/api/v1/platform/hardware"),
                "{\"type\":\"TOASTER\",\"vendor\":\"v\",\"model\":\"m\",\"role\":\"r\",\"location\":\"l\",\"quantity\":0,\"compliant\":true}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString()).contains("type", "quantity", "basis");
        JsonNode after = ApiClient.body(api.call("regulator", get("/api/v1/platform/hardware")));
        for (JsonNode s : after.get("shares")) {
            if (s.get("type").asText().equals("CRYPTO")) {
                assertThat(s.get("devices").asLong()).isEqualTo(crypto + 4);
                assertThat(s.get("compliant").asLong()).isEqualTo(cryptoOk + 3);
            }
        }
        // a DR test with its report as evidence; a test without result, or without a file, is refused
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(api.call("provider", multipart("/api/v1/platform/continuity").param("kind", "DR_TEST").param("title", "2026 年度灾备切换")
                .param("onDate", "2026-10-15")).getResponse().getStatus()).isEqualTo(400);
        MvcResult dr = api.call("provider", multipart("/api/v1/platform/continuity").file(new MockMultipartFile("file", "灾备测试报告.pdf",
                        "application/pdf", pdf)).param("kind", "DR_TEST").param("title", "2026 年度灾备切换").param("onDate", "2026-10-15")
                .param("result", "成功").param("rtoMinutes", "42").param("rpoMinutes", "5"));
        assertThat(dr.getResponse().getStatus()).as(dr.getResponse().getContentAsString()).isEqualTo(201);
        long id = ApiClient.body(dr).get("id").asLong();
        MvcResult doc = api.call("supervisor", get("/api/v1/platform/continuity/" + id + "/document"));
        assertThat(doc.getResponse().getStatus()).isEqualTo(200);
        assertThat(doc.getResponse().getContentAsByteArray()).isEqualTo(pdf);
        assertThat(api.call("unit1", get("/api/v1/platform/continuity/" + id + "/document")).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.call("provider", get("/api/v1/platform/hardware/export.xlsx")).getResponse().getStatus()).isEqualTo(200);
    }
}

package cn.govcloud.guard.demo;

import cn.govcloud.guard.hazards.intake.Intake;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The demo city's monitoring (A10.1), through the same intake the provider uses: last month's
 * OpenVAS scan of the education bureau's systems (one host outside the register waits in triage),
 * a Struts exploit attempt seen twice by Suricata, an outbound curl from the health platform, and a
 * web-defacement alert from the page-integrity monitor.
 */
@DemoComponent
@org.springframework.core.annotation.Order(70)
record DemoIntake(Intake intake, DemoSeeding city) implements DemoStep {
    private static final DateTimeFormatter EVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);

    @Override
    public void seed() {
        Instant now = city.now();
        city.as("provider", () -> {
            try (InputStream scan = DemoIntake.class.getResourceAsStream("/demo/intake-openvas.xml")) {
                intake.importScan("包头政务云-月度漏洞扫描-教育局.xml", scan);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String first = EVE.format(now.minus(Duration.ofMinutes(42)));
            String second = EVE.format(now.minus(Duration.ofMinutes(41)));
            String third = EVE.format(now.minus(Duration.ofMinutes(17)));
            String lines = """
                    {"timestamp":"%s","flow_id":1825093348753811,"event_type":"alert","src_ip":"203.0.113.45","src_port":51234,"dest_ip":"10.31.1.10","dest_port":443,"proto":"TCP","community_id":"1:Wa9yK5mBq2zXG0Qf+u1s3vTnE4c=","alert":{"action":"allowed","gid":1,"signature_id":2024792,"rev":4,"signature":"ET EXPLOIT Possible Apache Struts OGNL Expression Injection (CVE-2017-5638)","category":"Attempted Administrator Privilege Gain","severity":1},"app_proto":"http"}
                    {"timestamp":"%s","flow_id":1825093348753811,"event_type":"alert","src_ip":"203.0.113.45","src_port":51234,"dest_ip":"10.31.1.10","dest_port":443,"proto":"TCP","community_id":"1:Wa9yK5mBq2zXG0Qf+u1s3vTnE4c=","alert":{"action":"allowed","gid":1,"signature_id":2024792,"rev":4,"signature":"ET EXPLOIT Possible Apache Struts OGNL Expression Injection (CVE-2017-5638)","category":"Attempted Administrator Privilege Gain","severity":1},"app_proto":"http"}
                    {"timestamp":"%s","flow_id":917264531998120,"event_type":"alert","src_ip":"10.32.1.23","src_port":49822,"dest_ip":"198.51.100.7","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2013028,"rev":7,"signature":"ET POLICY curl User-Agent Outbound","category":"Attempted Information Leak","severity":2},"app_proto":"http"}
                    """.formatted(first, second, third);
            intake.importSuricata(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
            intake.recordAlert(new Intake.NewAlert(null, "jyj.baotou.gov.cn", "网站页面完整性告警：首页内容与基线不一致", "CRITICAL",
                    now.minus(Duration.ofMinutes(9)), "网页防篡改系统检测到 /index.html 哈希变化，已自动恢复，请核查发布流程。"));
        });
    }
}

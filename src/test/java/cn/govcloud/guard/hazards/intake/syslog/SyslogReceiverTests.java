package cn.govcloud.guard.hazards.intake.syslog;

import static cn.govcloud.guard.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import cn.govcloud.guard.TestDatabase;
import cn.govcloud.guard.security.DemoActors;
import cn.govcloud.guard.systems.Systems;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21 point 3 against real peers: the application starts with its syslog receiver on free UDP, TCP and TLS ports
 * (TLS with a self-signed certificate made here with BouncyCastle), and the test sends real datagrams and streams —
 * RFC 6587 octet-counted and newline-framed, in the clear and over TLS — and waits for the alerts to appear in the
 * intake. Its own application context (the receiver is off in the shared one), with its own database (on PostgreSQL
 * its own schema, so cleaning it leaves the shared context's alone), closed after the class.
 */
@AppTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SyslogReceiverTests {
    static final String PASSWORD = "changeit-" + UUID.randomUUID();
    static final Path KEYSTORE;
    static final X509Certificate CERTIFICATE;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            @SuppressWarnings("deprecation")
            org.bouncycastle.x509.X509V3CertificateGenerator cert = new org.bouncycastle.x509.X509V3CertificateGenerator();
            X500Principal name = new X500Principal("CN=localhost");
            cert.setSerialNumber(BigInteger.valueOf(System.nanoTime()));
            cert.setIssuerDN(name);
            cert.setSubjectDN(name);
            cert.setNotBefore(new Date(System.currentTimeMillis() - 86_400_000L));
            cert.setNotAfter(new Date(System.currentTimeMillis() + 86_400_000L));
            cert.setPublicKey(pair.getPublic());
            cert.setSignatureAlgorithm("SHA256withRSA");
            CERTIFICATE = cert.generate(pair.getPrivate(), new java.security.SecureRandom());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("syslog", pair.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {CERTIFICATE});
            KEYSTORE = Files.createTempFile("syslog-test", ".p12");
            KEYSTORE.toFile().deleteOnExit();
            try (OutputStream out = new FileOutputStream(KEYSTORE.toFile())) {
                store.store(out, PASSWORD.toCharArray());
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void receiver(DynamicPropertyRegistry registry) {
        registry.add("govguard.syslog.udp-port", () -> "0");
        registry.add("govguard.syslog.tcp-port", () -> "0");
        registry.add("govguard.syslog.tls-port", () -> "0");
        registry.add("govguard.syslog.bind-address", () -> "127.0.0.1");
        registry.add("govguard.syslog.tls-keystore", KEYSTORE::toString);
        registry.add("govguard.syslog.tls-keystore-password", () -> PASSWORD);
        registry.add("govguard.syslog.node", () -> "it-node");
        registry.add("govguard.data-dir", () -> "target/test-data-syslog");
        if (TestDatabase.postgres()) {
            String url = TestDatabase.pgUrl();
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=syslog_it");
            registry.add("spring.flyway.schemas", () -> "syslog_it");
        } else {
            registry.add("spring.datasource.url",
                    () -> "jdbc:h2:mem:syslog-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SyslogReceiver receiver;
    @Autowired
    Systems systems;

    private final ApiClient api = new ApiClient(() -> mvc);
    String systemIp;
    long systemId;

    @BeforeEach
    void setUp() throws Exception {
        allow("127.0.0.1");
        Systems.Address a = systems.addresses().stream().filter(x -> x.kind().equals("IP")).findFirst().orElseThrow();
        systemIp = a.address();
        systemId = a.systemId();
    }

    private void allow(String cidr) throws Exception {
        MvcResult r = api.json("secadmin", put("/api/v1/intake/syslog/senders"), "{\"senders\":[{\"cidr\":\"" + cidr + "\",\"note\":\"test\"}]}");
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
    }

    // ---- the shipped mappings against their public sample formats (through the test screen's API) ----

    private JsonNode test(String line) throws Exception {
        MvcResult r = api.json("secadmin", post("/api/v1/intake/syslog/test"),
                ApiClient.JSON.writeValueAsString(java.util.Map.of("line", line, "sender", "192.0.2.10")));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        return body(r);
    }

    private static String field(JsonNode outcome, String name) {
        for (JsonNode f : outcome.get("fields")) {
            if (f.get("name").asString().equals(name)) {
                return f.get("value").asString();
            }
        }
        return null;
    }

    @Test
    void A10_1_suricata_eve_json_over_syslog_maps_with_the_builtin_rule() throws Exception {
        JsonNode o = test("<13>Dec  7 11:00:00 ids01 suricata[2131]: {\"timestamp\":\"2026-12-07T11:00:00.000000+0800\",\"flow_id\":1825093348753811,"
                + "\"event_type\":\"alert\",\"src_ip\":\"203.0.113.45\",\"src_port\":51234,\"dest_ip\":\"" + systemIp + "\",\"dest_port\":443,"
                + "\"proto\":\"TCP\",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2024792,\"rev\":4,\"signature\":\"ET EXPLOIT "
                + "Possible Apache Struts OGNL Expression Injection (CVE-2017-5638)\",\"category\":\"Attempted Administrator Privilege Gain\",\"severity\":1}}");
        assertThat(o.get("rule").asString()).isEqualTo("Suricata EVE JSON (alert)");
        assertThat(o.get("alert").get("title").asString()).startsWith("ET EXPLOIT Possible Apache Struts");
        assertThat(o.get("alert").get("severity").asString()).isEqualTo("HIGH");
        assertThat(o.get("alert").get("signature").asString()).isEqualTo("2024792");
        assertThat(o.get("alert").get("systemId").asLong()).isEqualTo(systemId);
        assertThat(o.get("appName").asString()).isEqualTo("suricata");
    }

    @Test
    void A10_1_snort_suricata_fast_log_maps_with_the_builtin_rule() throws Exception {
        JsonNode o = test("<12>Dec  7 11:00:00 ids01 suricata: 12/07/2026-11:00:00.667372  [**] [1:2009187:4] ET WEB_CLIENT ACTIVEX iDefense "
                + "COMRaider ActiveX Control Arbitrary File Deletion [**] [Classification: Web Application Attack] [Priority: 3] {TCP} "
                + "198.51.100.20:80 -> 192.0.2.4:56068");
        assertThat(o.get("rule").asString()).isEqualTo("Snort / Suricata fast.log");
        assertThat(field(o, "sid")).isEqualTo("2009187");
        assertThat(field(o, "dport")).isEqualTo("56068");
        assertThat(o.get("alert").get("severity").asString()).isEqualTo("LOW");
        assertThat(o.get("alert").get("sourceAddress").asString()).isEqualTo("198.51.100.20");
        assertThat(o.get("alert").get("destAddress").asString()).isEqualTo("192.0.2.4");
        assertThat(o.get("alert").get("systemId").isNull()).isTrue(); // goes to triage
    }

    @Test
    void A10_1_modsecurity_error_log_maps_with_the_builtin_rule() throws Exception {
        JsonNode o = test("<11>Dec  7 11:00:00 web01 apache2: [Mon Dec 07 11:00:00.123456 2026] [security2:error] [pid 1234] "
                + "[client 198.51.100.55:45678] [client 198.51.100.55] ModSecurity: Access denied with code 403 (phase 2). Matched \"Operator "
                + "`Ge' with parameter `5' against variable `TX:ANOMALY_SCORE' (Value: `5' )\" [file \"/etc/modsecurity/crs/rules/"
                + "REQUEST-949-BLOCKING-EVALUATION.conf\"] [line \"80\"] [id \"949110\"] [msg \"Inbound Anomaly Score Exceeded (Total Score: 5)\"] "
                + "[severity \"CRITICAL\"] [hostname \"" + systemIp + "\"] [uri \"/login\"] [unique_id \"YxZ1\"]");
        assertThat(o.get("rule").asString()).isEqualTo("ModSecurity (Apache / nginx error log)");
        assertThat(o.get("alert").get("title").asString()).isEqualTo("WAF: Inbound Anomaly Score Exceeded (Total Score: 5)");
        assertThat(o.get("alert").get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(o.get("alert").get("signature").asString()).isEqualTo("949110");
        assertThat(o.get("alert").get("sourceAddress").asString()).isEqualTo("198.51.100.55");
        assertThat(o.get("alert").get("systemId").asLong()).isEqualTo(systemId);

        // ModSecurity 3 (nginx) writes the severity as a number
        JsonNode v3 = test("<11>Dec  7 11:00:00 web02 nginx: 2026/12/07 11:00:00 [error] 1234#1234: *1 [client 198.51.100.56] ModSecurity: "
                + "Access denied with code 403 (phase 2). Matched \"Operator `Ge' with parameter `5' against variable `TX:ANOMALY_SCORE'\" "
                + "[file \"/etc/nginx/crs/REQUEST-949-BLOCKING-EVALUATION.conf\"] [line \"80\"] [id \"949110\"] [rev \"\"] [msg \"Inbound Anomaly "
                + "Score Exceeded (Total Score: 5)\"] [data \"\"] [severity \"2\"] [ver \"OWASP_CRS/3.2.0\"] [hostname \"192.0.2.80\"] [uri \"/\"]");
        assertThat(v3.get("alert").get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(v3.get("alert").get("destAddress").asString()).isEqualTo("192.0.2.80");
    }

    @Test
    void A10_1_iptables_log_maps_with_the_builtin_rule() throws Exception {
        JsonNode o = test("<4>Dec  7 11:00:00 gw01 kernel: [12345.678901] IPTABLES Dropped: IN=eth0 OUT= MAC=00:0c:29:cf:4d:c8:2c:21:72:c6:99:08:08:00 "
                + "SRC=203.0.113.17 DST=" + systemIp + " LEN=52 TOS=0x00 PREC=0x00 TTL=126 ID=18544 DF PROTO=TCP SPT=53543 DPT=443 WINDOW=8192 "
                + "RES=0x00 SYN URGP=0");
        assertThat(o.get("rule").asString()).isEqualTo("iptables / netfilter LOG");
        assertThat(o.get("alert").get("title").asString()).isEqualTo("防火墙记录 IPTABLES Dropped: TCP/443");
        assertThat(o.get("alert").get("severity").asString()).isEqualTo("LOW");
        assertThat(o.get("alert").get("sourceAddress").asString()).isEqualTo("203.0.113.17");
        assertThat(o.get("alert").get("systemId").asLong()).isEqualTo(systemId);
    }

    @Test
    void A10_1_fortigate_ips_maps_with_the_builtin_rule() throws Exception {
        JsonNode o = test("<185>date=2019-05-15 time=17:56:41 logid=\"0419016384\" type=\"utm\" subtype=\"ips\" eventtype=\"signature\" "
                + "level=\"alert\" vd=\"root\" eventtime=1557968201 severity=\"critical\" srcip=203.0.113.22 srccountry=\"Reserved\" dstip="
                + systemIp + " srcintf=\"port10\" srcintfrole=\"lan\" dstintf=\"port9\" dstintfrole=\"wan\" sessionid=4017 action=\"dropped\" "
                + "proto=6 service=\"HTTP\" policyid=1 attack=\"Adobe.Flash.newfunction.Handling.Code.Execution\" srcport=46810 dstport=80 "
                + "direction=\"incoming\" attackid=23305 profile=\"block-critical-ips\" ref=\"http://www.fortinet.com/ids/VID23305\" "
                + "incidentserialno=582633933 msg=\"applications3: Adobe.Flash.newfunction.Handling.Code.Execution,\" crscore=50");
        assertThat(o.get("rule").asString()).isEqualTo("FortiGate UTM (IPS / WAF / anomaly)");
        assertThat(o.get("alert").get("title").asString()).isEqualTo("Adobe.Flash.newfunction.Handling.Code.Execution");
        assertThat(o.get("alert").get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(o.get("alert").get("signature").asString()).isEqualTo("23305");
        assertThat(o.get("alert").get("systemId").asLong()).isEqualTo(systemId);
    }

    @Test
    void A10_1_the_test_screen_says_why_nothing_matched_and_refuses_a_blank_line() throws Exception {
        JsonNode o = test("<14>1 2026-12-07T03:00:00Z host app - - - nothing to see here");
        assertThat(o.get("mapped").asBoolean()).isFalse();
        assertThat(o.get("reason").asString()).isEqualTo("hazards.intake.syslog.why.none");
        assertThat(o.get("reasonText").asString()).isNotBlank();
        assertThat(o.get("tried").size()).isGreaterThanOrEqualTo(5);
        assertThat(o.get("format").asString()).isEqualTo("RFC5424");

        MvcResult blank = api.json("secadmin", post("/api/v1/intake/syslog/test"), "{\"line\":\" \",\"sender\":\"not-an-ip\"}");
        assertThat(blank.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(blank).get("errors").has("line")).isTrue();
        assertThat(body(blank).get("errors").has("sender")).isTrue();
        assertThat(api.json("provider", post("/api/v1/intake/syslog/test"), "{\"line\":\"x\"}").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void A10_1_rules_are_checked_field_by_field_and_every_change_is_audited() throws Exception {
        MvcResult bad = api.json("secadmin", post("/api/v1/intake/syslog/rules"),
                "{\"name\":\"\",\"kind\":\"REGEX\",\"pattern\":\"(unclosed\",\"title\":\"\",\"severityMap\":\"1=SEVERE\",\"defaultSeverity\":\"BAD\"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        JsonNode errors = body(bad).get("errors");
        assertThat(errors.has("name") && errors.has("pattern") && errors.has("title") && errors.has("severityMap") && errors.has("defaultSeverity"))
                .isTrue();

        String name = "WAF rule " + UUID.randomUUID();
        MvcResult created = api.json("secadmin", post("/api/v1/intake/syslog/rules"), ApiClient.JSON.writeValueAsString(java.util.Map.of(
                "name", name, "position", 1, "kind", "REGEX", "pattern", "WAFTEST blocked (?<ip>\\S+) rule (?<rule>\\d+)",
                "title", "WAF test {rule}", "sourceAddress", "{ip}", "defaultSeverity", "HIGH")));
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        long id = body(created).get("id").asLong();
        assertThat(test("<14>1 - h app - - - WAFTEST blocked 198.51.100.1 rule 7").get("rule").asString()).isEqualTo(name);

        MvcResult duplicate = api.json("secadmin", post("/api/v1/intake/syslog/rules"), ApiClient.JSON.writeValueAsString(java.util.Map.of(
                "name", name, "kind", "JSON", "title", "x")));
        assertThat(body(duplicate).get("errors").get("name").asString()).isNotBlank();

        MvcResult updated = api.json("secadmin", put("/api/v1/intake/syslog/rules/" + id), ApiClient.JSON.writeValueAsString(java.util.Map.of(
                "name", name, "kind", "REGEX", "pattern", "WAFTEST blocked (?<ip>\\S+) rule (?<rule>\\d+)", "title", "WAF test {rule}",
                "enabled", false)));
        assertThat(updated.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(updated).get("enabled").asBoolean()).isFalse();
        assertThat(test("<14>1 - h app - - - WAFTEST blocked 198.51.100.1 rule 7").get("mapped").asBoolean()).isFalse();

        assertThat(api.call("secadmin", delete("/api/v1/intake/syslog/rules/" + id)).getResponse().getStatus()).isEqualTo(204);
        assertThat(api.call("secadmin", get("/api/v1/intake/syslog/rules/" + id)).getResponse().getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("select action from audit_record where target = :t order by id").param("t", "syslog-rule:" + id).query(String.class).list())
                .containsExactly("intake.syslog.rule.create", "intake.syslog.rule.update", "intake.syslog.rule.delete");
        assertThat(api.json("provider", post("/api/v1/intake/syslog/rules"), "{}").getResponse().getStatus()).isEqualTo(403);

        MvcResult badSender = api.json("secadmin", put("/api/v1/intake/syslog/senders"), "{\"senders\":[{\"cidr\":\"10.0.0.0/99\"}]}");
        assertThat(body(badSender).get("errors").has("senders[0].cidr")).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'intake.syslog.senders'").query(Long.class).single()).isPositive();
    }

    // ---- real peers: UDP, TCP (both framings), TLS ----

    private void udp(String line) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), receiver.udpPort()));
        }
    }

    private static byte[] octetCounted(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        byte[] head = (b.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + b.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(b, 0, out, head.length, b.length);
        return out;
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        // a timeout on the monotonic clock, not a date: the application's clock stays the pinned MutableClock
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            T value = probe.call();
            if (value != null && !(value instanceof Boolean b && !b)) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 20 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // the poll interval of the deadline loop
        }
    }

    private record Row(long id, String state, Long systemId, String severity, int count) {
    }

    private Row alertTitled(String title) {
        return jdbc.sql("select id, state, system_id, severity, event_count from intake_alert where source = 'SYSLOG' and title = :t")
                .param("t", title).query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                        rs.getInt(5))).optional().orElse(null);
    }

    private String fast(String marker, String dest, int priority) {
        return "[**] [1:9" + Math.abs(marker.hashCode() % 100000) + ":1] " + marker + " [**] [Classification: Test] [Priority: " + priority + "] {TCP} "
                + "203.0.113.9:4444 -> " + dest + ":443";
    }

    @Test
    void A10_1_udp_datagrams_become_alerts_matched_to_their_system() throws Exception {
        String marker = "UDP-" + UUID.randomUUID();
        udp("<12>Dec  7 11:00:00 ids01 snort[1]: " + fast(marker, systemIp, 1) + "\n");
        Row row = await("the UDP alert", () -> alertTitled(marker));
        assertThat(row.systemId()).isEqualTo(systemId);
        assertThat(row.state()).isEqualTo("OPEN");
        assertThat(row.severity()).isEqualTo("HIGH");
        assertThat(jdbc.sql("select count(*) from intake_import where format = 'SYSLOG' and filename like 'syslog it-node %'").query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void A10_1_tcp_octet_counted_and_newline_framed_lines_become_alerts_and_a_resent_line_is_not_counted_again() throws Exception {
        String counted = "TCP-OC-" + UUID.randomUUID();
        String framed = "TCP-LF-" + UUID.randomUUID();
        String unmatched = "TCP-TRIAGE-" + UUID.randomUUID();
        String countedLine = "<12>1 2026-12-07T03:00:00.000001Z ids01 snort 1 - - " + fast(counted, systemIp, 2);
        try (Socket s = new Socket("127.0.0.1", receiver.tcpPort()); OutputStream out = s.getOutputStream()) {
            out.write(octetCounted(countedLine));
            out.write(("<12>Dec  7 11:00:01 ids01 snort: " + fast(framed, systemIp, 3) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(octetCounted("<12>Dec  7 11:00:02 ids01 snort: " + fast(unmatched, "192.0.2.200", 2)));
            out.write(octetCounted(countedLine)); // the same line again (a forwarder resending after a reconnect)
            out.flush();
        }
        Row a = await("the octet-counted alert", () -> alertTitled(counted));
        Row b = await("the newline-framed alert", () -> alertTitled(framed));
        Row c = await("the unmatched alert", () -> alertTitled(unmatched));
        assertThat(a.systemId()).isEqualTo(systemId);
        assertThat(a.severity()).isEqualTo("MEDIUM");
        assertThat(b.severity()).isEqualTo("LOW");
        assertThat(c.state()).isEqualTo("TRIAGE");
        assertThat(c.systemId()).isNull();
        await("the resent line counted as replayed", () -> stat("127.0.0.1").get("replayed").asLong() >= 1);
        assertThat(alertTitled(counted).count()).isEqualTo(1);
        // the unmatched alert is on the triage clock like any other
        assertThat(jdbc.sql("select triage_ref from intake_alert where id = :id").param("id", c.id()).query(String.class).single())
                .startsWith("triage:syslog:it-node:");
    }

    @Test
    void A10_1_tls_lines_become_alerts() throws Exception {
        String marker = "TLS-" + UUID.randomUUID();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", CERTIFICATE);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", receiver.tlsPort())) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(octetCounted("<10>1 2026-12-07T03:00:00Z ids01 snort 1 - - " + fast(marker, systemIp, 1)));
            out.flush();
        }
        Row row = await("the TLS alert", () -> alertTitled(marker));
        assertThat(row.systemId()).isEqualTo(systemId);
    }

    private JsonNode stat(String sender) throws Exception {
        for (JsonNode s : body(api.call("secadmin", get("/api/v1/intake/syslog"))).get("stats")) {
            if (s.get("sender").asString().equals(sender)) {
                return s;
            }
        }
        return ApiClient.JSON.createObjectNode().put("received", 0).put("alerts", 0).put("replayed", 0).put("unmapped", 0).put("refused", 0);
    }

    @Test
    void A10_1_unmapped_lines_are_counted_per_sender_and_the_latest_are_viewable() throws Exception {
        long before = stat("127.0.0.1").get("unmapped").asLong();
        String marker = "UNMAPPED-" + UUID.randomUUID();
        udp("<14>1 2026-12-07T03:00:00Z host app - - - " + marker);
        await("the unmapped line listed", () -> {
            for (JsonNode u : body(api.call("secadmin", get("/api/v1/intake/syslog/unmapped")))) {
                if (u.get("line").asString().contains(marker)) {
                    return u.get("reason").asString().equals("hazards.intake.syslog.why.none") && u.get("sender").asString().equals("127.0.0.1");
                }
            }
            return false;
        });
        assertThat(stat("127.0.0.1").get("unmapped").asLong()).isGreaterThan(before);
        String page = mvc.perform(get("/intake/syslog").with(authentication(DemoActors.authentication(jdbc, "secadmin")))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(marker).contains("Suricata EVE JSON (alert)").contains("it-node");
    }

    @Test
    void A10_1_lines_from_senders_not_allowed_are_counted_and_dropped() throws Exception {
        allow("192.0.2.0/24");
        try {
            long before = stat("127.0.0.1").get("refused").asLong();
            String marker = "REFUSED-" + UUID.randomUUID();
            udp("<12>Dec  7 11:00:00 ids01 snort: " + fast(marker, systemIp, 1));
            try (Socket s = new Socket("127.0.0.1", receiver.tcpPort())) {
                // a connection from a sender not allowed is closed at once
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            await("the refused datagram and connection counted", () -> stat("127.0.0.1").get("refused").asLong() >= before + 2);
            assertThat(alertTitled(marker)).isNull();
        } finally {
            allow("127.0.0.1");
        }
    }

    @Test
    void A10_1_the_page_tests_a_pasted_line_and_edits_rules() throws Exception {
        var secadmin = authentication(DemoActors.authentication(jdbc, "secadmin"));
        String shown = mvc.perform(post("/intake/syslog/test").with(secadmin).with(csrf())
                        .param("line", "<4>Dec  7 11:00:00 gw01 kernel: IN=eth0 OUT= SRC=203.0.113.17 DST=" + systemIp + " LEN=52 PROTO=TCP SPT=1 DPT=22")
                        .param("sender", "192.0.2.10"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains("id=\"outcome-rule\"").contains("iptables / netfilter LOG").contains("DPT");

        String name = "page rule " + UUID.randomUUID();
        MvcResult saved = mvc.perform(post("/intake/syslog/rules").with(secadmin).with(csrf()).param("name", name).param("kind", "KV")
                .param("title", "{attack}").param("defaultSeverity", "LOW").param("enabled", "true")).andReturn();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/intake/syslog");
        assertThat(jdbc.sql("select count(*) from intake_syslog_rule where name = :n").param("n", name).query(Long.class).single()).isEqualTo(1L);

        String refused = mvc.perform(post("/intake/syslog/rules").with(secadmin).with(csrf()).param("name", name).param("kind", "REGEX")
                .param("title", "x").param("position", "first")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // issue 23 point 9: the refusal beside its field (fragments/fields.html), what was typed kept, nothing saved
        assertThat(refused).contains("id=\"form-error\"", "id=\"r-position-error\"", "顺序须为 0 至 100000 的整数", "value=\"first\"");
        assertThat(jdbc.sql("select count(*) from intake_syslog_rule where name = :n").param("n", name).query(Long.class).single()).isEqualTo(1L);
        mvc.perform(get("/intake/syslog").with(authentication(DemoActors.authentication(jdbc, "provider"))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
    }
}

package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.hazards.intake.Intake.AlertSummary;
import cn.govcloud.guard.hazards.intake.Intake.ImportSummary;
import cn.govcloud.guard.hazards.intake.internal.IntakeService;
import cn.govcloud.guard.hazards.intake.parse.EveReader;
import cn.govcloud.guard.hazards.intake.parse.ScanReports;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The intake under load (issue 5): a generated 100,000-result OpenVAS XML file (2,000 hosts × 50
 * NVTs, CVE refs and a few hundred bytes of output each; four in five hosts inside the demo city's
 * registered ranges) imported through {@link IntakeService#importScan} — time and peak heap, next to
 * a parse-only pass over the same file — then imported again (every result an update), and Suricata
 * EVE alerts through {@link IntakeService#importSuricata} in bodies of 10,000 lines.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.IntakeBenchmark -Dbench.db=postgres}
 * (database {@code bench_intake} at 127.0.0.1:5432, recreated); without {@code -Dbench.db} on H2 in memory.
 * {@code -Dbench.results=N} changes the size. Peak heap is the sum of the heap pools' peaks in the
 * benchmark's JVM (Maven's, with the whole platform running), reset before each pass.
 */
public final class IntakeBenchmark {
    private static final DateTimeFormatter EVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneId.of("Asia/Shanghai"));

    public static void main(String[] args) throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("bench.db"));
        int results = Integer.getInteger("bench.results", 100_000);
        // issue 24 point 7 / issue 19 point 2: -Dbench.wide=true gives every result of a thousand its own NVT (1,000 distinct NVTs
        // per thousand results), -Dbench.prefill=300000 puts that many findings in the table before the first import
        boolean wide = Boolean.getBoolean("bench.wide");
        int prefill = Integer.getInteger("bench.prefill", 0);
        Path data = Files.createTempDirectory("intake-bench");
        List<String> props = new ArrayList<>(List.of("--server.port=0", "--govguard.data-dir=" + data, "--govguard.demo.enabled=true",
                "--govguard.demo.password=Bench-Passw0rd-2026", "--db-scheduler.enabled=false", "--logging.level.root=WARN",
                "--govguard.intake.max-scan-bytes=1073741824", "--govguard.intake.max-eve-bytes=1073741824"));
        if (postgres) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 var s = c.createStatement()) {
                s.execute("drop database if exists bench_intake with (force)");
                s.execute("create database bench_intake");
            }
            props.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench_intake");
            props.add("--spring.datasource.username=postgres");
            props.add("--spring.datasource.password=");
        } else {
            props.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        Path report = data.resolve("openvas-100k.xml");
        long t0 = System.nanoTime();
        generateOpenVas(report, results, wide);
        System.out.printf("generated %s: %,d results, %.1f MB in %.1f s%n", report.getFileName(), results, Files.size(report) / 1e6,
                (System.nanoTime() - t0) / 1e9);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GovcloudGuardApplication.class).run(props.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            IntakeService intake = app.getBean(IntakeService.class);
            long providerOrg = jdbc.sql("select org_id from identity_user where username = 'provider'").query(Long.class).single();
            Actor provider = new Actor(1, "provider", "bench", providerOrg, "云服务商", OrgKind.PROVIDER, Set.of(Role.PROVIDER_OPERATOR), Set.of(), false);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(provider, null,
                    List.of(new SimpleGrantedAuthority(Role.PROVIDER_OPERATOR.authority()))));
            System.out.printf("report: %s%n", wide ? "1,000 distinct NVTs per thousand results, 20 hosts per thousand" : "2,000 hosts × 50 NVTs");
            System.out.printf("database: %s; heap in use after start-up %.0f MB (max %.0f MB)%n", postgres ? "PostgreSQL 127.0.0.1:5432" : "H2 in memory",
                    used() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);

            // warm-up on a small file so the JIT has seen the code paths
            Path small = data.resolve("warm.xml");
            generateOpenVas(small, 2_000, wide);
            if (prefill > 0) {
                long t1 = System.nanoTime();
                jdbc.sql("insert into intake_import (format, filename, bytes, imported_at, imported_by, org_id) values "
                        + "('OPENVAS', 'prefill', 0, current_timestamp, 'bench', :org)").param("org", providerOrg).update();
                long imp = jdbc.sql("select max(id) from intake_import").query(Long.class).single();
                String rows = postgres ? "generate_series(1, " + prefill + ") as t(x)" : "system_range(1, " + prefill + ") as t(x)";
                jdbc.sql("insert into intake_finding (scanner, plugin_id, host, port, name, severity, state, first_seen, last_seen, first_import_id, "
                        + "last_import_id) select 'OPENVAS', '1.3.6.1.4.1.25623.9.' || (x % 5000), '10.98.' || (x % 250) || '.' || ((x / 250) % 250), "
                        + "((x / 62500) + 1) || '/tcp', 'prefilled finding', 'LOW', 'TRIAGE', current_timestamp, current_timestamp, :imp, :imp from " + rows)
                        .param("imp", imp).update();
                if (postgres) {
                    jdbc.sql("analyze intake_finding").update();
                }
                System.out.printf("prefilled %,d findings in %.1f s%n", prefill, (System.nanoTime() - t1) / 1e9);
            }
            try (InputStream in = Files.newInputStream(small)) {
                ScanReports.count(in, Long.MAX_VALUE);
            }

            Pass parse = pass(() -> {
                try (InputStream in = Files.newInputStream(report)) {
                    return ScanReports.count(in, Long.MAX_VALUE);
                }
            });
            System.out.printf("parse only:        %,d results in %.2f s (%,.0f results/s), peak heap %.0f MB (old generation %.0f MB)%n", parse.value, parse.seconds,
                    parse.value / parse.seconds, parse.peak / 1e6, parse.oldPeak / 1e6);
            Pass first = pass(() -> {
                try (InputStream in = Files.newInputStream(report)) {
                    ImportSummary s = intake.importScan("openvas-100k.xml", in);
                    System.out.printf("  first import: %s%n", s);
                    return s.results();
                }
            });
            System.out.printf("import (all new):  %,d results in %.2f s (%,.0f results/s), peak heap %.0f MB (old generation %.0f MB); %.1f× the parse-only time%n",
                    first.value, first.seconds, first.value / first.seconds, first.peak / 1e6, first.oldPeak / 1e6, first.seconds / parse.seconds);
            Pass again = pass(() -> {
                try (InputStream in = Files.newInputStream(report)) {
                    ImportSummary s = intake.importScan("openvas-100k.xml", in);
                    System.out.printf("  re-import: %s%n", s);
                    return s.results();
                }
            });
            System.out.printf("re-import (all updates): %,d results in %.2f s (%,.0f results/s), peak heap %.0f MB (old generation %.0f MB); %.1f× the parse-only time%n",
                    again.value, again.seconds, again.value / again.seconds, again.peak / 1e6, again.oldPeak / 1e6, again.seconds / parse.seconds);
            System.out.printf("findings in the table: %,d%n", jdbc.sql("select count(*) from intake_finding").query(Long.class).single());

            // Suricata: 10 bodies of 10,000 alert lines, 2,000 flows × 5 events each spread over 10 minutes + 20% new flows per body
            int bodies = 10;
            int lines = 10_000;
            List<byte[]> payloads = new ArrayList<>();
            Instant start = Instant.parse("2026-11-20T02:00:00Z");
            for (int b = 0; b < bodies; b++) {
                payloads.add(eve(start.plusSeconds(60L * b), b, lines));
            }
            Pass eveParse = pass(() -> {
                long n = 0;
                for (byte[] p : payloads) {
                    n += EveReader.parse(new ByteArrayInputStream(p), Long.MAX_VALUE, a -> { }).alerts();
                }
                return n;
            });
            long[] created = new long[2];
            Pass eveImport = pass(() -> {
                long n = 0;
                for (byte[] p : payloads) {
                    AlertSummary s = intake.importSuricata(new ByteArrayInputStream(p));
                    n += s.alerts();
                    created[0] += s.newAlerts();
                    created[1] += s.grouped();
                }
                return n;
            });
            System.out.printf("Suricata parse only: %,d alerts in %.2f s (%,.0f alerts/s)%n", eveParse.value, eveParse.seconds,
                    eveParse.value / eveParse.seconds);
            System.out.printf("Suricata import:     %,d alerts in %.2f s (%,.0f alerts/s), %,d alert rows, %,d folded into groups, peak heap %.0f MB%n",
                    eveImport.value, eveImport.seconds, eveImport.value / eveImport.seconds, created[0], created[1], eveImport.peak / 1e6);
        }
    }

    /** {@code peak}: all heap pools' peaks (young generation churn included); {@code oldPeak}: the old generation's, what survived. */
    record Pass(long value, double seconds, long peak, long oldPeak) {
    }

    private static Pass pass(Callable<Number> work) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long t = System.nanoTime();
        long value = work.call().longValue();
        double seconds = (System.nanoTime() - t) / 1e9;
        long peak = 0;
        long old = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                    old += pool.getPeakUsage().getUsed();
                }
            }
        }
        return new Pass(value, seconds, peak, old);
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static void generateOpenVas(Path file, int results) throws Exception {
        generateOpenVas(file, results, false);
    }

    static void generateOpenVas(Path file, int results, boolean wide) throws Exception {
        String[] names = {"SSL/TLS: Report Vulnerable Cipher Suites for HTTPS", "OpenSSH Information Disclosure Vulnerability",
                "TCP Timestamps Information Disclosure", "Apache Tomcat Multiple Vulnerabilities", "nginx Request Smuggling Vulnerability"};
        int perHost = 50;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<get_reports_response status=\"200\" status_text=\"OK\"><report id=\"bench\">"
                    + "<report id=\"bench\"><results start=\"1\" max=\"-1\">\n");
            for (int i = 0; i < results; i++) {
                int host = wide ? (i / 1000) * 20 + i % 20 : i / perHost;
                int plugin = wide ? (i / 1000) * 1000 + i % 1000 : i % perHost;
                String ip = host % 5 == 4 ? "10.99." + (host / 250) + "." + (host % 250) : "10.31.1." + (host % 64);
                // 10.31.1.0/26 holds 64 addresses: keep the identities distinct with the port
                int port = 1024 + host;
                double score = (plugin * 7 % 100) / 10.0;
                w.write("<result id=\"r" + i + "\"><name>" + names[plugin % names.length] + "</name><host>" + ip
                        + "<asset asset_id=\"a" + host + "\"/><hostname>h" + host + ".jyj.baotou.gov.cn</hostname></host><port>" + port
                        + "/tcp</port><nvt oid=\"1.3.6.1.4.1.25623.1.0." + (100_000 + plugin) + "\"><type>nvt</type><name>"
                        + names[plugin % names.length] + " (" + plugin + ")</name><family>General</family><cvss_base>" + score
                        + "</cvss_base><refs><ref type=\"cve\" id=\"CVE-2024-" + (10_000 + plugin) + "\"/><ref type=\"cve\" id=\"CVE-2025-"
                        + (20_000 + plugin) + "\"/><ref type=\"url\" id=\"https://example.org/" + plugin + "\"/></refs></nvt><threat>Medium</threat>"
                        + "<severity>" + score + "</severity><qod><value>80</value></qod><description>Installed version: 2.4." + (i % 60)
                        + "\nFixed version: 2.4.62\nInstallation path / port: /usr/sbin/httpd\nThe remote host is missing an update that fixes "
                        + "several vulnerabilities which an attacker could use to read or change data on the host or stop its service.</description>"
                        + "</result>\n");
            }
            w.write("</results></report></report></get_reports_response>\n");
        }
    }

    static byte[] eve(Instant base, int body, int lines) {
        StringBuilder sb = new StringBuilder(lines * 420);
        for (int i = 0; i < lines; i++) {
            int flow = (i % 2_000) + (i % 5 == 0 ? body * 100_000 : 0);
            String ts = EVE.format(base.plusMillis(i * 6L));
            String dest = flow % 3 == 0 ? "10.31.1." + (flow % 64) : flow % 3 == 1 ? "10.32.1." + (flow % 250) : "198.18." + (flow % 250) + ".9";
            sb.append("{\"timestamp\":\"").append(ts).append("\",\"flow_id\":").append(1_000_000_000L + flow)
                    .append(",\"in_iface\":\"ens192\",\"event_type\":\"alert\",\"src_ip\":\"203.0.113.").append(flow % 250)
                    .append("\",\"src_port\":").append(40_000 + flow % 20_000).append(",\"dest_ip\":\"").append(dest)
                    .append("\",\"dest_port\":443,\"proto\":\"TCP\",\"community_id\":\"1:bench").append(flow)
                    .append("=\",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":").append(2_024_000 + flow % 40)
                    .append(",\"rev\":3,\"signature\":\"ET EXPLOIT bench signature ").append(flow % 40)
                    .append("\",\"category\":\"Attempted Administrator Privilege Gain\",\"severity\":").append(1 + flow % 3)
                    .append("},\"app_proto\":\"tls\"}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private IntakeBenchmark() {
    }
}

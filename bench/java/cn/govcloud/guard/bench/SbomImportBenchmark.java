package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.platform.internal.SbomImports;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A5.5: imports a 20,000-component CycloneDX SBOM (JSON, then the same as XML, then a JSON with
 * 1,000 components changed) through the real {@code SbomImports.importSbom} on PostgreSQL, and
 * prints the time and the peak heap used during each import (the JVM's heap pools' peak, reset
 * after a GC before each import). Prints what it measured; asserts nothing.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.SbomImportBenchmark}
 * (database {@code bench_sbom} at 127.0.0.1:5432, recreated; {@code -Dcomponents=N} to change the size).
 */
public final class SbomImportBenchmark {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getProperty("components", "20000"));
        Path data = Files.createTempDirectory("sbom-bench");
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             var s = c.createStatement()) {
            s.execute("drop database if exists bench_sbom with (force)");
            s.execute("create database bench_sbom");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GovcloudGuardApplication.class).run("--server.port=0",
                "--govguard.data-dir=" + data, "--govguard.demo.enabled=true", "--govguard.demo.password=Bench-Passw0rd-2026",
                "--db-scheduler.enabled=false", "--logging.level.root=WARN",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench_sbom", "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--govguard.supply-chain.max-sbom-size=50MB")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long providerOrg = jdbc.sql("select org_id from identity_user where username = 'provider'").query(Long.class).single();
            Actor provider = new Actor(1, "provider", "bench", providerOrg, "云服务商", OrgKind.PROVIDER, Set.of(Role.PROVIDER_OPERATOR),
                    Set.of(), false);
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(provider, null, List.of()));
            SbomImports supplyChain = app.getBean(SbomImports.class);
            by = provider;

            byte[] json = json(n, 0, "bench").getBytes(StandardCharsets.UTF_8);
            byte[] xml = xml(n, "bench-xml").getBytes(StandardCharsets.UTF_8);
            byte[] changed = json(n, 1000, "bench").getBytes(StandardCharsets.UTF_8);
            // warm-up on a small list of another subject (JIT, connection pool)
            run(supplyChain, "warm-up 500 JSON", json(500, 0, "warm").getBytes(StandardCharsets.UTF_8));
            run(supplyChain, String.format("%,d components, JSON %.1f MB, first import", n, json.length / 1e6), json);
            run(supplyChain, String.format("%,d components, XML %.1f MB, first import (another subject)", n, xml.length / 1e6), xml);
            run(supplyChain, String.format("%,d components, JSON, re-import with 1,000 changed", n), changed);
            long rows = jdbc.sql("select count(*) from platform_supply_item").query(Long.class).single();
            System.out.printf("rows in platform_supply_item: %,d%n", rows);
        }
    }

    private static void run(SbomImports supplyChain, String what, byte[] content) throws Exception {
        System.gc();
        long baseline = heapUsed();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        SbomImports.ImportResult r = supplyChain.importSbom(by, "bench.json", new ByteArrayInputStream(content), "bench product"); // the subject name the uploader gives (issue 24 point 1)
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%s: %.2f s (%,.0f components/s), new %,d, removed %,d; heap before %.0f MB, peak during import %.0f MB%n",
                what, s, r.components() / s, r.added(), r.removed(), baseline / 1e6, peak / 1e6);
    }

    /** The provider importing (the import checks its caller). */
    private static Actor by;

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code changed} components get a new version (so: that many new, that many removed on re-import). */
    static String json(int n, int changed, String subject) {
        StringBuilder b = new StringBuilder(n * 260);
        b.append("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"metadata\":{\"component\":{\"type\":\"application\",")
                .append("\"name\":\"").append(subject).append("\"}},\"components\":[");
        for (int i = 0; i < n; i++) {
            String v = i < changed ? "2.0." + i : "1.0." + i;
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"type\":\"library\",\"group\":\"org.example.g").append(i % 97).append("\",\"name\":\"").append(subject).append("-lib-")
                    .append(i).append("\",\"version\":\"").append(v).append("\",\"purl\":\"pkg:maven/org.example.g").append(i % 97).append('/')
                    .append(subject).append("-lib-").append(i).append('@').append(v).append("\",\"licenses\":[{\"license\":{\"id\":\"Apache-2.0\"}}],")
                    .append("\"description\":\"Benchmark component number ").append(i).append("\"}");
        }
        return b.append("]}").toString();
    }

    static String xml(int n, String subject) {
        StringBuilder b = new StringBuilder(n * 300);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" version=\"1\">")
                .append("<metadata><component type=\"application\"><name>").append(subject).append("</name></component></metadata><components>");
        for (int i = 0; i < n; i++) {
            b.append("<component type=\"library\"><group>org.example.g").append(i % 97).append("</group><name>").append(subject).append("-lib-")
                    .append(i).append("</name><version>1.0.").append(i).append("</version><description>Benchmark component number ").append(i)
                    .append("</description><licenses><license><id>Apache-2.0</id></license></licenses><purl>pkg:maven/org.example.g")
                    .append(i % 97).append('/').append(subject).append("-lib-").append(i).append("@1.0.").append(i).append("</purl></component>");
        }
        return b.append("</components></bom>").toString();
    }
}

package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.internal.AuditRecords;
import cn.govcloud.guard.audit.internal.AuditVerification;
import cn.govcloud.guard.audit.internal.ChainCheck;
import cn.govcloud.guard.audit.internal.ChainPipeline;
import cn.govcloud.guard.crypto.LogMac;
import cn.govcloud.guard.crypto.Sm3;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit log throughput on the real PostgreSQL, in one run: appends per second through the SM3
 * chain (1, 4 and 16 threads), then verification of the whole chain next to raw SM3 over the same
 * canonical bytes, and the application's start-up time. Prints what it measured; asserts nothing.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests} (see bench/README.md). It recreates the database
 * {@code govguard_bench} on 127.0.0.1:5432 (override with GOVGUARD_BENCH_PG).
 */
public final class AuditBenchmark {
    public static void main(String[] args) throws Exception {
        int perThread = Integer.parseInt(System.getProperty("appends", "2000"));
        String server = System.getenv().getOrDefault("GOVGUARD_BENCH_PG", "jdbc:postgresql://127.0.0.1:5432/");
        String db = System.getProperty("bench.db", "govguard_bench");
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + db);
            c.createStatement().execute("create database " + db);
        }
        long start = System.nanoTime();
        SpringApplication app = new SpringApplication(GovcloudGuardApplication.class);
        ConfigurableApplicationContext ctx = app.run("--spring.profiles.active=prod",
                "--spring.datasource.url=" + server + db, "--govguard.audit.checkpoint-file=", "--spring.datasource.username=postgres",
                "--govguard.crypto.master-key=" + HexFormat.of().formatHex(cn.govcloud.guard.crypto.Sm4Gcm.newKey()),
                "--server.port=0", "--db-scheduler.enabled=false", "--logging.level.root=WARN");
        double startup = (System.nanoTime() - start) / 1e9;
        try {
            AuditLog audit = ctx.getBean(AuditLog.class);
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            System.out.printf("start-up (prod profile, PostgreSQL, empty database with migrations): %.2f s%n", startup);
            System.out.println("synchronous_commit = " + jdbc.sql("show synchronous_commit").query(String.class).single()
                    + ", fsync = " + jdbc.sql("show fsync").query(String.class).single() + " (an acknowledged append is on disk)");
            for (int threads : new int[] {1, 4, 16, 64}) {
                int each = threads == 1 ? perThread : threads == 64 ? perThread / 4 : perThread / 2;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long t0 = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            audit.record(AuditEvent.success("bench.append", "thread:" + thread, "record " + i)
                                    .by("bench", "benchmark").from("127.0.0.1"));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                System.out.printf("append through the chain, %2d threads: %,d records in %.2f s = %,.0f appends/s%n",
                        threads, threads * each, s, threads * each / s);
            }
            // the yardstick (issue 19): the same number of threads each committing a one-row insert with nothing else,
            // i.e. what this disk's commit (WAL flush) allows a closed-loop writer; no per-commit scheme can beat it
            jdbc.sql("create table bench_commit (id bigint, t text)").update();
            for (int threads : new int[] {1, 16}) {
                int each = threads == 1 ? 500 : 250;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long t0 = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        try (Connection c = DriverManager.getConnection(server + db, "postgres", "")) {
                            c.setAutoCommit(true);
                            try (var ps = c.prepareStatement("insert into bench_commit values (?, 'x')")) {
                                for (int i = 0; i < each; i++) {
                                    ps.setLong(1, i);
                                    ps.executeUpdate();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                System.out.printf("yardstick: bare one-row commits, %2d threads: %,d commits in %.2f s = %,.0f commits/s (%.2f ms each)%n",
                        threads, threads * each, s, threads * each / s, s * 1000 * threads / (threads * each));
            }
            verifyAgainstRawSm3(ctx, jdbc);
        } finally {
            ctx.close();
        }
    }

    private static final int WARM_PASSES = 3;
    private static final int TIMED_PASSES = 3;

    /**
     * Issue 19: verification against raw SM3 over the same canonical bytes, both warmed up the same way
     * ({@value #WARM_PASSES} untimed passes, then the median of {@value #TIMED_PASSES} timed ones), and where the
     * verification's time goes, phase by phase, each phase timed the same way on its own.
     */
    private static void verifyAgainstRawSm3(ConfigurableApplicationContext ctx, JdbcClient jdbc) {
        AuditVerification verification = ctx.getBean(AuditVerification.class);
        AuditRecords records = ctx.getBean(AuditRecords.class);
        LogMac mac = ctx.getBean(LogMac.class);
        long upTo = jdbc.sql("select max(id) from audit_record").query(Long.class).single();
        List<AuditRecord> rows = new ArrayList<>();
        List<String> storedMacs = new ArrayList<>();
        records.streamUpTo(upTo, (AuditRecord r, String m) -> rows.add(r) && storedMacs.add(m));
        List<byte[]> canonical = rows.stream().map(AuditRecord::canonical).toList();
        long bytes = canonical.stream().mapToLong(b -> b.length + 32L).sum();
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        ChainCheck.Result[] result = new ChainCheck.Result[1];
        double verify = median(() -> result[0] = verification.verify());
        byte[][] prev = {new byte[32]};
        double raw = median(() -> {
            for (byte[] b : canonical) {
                prev[0] = Sm3.digest(prev[0], b);
            }
        });
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("verify (stream from PostgreSQL, recompute chain and MACs, check anchors): %,d records valid=%s in %.3f s = %,.0f records/s, %.1f MB/s%n",
                result[0].records(), result[0].valid(), verify, result[0].records() / verify, bytes / verify / 1e6);
        System.out.printf("raw SM3 over the same %,d bytes in memory (one thread, chained): %.3f s = %,.0f records/s, %.1f MB/s%n",
                bytes, raw, canonical.size() / raw, bytes / raw / 1e6);
        System.out.printf("ratio verify / raw SM3: %.2fx (both: %d warm-up passes, median of %d timed; load average %.2f before, %.2f after, %d cores)%n",
                raw / verify, WARM_PASSES, TIMED_PASSES, loadBefore, load, Runtime.getRuntime().availableProcessors());

        // where the time goes: each phase alone, one thread, the same passes
        long[] n = new long[1];
        double fetch = median(() -> records.streamUpTo(upTo, (AuditRecord r, String m) -> ++n[0] > 0));
        double encode = median(() -> rows.forEach(r -> n[0] += r.canonical().length));
        double chain = median(() -> rows.forEach(r -> n[0] += r.computeHash().equals(r.hash()) ? 1 : 0));
        double macs = median(() -> rows.forEach(r -> n[0] += HexFormat.of().formatHex(mac.mac(("record|" + r.id() + "|" + r.hash())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).length()));
        // the checks alone, rows already in memory: the chain check with every hash and MAC, on one thread and through
        // the pipeline on all cores (what verify() does once the rows are fetched)
        java.util.function.BiFunction<Long, String, String> expected = (id, hash) -> HexFormat.of().formatHex(mac.mac(("record|" + id
                + "|" + hash).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        double checkOne = median(() -> {
            ChainCheck check = new ChainCheck(List.of(), k -> java.util.Optional.empty(), null).keyed(1, expected);
            for (int i = 0; i < rows.size(); i++) {
                check.accept(rows.get(i), storedMacs.get(i));
            }
            n[0] += check.finish(null, null).valid() ? 1 : 0;
        });
        double checkAll = median(() -> {
            ChainCheck check = new ChainCheck(List.of(), k -> java.util.Optional.empty(), null).keyed(1, expected);
            try (ChainPipeline pipeline = new ChainPipeline(check)) {
                for (int i = 0; i < rows.size(); i++) {
                    pipeline.offer(rows.get(i), storedMacs.get(i));
                }
                pipeline.drain();
            }
            n[0] += check.finish(null, null).valid() ? 1 : 0;
        });
        System.out.printf("phases (s): fetch+decode rows from PostgreSQL, one thread %.3f | canonical bytes %.3f | SM3 hash with hex,"
                + " incl. canonical %.3f | HMAC-SM3 per record %.3f | chain check of rows in memory (hash, MAC, links), one thread %.3f,"
                + " pipeline on all cores %.3f | raw SM3 %.3f | verify %.3f [%d]%n",
                fetch, encode, chain, macs, checkOne, checkAll, raw, verify, n[0] % 10);
    }

    /** {@value #WARM_PASSES} untimed passes, then the median of {@value #TIMED_PASSES} timed passes, in seconds. */
    private static double median(Runnable pass) {
        for (int i = 0; i < WARM_PASSES; i++) {
            pass.run();
        }
        double[] s = new double[TIMED_PASSES];
        for (int i = 0; i < TIMED_PASSES; i++) {
            long t = System.nanoTime();
            pass.run();
            s[i] = (System.nanoTime() - t) / 1e9;
        }
        java.util.Arrays.sort(s);
        return s[TIMED_PASSES / 2];
    }
}

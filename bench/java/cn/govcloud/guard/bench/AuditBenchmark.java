package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.internal.AuditVerification;
import cn.govcloud.guard.crypto.Sm3;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
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
            AuditVerification verification = ctx.getBean(AuditVerification.class);
            verification.verify(); // warm-up
            long t1 = System.nanoTime();
            var result = verification.verify();
            double vs = (System.nanoTime() - t1) / 1e9;
            List<byte[]> canonical = jdbc.sql("select id, occurred_at, actor, organisation, source_address, action, target, result, details, prev_hash, hash from audit_record order by id")
                    .query((rs, i) -> new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11)).canonical())
                    .list();
            long bytes = canonical.stream().mapToLong(b -> b.length + 32L).sum();
            byte[] prev = new byte[32];
            for (int warm = 0; warm < 3; warm++) {
                for (byte[] b : canonical) {
                    prev = Sm3.digest(prev, b);
                }
            }
            long t2 = System.nanoTime();
            for (byte[] b : canonical) {
                prev = Sm3.digest(prev, b);
            }
            double ss = (System.nanoTime() - t2) / 1e9;
            System.out.printf("verify (stream from PostgreSQL, recompute chain, check anchors): %,d records valid=%s in %.3f s = %,.0f records/s, %.1f MB/s%n",
                    result.records(), result.valid(), vs, result.records() / vs, bytes / vs / 1e6);
            System.out.printf("raw SM3 over the same %,d bytes in memory: %.3f s = %,.0f records/s, %.1f MB/s%n",
                    bytes, ss, canonical.size() / ss, bytes / ss / 1e6);
        } finally {
            ctx.close();
        }
    }
}

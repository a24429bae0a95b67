package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.SubjectSource;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long generating a whole year of recurring duties takes: first for the demo city (the
 * platform and eight units), then again with 1,000 hosted systems (levels 2 and 3 mixed, owned by
 * the demo units) added through a {@link SubjectSource}, as the systems module will add them.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.DutyGenerationBenchmark}
 * (H2 in memory); add {@code -Dbench.db=postgres} to run it on the PostgreSQL at 127.0.0.1:5432
 * (database {@code bench_duties}, recreated).
 */
public final class DutyGenerationBenchmark {

    public static void main(String[] args) throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("bench.db"));
        Path data = Files.createTempDirectory("duty-bench");
        List<String> props = new ArrayList<>(List.of("--server.port=0", "--govguard.data-dir=" + data, "--govguard.demo.enabled=true",
                "--govguard.demo.password=Bench-Passw0rd-2026", "--db-scheduler.enabled=false", "--logging.level.root=WARN"));
        if (postgres) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 var s = c.createStatement()) {
                s.execute("drop database if exists bench_duties with (force)");
                s.execute("create database bench_duties");
            }
            props.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench_duties");
            props.add("--spring.datasource.username=postgres");
            props.add("--spring.datasource.password=");
        } else {
            props.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        AtomicBoolean systemsOn = new AtomicBoolean(false);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GovcloudGuardApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("benchSystems", SubjectSource.class,
                        () -> systems(ctx, systemsOn)))
                .run(props.toArray(String[]::new))) {
            DutyEngine engine = app.getBean(DutyEngine.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            LocalDate from = LocalDate.parse("2026-01-01");
            LocalDate to = LocalDate.parse("2026-12-31");
            engine.generate(from, from); // warm-up: one day, so class loading and JIT are not what is measured

            long t0 = System.nanoTime();
            int city = engine.generate(from, to);
            double citySeconds = (System.nanoTime() - t0) / 1e9;

            systemsOn.set(true);
            t0 = System.nanoTime();
            int withSystems = engine.generate(from, to);
            double systemsSeconds = (System.nanoTime() - t0) / 1e9;

            t0 = System.nanoTime();
            int again = engine.generate(from, to);
            double againSeconds = (System.nanoTime() - t0) / 1e9;
            long total = jdbc.sql("select count(*) from duties_duty").query(Long.class).single();

            System.out.printf("database: %s%n", postgres ? "PostgreSQL 127.0.0.1:5432" : "H2 in memory");
            System.out.printf("year 2026, demo city (platform + 8 units): %,d duties created in %.2f s%n", city, citySeconds);
            System.out.printf("year 2026, + 1,000 systems:               %,d more duties in %.2f s (%,.0f duties/s)%n",
                    withSystems, systemsSeconds, withSystems / systemsSeconds);
            System.out.printf("year 2026 again (idempotent, nothing new): %,d created in %.2f s%n", again, againSeconds);
            System.out.printf("duties in the table: %,d%n", total);

            // the compliance matrix over that year, as the supervisor opens it (all subjects, every rule)
            var matrix = app.getBean(cn.govcloud.guard.duties.internal.ComplianceMatrix.class);
            var bootstrap = app.getBean(cn.govcloud.guard.identity.IdentityBootstrap.class);
            int[] rows = new int[1];
            for (int round = 0; round < 6; round++) {
                long m0 = System.nanoTime();
                bootstrap.runAs("supervisor", () -> rows[0] = matrix.rows(cn.govcloud.guard.shared.Actor.require(),
                        cn.govcloud.guard.duties.internal.ComplianceMatrix.Filter.none()).size());
                if (round >= 3) { // the first rounds warm up
                    System.out.printf("compliance matrix, supervisor, all rows: %,d rows in %.0f ms%n", rows[0], (System.nanoTime() - m0) / 1e6);
                }
            }
        }
    }

    /** 1,000 systems spread over the demo units, every third one at protection level 3. */
    private static SubjectSource systems(org.springframework.context.ConfigurableApplicationContext ctx, AtomicBoolean on) {
        return new SubjectSource() {
            private List<Subject> cached;

            @Override
            public SubjectKind kind() {
                return SubjectKind.SYSTEM;
            }

            @Override
            public List<Subject> subjects() {
                if (!on.get()) {
                    return List.of();
                }
                if (cached == null) {
                    List<Long> units = ctx.getBean(JdbcClient.class)
                            .sql("select id from identity_organisation where kind = 'UNIT' order by id").query(Long.class).list();
                    List<Subject> list = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        list.add(new Subject(SubjectKind.SYSTEM, 100_000 + i, "系统-" + i, units.get(i % units.size()),
                                Map.of("mlpsLevel", i % 3 == 0 ? 3 : 2, "yearsSinceMlpsAssessment", i % 4, "dataGrade",
                                        i % 5 == 0 ? "important" : "general")));
                    }
                    cached = list;
                }
                return cached;
            }
        };
    }

    private DutyGenerationBenchmark() {
    }
}

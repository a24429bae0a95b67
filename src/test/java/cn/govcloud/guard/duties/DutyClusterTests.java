package cn.govcloud.guard.duties;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Two application instances on one database (PostgreSQL in the postgres suite, a shared H2 in the
 * default one), one clock moved by the test. Both generate the same day's duties and both sweep at
 * the same instant — more than db-scheduler ever lets happen — and still each duty exists once,
 * becomes overdue once and is notified once.
 */
@Tag("app")
@ExtendWith(TestDatabase.class)
class DutyClusterTests {
    static final MutableClock CLOCK = new MutableClock();
    static final Path DATA = Path.of("target/cluster-test");
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        FileSystemUtils.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--govguard.data-dir=" + DATA.toAbsolutePath(),
                "--govguard.demo.enabled=true", "--govguard.demo.password=Demo-Passw0rd-2026", "--db-scheduler.polling-interval=1s"));
        if (TestDatabase.postgres()) {
            String server = TestDatabase.pgUrl().substring(0, TestDatabase.pgUrl().lastIndexOf('/'));
            try (Connection c = DriverManager.getConnection(TestDatabase.pgUrl(), TestDatabase.pgUser(), TestDatabase.pgPassword());
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists govguard_cluster with (force)");
                s.execute("create database govguard_cluster");
            }
            args.add("--spring.datasource.url=" + server + "/govguard_cluster");
            args.add("--spring.datasource.username=" + TestDatabase.pgUser());
            args.add("--spring.datasource.password=" + TestDatabase.pgPassword());
        } else {
            args.add("--spring.datasource.url=jdbc:h2:mem:cluster-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            args.add("--spring.datasource.username=sa");
        }
        first = start(args);
        second = start(args); // the second finds the schema migrated and the city seeded by the first
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(GovcloudGuardApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("clusterTestClock", Clock.class,
                        () -> CLOCK, definition -> definition.setPrimary(true)))
                .run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws IOException {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aDutyBecomesOverdueExactlyOnceWithTwoInstancesOnOneDatabase() throws Exception {
        CLOCK.set(Instant.parse("2026-08-05T02:00:00Z")); // 10:00 on 5 August in Baotou
        DutyEngine a = first.getBean(DutyEngine.class);
        DutyEngine b = second.getBean(DutyEngine.class);
        JdbcClient jdbc = first.getBean(JdbcClient.class);

        bothAtOnce(() -> a.generate(LocalDate.parse("2026-08-04"), LocalDate.parse("2026-08-05")),
                () -> b.generate(LocalDate.parse("2026-08-04"), LocalDate.parse("2026-08-05")));
        List<Long> yesterday = jdbc.sql("select id from duties_duty where rule_id = 'A5.4-daily-inspection' and period_start = :d")
                .param("d", LocalDate.parse("2026-08-04")).query(Long.class).list();
        assertThat(yesterday).as("one daily-inspection duty for 4 August, however many nodes generated it").hasSize(1);
        long id = yesterday.get(0);

        List<Integer> marked = bothAtOnce(a::sweep, b::sweep);
        List<Integer> again = bothAtOnce(a::sweep, b::sweep);

        assertThat(jdbc.sql("select state from duties_duty where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("OVERDUE");
        long overdueYesterday = jdbc.sql("select count(*) from duties_duty where due_at <= :now and state = 'OVERDUE' "
                        + "and period_start = :d").param("now", CLOCK.instant().atOffset(java.time.ZoneOffset.UTC))
                .param("d", LocalDate.parse("2026-08-04")).query(Long.class).single();
        // the scheduled sweeps of both nodes run too (every 30 s), so these two calls may find some done already;
        // what matters is that no transition is made twice
        assertThat(marked.get(0) + marked.get(1)).as("transitions made by the two calls together").isLessThanOrEqualTo((int) overdueYesterday);
        assertThat(again).containsExactly(0, 0);
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", "duty:" + id + ":overdue:%")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notify_notice where notice_key like :k").param("k", "duty:" + id + ":escalate:%")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'duty.overdue' and target = :t").param("t", "duty:" + id)
                .query(Long.class).single()).isEqualTo(1);
        // db-scheduler holds one execution of each recurring task for the whole cluster (both nodes registered
        // theirs at start-up; the scheduler starts in the background, so wait for it, not for time to pass)
        for (String task : List.of("duties-sweep", "duties-generate")) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            long rows = 0;
            while (System.nanoTime() < deadline && (rows = scheduled(jdbc, task)) == 0) {
                Thread.onSpinWait();
            }
            assertThat(rows).as("scheduled executions of " + task + " among "
                    + jdbc.sql("select task_name from scheduled_tasks").query(String.class).list()).isEqualTo(1);
        }
    }

    private static long scheduled(JdbcClient jdbc, String task) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = :t").param("t", task).query(Long.class).single();
    }

    @SafeVarargs
    private static <T> List<T> bothAtOnce(Callable<T>... work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(work.length);
        ExecutorService pool = Executors.newFixedThreadPool(work.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> w : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return w.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package cn.govcloud.guard.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.GovcloudGuardApplication;
import cn.govcloud.guard.MutableClock;
import cn.govcloud.guard.TestActors;
import cn.govcloud.guard.TestDatabase;
import cn.govcloud.guard.access.Channels.NewChannel;
import cn.govcloud.guard.access.internal.RemoteChannels;
import cn.govcloud.guard.security.DemoActors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;

/**
 * Two application instances on one database (PostgreSQL in the postgres suite, a shared H2 in the
 * default one): a credential verified concurrently through both nodes is allowed exactly once (A9.3
 * 一次一用、单次有效) — the consuming UPDATE is the only arbiter, no node-local state.
 */
@Tag("app")
@ExtendWith(TestDatabase.class)
class RemoteChannelClusterTests {
    static final MutableClock CLOCK = new MutableClock();
    static final Path DATA = Path.of("target/access-cluster-test");
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        FileSystemUtils.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--govguard.data-dir=" + DATA.toAbsolutePath(),
                "--govguard.demo.enabled=true", "--govguard.demo.password=Demo-Passw0rd-2026"));
        if (TestDatabase.postgres()) {
            String server = TestDatabase.pgUrl().substring(0, TestDatabase.pgUrl().lastIndexOf('/'));
            try (Connection c = DriverManager.getConnection(TestDatabase.pgUrl(), TestDatabase.pgUser(), TestDatabase.pgPassword());
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists govguard_access_cluster with (force)");
                s.execute("create database govguard_access_cluster");
            }
            args.add("--spring.datasource.url=" + server + "/govguard_access_cluster");
            args.add("--spring.datasource.username=" + TestDatabase.pgUser());
            args.add("--spring.datasource.password=" + TestDatabase.pgPassword());
        } else {
            args.add("--spring.datasource.url=jdbc:h2:mem:access-cluster-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            args.add("--spring.datasource.username=sa");
        }
        first = start(args);
        second = start(args);
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

    private static <T> T as(JdbcClient jdbc, String user, java.util.function.Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(TestActors.as(DemoActors.actor(jdbc, user)));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void concurrentVerificationsThroughTwoNodesAllowExactlyOne_A9_3() throws Exception {
        RemoteChannels a = first.getBean(RemoteChannels.class);
        RemoteChannels b = second.getBean(RemoteChannels.class);
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        long system = jdbc.sql("select s.id from systems_system s join identity_user u on u.org_id = s.org_id where u.username = 'unit1' "
                + "order by s.id").query(Long.class).list().get(0);
        Instant now = CLOCK.instant();
        long id = as(jdbc, "unit1staff", () -> a.request(new NewChannel(system, "集群测试", "重启应用", "appadmin", "ZERO_TRUST", "杨洋", now,
                now.plus(Duration.ofHours(1)), false)));
        as(jdbc, "unit1", () -> {
            b.approve(id, "同意");
            return null;
        });
        as(jdbc, "provider", () -> {
            a.open(id);
            return null;
        });
        String credential = as(jdbc, "unit1staff", () -> b.revealCredential(id));

        int perNode = 50; // 100 concurrent verifications in all (issue 20 point 7)
        ExecutorService pool = Executors.newFixedThreadPool(2 * perNode);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * perNode; i++) {
                RemoteChannels node = i % 2 == 0 ? a : b;
                String from = i % 2 == 0 ? "10.0.0.1" : "10.0.0.2";
                results.add(pool.submit(() -> {
                    start.await();
                    return node.verify(credential, from).allow();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> f : results) {
                allowed += f.get() ? 1 : 0;
            }
            assertThat(allowed).as("allowed verifications across both nodes").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'access.channel.verify' and target = :t and result = 'SUCCESS'")
                .param("t", "channel:" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'access.channel.verify' and target = :t and result = 'DENIED'")
                .param("t", "channel:" + id).query(Long.class).single()).isEqualTo(2L * perNode - 1);
    }
}

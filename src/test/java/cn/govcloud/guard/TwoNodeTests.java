package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.duties.DutyEngine;
import cn.govcloud.guard.notify.delivery.ChannelService;
import cn.govcloud.guard.notify.delivery.DeliverySender;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.security.DemoActors;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 20 point 7: two application instances on one PostgreSQL database, as behind a load balancer,
 * with db-scheduler running on both and one clock moved by the test. Every recurring duty is generated
 * once, every reminder and escalation is mailed once (counted at a GreenMail SMTP server) although both
 * nodes sweep and send at the same instants, and a holiday year or a rules overlay loaded on one node
 * is in force on the other within its refresh interval. (One channel credential verified once under
 * 100 concurrent requests through both nodes: {@code RemoteChannelClusterTests}, on both databases.)
 * Slow (two application starts on PostgreSQL): in the {@code resilience} profile, {@code mvn test -Presilience}.
 */
@Tag("resilience")
class TwoNodeTests {
    static final MutableClock CLOCK = new MutableClock();
    static final Path DATA = Path.of("target/two-node-test");
    static final Duration REFRESH = Duration.ofSeconds(2);
    static final String PASSWORD = "Demo-Passw0rd-2026";
    static GreenMail smtp;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String pgUrl = TestDatabase.pgUrl();
        String server = pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1);
        String db = pgUrl.substring(pgUrl.lastIndexOf('/') + 1) + "_nodes";
        try (Connection c = DriverManager.getConnection(server + "postgres", TestDatabase.pgUser(), TestDatabase.pgPassword());
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + db + " with (force)");
            s.execute("create database " + db);
        } catch (java.sql.SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + server + ": " + e.getMessage());
        }
        int smtpPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            smtpPort = probe.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        FileSystemUtils.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        CLOCK.set(Instant.parse("2026-08-03T01:00:00Z")); // Monday 3 August, 09:00 in Baotou
        List<String> args = List.of("--server.port=0", "--govguard.data-dir=" + DATA.toAbsolutePath(),
                "--govguard.demo.enabled=true", "--govguard.demo.password=" + PASSWORD, "--govguard.audit.checkpoint-file=",
                "--db-scheduler.polling-interval=1s", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--govguard.calendar.check-interval=" + REFRESH.toSeconds() + "s", "--govguard.rules.refresh=" + REFRESH.toSeconds() + "s",
                "--spring.datasource.url=" + server + db, "--spring.datasource.username=" + TestDatabase.pgUser(),
                "--spring.datasource.password=" + TestDatabase.pgPassword());
        first = start(args);
        second = start(args); // finds the schema migrated and the city seeded by the first
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(GovcloudGuardApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("twoNodeTestClock", Clock.class,
                        () -> CLOCK, definition -> definition.setPrimary(true)))
                .run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void A10_1_eachDutyIsGeneratedOnceAndEachReminderAndEscalationMailedOnceByTwoNodes() throws Exception {
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        SecurityContextHolder.getContext().setAuthentication(DemoActors.authentication(jdbc, "sysadmin"));
        try {
            ChannelService channels = first.getBean(ChannelService.class);
            for (long org : jdbc.sql("select id from identity_organisation").query(Long.class).list()) {
                channels.create(DemoActors.actor(jdbc, "sysadmin"),
                        new ChannelService.NewChannel(org, "EMAIL", "值班邮箱", "org" + org + "@nodes.example.gov.cn", null, true));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
        DutyEngine a = first.getBean(DutyEngine.class);
        DutyEngine b = second.getBean(DutyEngine.class);
        DeliverySender sendA = first.getBean(DeliverySender.class);
        DeliverySender sendB = second.getBean(DeliverySender.class);

        bothAtOnce(() -> a.generate(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-08-14")),
                () -> b.generate(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-08-14")));
        assertThat(jdbc.sql("""
                select count(*) from (select rule_id, subject_kind, subject_id, period_start from duties_duty where period_start is not null
                                       group by rule_id, subject_kind, subject_id, period_start having count(*) > 1) twice""")
                .query(Long.class).single()).as("duties generated twice").isZero();
        assertThat(jdbc.sql("select count(*) from duties_duty where rule_id = 'A5.4-daily-inspection' and period_start = :d")
                .param("d", LocalDate.parse("2026-08-04")).query(Long.class).single()).isPositive();

        for (String at : List.of("2026-08-03T01:00:00Z", "2026-08-04T02:00:00Z", "2026-08-05T02:00:00Z", "2026-08-07T02:00:00Z",
                "2026-08-12T02:00:00Z", "2026-08-20T02:00:00Z")) {
            CLOCK.set(Instant.parse(at));
            bothAtOnce(a::sweep, b::sweep);
            for (int round = 0; round < 200 && pending(jdbc) > 0; round++) {
                bothAtOnce(sendA::sendDue, sendB::sendDue);
            }
        }
        assertThat(pending(jdbc)).as("mail still to send").isZero();

        Map<String, Integer> mailsPerRecipientAndNotice = new HashMap<>();
        Pattern noticeKey = Pattern.compile("通知编号：(\\S+)");
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Matcher key = noticeKey.matcher(m.getContent().toString());
            assertThat(key.find()).as("notice key in the mail").isTrue();
            mailsPerRecipientAndNotice.merge(m.getRecipients(Message.RecipientType.TO)[0] + " " + key.group(1), 1, Integer::sum);
        }
        assertThat(mailsPerRecipientAndNotice.entrySet()).as("mails sent more than once")
                .filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(mailsPerRecipientAndNotice.keySet()).as("reminders mailed").anyMatch(k -> k.contains(":remind:"));
        assertThat(mailsPerRecipientAndNotice.keySet()).as("escalations mailed").anyMatch(k -> k.contains(":escalate:"));
        assertThat(mailsPerRecipientAndNotice.keySet()).as("overdue notices mailed").anyMatch(k -> k.contains(":overdue:"));
        assertThat(smtp.getReceivedMessages()).hasSize(jdbc.sql("select count(*) from notify_delivery where kind = 'EMAIL' and state = 'SENT'")
                .query(Long.class).single().intValue());
        assertThat(jdbc.sql("select count(*) from (select notice_key from notify_notice group by notice_key having count(*) > 1) twice")
                .query(Long.class).single()).as("notices recorded twice").isZero();
    }

    @Test
    void A10_2_aHolidayYearLoadedOnOneNodeIsInForceOnTheOtherWithinItsCheckInterval() throws Exception {
        WorkingCalendar onB = second.getBean(WorkingCalendar.class);
        LocalDate nationalDay = LocalDate.parse("2027-10-01"); // a Friday: a working day while 2027 is not loaded
        assertThat(onB.isWorkingDay(nationalDay)).isTrue();
        HttpResponse<String> loaded = call(first, "secadmin", "PUT", "/api/v1/calendar/years/2027", "application/json", """
                {"paper": "test data, not a real notice",
                 "holidays": [{"date": "2027-01-01", "name": "元旦"}, {"date": "2027-02-06", "name": "春节"},
                              {"date": "2027-04-05", "name": "清明节"}, {"date": "2027-05-01", "name": "劳动节"},
                              {"date": "2027-06-09", "name": "端午节"}, {"date": "2027-09-15", "name": "中秋节"},
                              {"date": "2027-10-01", "name": "国庆节"}],
                 "workdays": [{"date": "2027-02-20", "name": "春节"}]}""");
        assertThat(loaded.statusCode()).as(loaded.body()).isIn(200, 201);
        long loadedAt = System.nanoTime();
        Duration seen = waitUntil(() -> !onB.isWorkingDay(nationalDay));
        assertThat(onB.isWorkingDay(nationalDay)).as("2027-10-01 a holiday on the other node").isFalse();
        assertThat(seen).as("time until the other node saw the year").isLessThanOrEqualTo(REFRESH.plusSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - loadedAt)).isLessThan(REFRESH.plusSeconds(10));
    }

    @Test
    void A10_2_aRulesOverlayActivatedOnOneNodeIsInForceOnTheOtherWithinItsRefreshInterval() throws Exception {
        RuleCatalog onB = second.getBean(RuleCatalog.class);
        String version = "nodes" + System.nanoTime();
        String based = onB.version().version();
        HttpResponse<String> activated = call(first, "supervisor", "PUT", "/api/v1/rules/overlay", "text/yaml", """
                overlay: {name: 昆都仑区, version: %s, basedOn: %s}
                rules:
                  A10.2-rectify: {due: {workingDays: 3}, remind: [P1D]}
                """.formatted(version, based));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(String.valueOf(first.getBean(RuleCatalog.class).version().overlay())).contains(version); // at once where loaded
        // the catalog measures its refresh interval on the platform's clock, which this test holds still: let the interval pass
        CLOCK.set(CLOCK.instant().plus(REFRESH).plusMillis(1));
        Duration seen = waitUntil(() -> String.valueOf(onB.version().overlay()).contains(version));
        assertThat(String.valueOf(onB.version().overlay())).as("overlay in force on the other node").contains(version);
        assertThat(seen).as("time until the other node saw the overlay").isLessThanOrEqualTo(Duration.ofSeconds(3));
    }

    private static long pending(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from notify_delivery where state = 'PENDING' and next_attempt_at <= :now or claim_token is not null")
                .param("now", CLOCK.instant().atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single();
    }

    /** Polls the condition (every 20 ms) for at most ten seconds; returns how long it took. */
    private static Duration waitUntil(java.util.function.BooleanSupplier condition) {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean() && System.nanoTime() - t0 < 10_000_000_000L) {
            LockSupport.parkNanos(20_000_000L);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static HttpResponse<String> call(ConfigurableApplicationContext node, String user, String method, String path,
                                             String type, String body) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        String login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String bearer = "Bearer " + login.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", bearer)
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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

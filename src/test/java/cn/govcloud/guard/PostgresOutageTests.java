package cn.govcloud.guard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.audit.internal.AuditVerification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 20 point 6: PostgreSQL goes away under the platform (as in a restart: every connection cut,
 * new ones refused) and comes back. Meanwhile requests get a clear 503 problem; afterwards the pool
 * reconnects by itself and writes succeed again, and nothing acknowledged before is lost. The
 * platform reaches PostgreSQL through a TCP proxy this test cuts and restores, so the shared
 * database server itself is never restarted. Slow (a whole application start on PostgreSQL): in the
 * {@code resilience} profile, {@code mvn test -Presilience}.
 */
@Tag("resilience")
class PostgresOutageTests {

    /** Forwards one local port to PostgreSQL; {@link #cut()} closes the port and every forwarded connection. */
    static final class Proxy {
        final int port;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        Proxy() throws IOException {
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
        }

        void start() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            server = s;
            Thread accept = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket client = s.accept();
                        Socket pg = new Socket("127.0.0.1", 5432);
                        open.add(client);
                        open.add(pg);
                        pump(client.getInputStream(), pg.getOutputStream());
                        pump(pg.getInputStream(), client.getOutputStream());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "pg-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        void cut() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        private static void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException gone) {
                    // the other side or the cut closed it
                }
            }, "pg-proxy-pump");
            t.setDaemon(true);
            t.start();
        }
    }

    @Test
    void A5_3_postgresGoesAwayRequestsGet503AndThePoolRecoversByItself() throws Exception {
        String pgUrl = TestDatabase.pgUrl();
        String server = pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1);
        String db = pgUrl.substring(pgUrl.lastIndexOf('/') + 1) + "_outage";
        try (Connection c = DriverManager.getConnection(server + "postgres", TestDatabase.pgUser(), TestDatabase.pgPassword())) {
            c.createStatement().execute("drop database if exists " + db);
            c.createStatement().execute("create database " + db);
        } catch (java.sql.SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + server + ": " + e.getMessage());
        }
        Proxy proxy = new Proxy();
        proxy.start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GovcloudGuardApplication.class).run(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port + "/" + db,
                "--spring.datasource.username=" + TestDatabase.pgUser(), "--spring.datasource.password=" + TestDatabase.pgPassword(),
                "--spring.datasource.hikari.connection-timeout=3000", "--govguard.demo.password=Demo-Passw0rd-2026",
                "--govguard.data-dir=" + Files.createTempDirectory("outage"), "--govguard.audit.checkpoint-file=",
                "--server.port=0", "--db-scheduler.enabled=false");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            String login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"unit1\",\"password\":\"Demo-Passw0rd-2026\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String bearer = "Bearer " + login.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            java.util.function.IntFunction<HttpResponse<String>> create = i -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/systems"))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", bearer).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"name":"断库测试 %d","mlpsLevel":2,"purpose":"测试","responsibleName":"张三","responsibleMobile":"13812345678",
                                     "exposure":["GOV_EXTRANET"],"addresses":["10.96.0.%d"]}""".formatted(i, i + 1))).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThat(create.apply(1).statusCode()).isEqualTo(201);

            proxy.cut();
            for (int i = 2; i <= 3; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> down = create.apply(i);
                assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                assertThat(down.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(down.headers().firstValue("Retry-After")).isPresent();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            }

            proxy.start();
            int status = 0;
            for (int attempt = 0; attempt < 30 && status != 201; attempt++) {
                status = create.apply(10 + attempt).statusCode();
                if (status != 201) {
                    Thread.sleep(1000);
                }
            }
            assertThat(status).as("the pool reconnects by itself").isEqualTo(201);
            assertThat(app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select count(*) from systems_system where name = '断库测试 1'").query(Long.class).single()).isEqualTo(1);
            assertThat(app.getBean(AuditVerification.class).verify().valid()).isTrue();
        } finally {
            app.close();
            proxy.cut();
        }
    }
}

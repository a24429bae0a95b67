package cn.govcloud.guard.bench;

import cn.govcloud.guard.GovcloudGuardApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Concurrent writes over real HTTP on PostgreSQL (issue 20 point 4): 20, 100 and 200 writers, each
 * creating systems one after another ({@code POST /api/v1/systems}, a unit's bearer token: the
 * system row, its addresses, the module's audit record and the request's audit record). Prints
 * writes per second, p50 / p95 / max latency and the answers by status. Then 20, 100 and 200 requests at
 * once closing one hazard (one state transition): answers by status and how many times it was closed.
 * Asserts nothing.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.WriteLoadBenchmark}
 * (-Dbench.db=… names the scratch database, recreated; -Dwrites=5 requests per writer; -Dbench.writers=20,100,200 the rounds).
 */
public final class WriteLoadBenchmark {
    public static void main(String[] args) throws Exception {
        int perWriter = Integer.parseInt(System.getProperty("writes", "5"));
        String server = System.getenv().getOrDefault("GOVGUARD_BENCH_PG", "jdbc:postgresql://127.0.0.1:5432/");
        String db = System.getProperty("bench.db", "govguard_bench") + "_load";
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + db);
            c.createStatement().execute("create database " + db);
        }
        ConfigurableApplicationContext ctx = new SpringApplication(GovcloudGuardApplication.class).run(
                "--spring.datasource.url=" + server + db, "--spring.datasource.username=postgres",
                "--govguard.demo.password=Demo-Passw0rd-2026", "--govguard.data-dir=target/bench-load",
                "--govguard.audit.checkpoint-file=", "--server.port=0", "--db-scheduler.enabled=false", "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"unit1\",\"password\":\"Demo-Passw0rd-2026\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String bearer = "Bearer " + login.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            String supervisor = bearer(http, port, "supervisor");
            org.springframework.jdbc.core.simple.JdbcClient jdbc = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            int round = 0;
            int[] rounds = java.util.Arrays.stream(System.getProperty("bench.writers", "20,100,200").split(","))
                    .mapToInt(w -> Integer.parseInt(w.trim())).toArray();
            for (int writers : rounds) {
                round++;
                List<Long> millis = Collections.synchronizedList(new ArrayList<>());
                Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                int r = round;
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        gate.await();
                        for (int i = 0; i < perWriter; i++) {
                            String body = """
                                    {"name":"负载测试 %d-%d-%d","mlpsLevel":2,"purpose":"压测","responsibleName":"张三","responsibleMobile":"13812345678",
                                     "exposure":["GOV_EXTRANET"],"addresses":["10.%d.%d.%d"]}""".formatted(r, writer, i, 100 + r, writer % 250, i + 1);
                            long t0 = System.nanoTime();
                            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/systems"))
                                    .timeout(Duration.ofSeconds(120)).header("Authorization", bearer).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            millis.add((System.nanoTime() - t0) / 1_000_000);
                            statuses.merge(resp.statusCode(), 1, Integer::sum);
                        }
                        return null;
                    }));
                }
                long start = System.nanoTime();
                gate.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                pool.shutdown();
                List<Long> sorted = new ArrayList<>(millis);
                Collections.sort(sorted);
                System.out.printf("%3d writers x %d POST /api/v1/systems: %,.0f writes/s; p50 %d ms, p95 %d ms, max %d ms; answers %s%n",
                        writers, perWriter, sorted.size() / seconds, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)),
                        sorted.get(sorted.size() - 1), new TreeMap<>(statuses));
            }
            // one state transition, N requests at once: closing one hazard (as ConcurrentWritesTests, over real HTTP on PostgreSQL)
            for (int writers : rounds) {
                long hazard = hazardReadyToClose(http, port, bearer, supervisor, writers);
                List<Long> millis = Collections.synchronizedList(new ArrayList<>());
                Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    done.add(pool.submit(() -> {
                        gate.await();
                        long t0 = System.nanoTime();
                        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/hazards/"
                                        + hazard + "/close")).timeout(Duration.ofSeconds(120)).header("Authorization", supervisor)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        millis.add((System.nanoTime() - t0) / 1_000_000);
                        statuses.merge(resp.statusCode(), 1, Integer::sum);
                        return null;
                    }));
                }
                long start = System.nanoTime();
                gate.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                pool.shutdown();
                List<Long> sorted = new ArrayList<>(millis);
                Collections.sort(sorted);
                long closed = jdbc.sql("select count(*) from hazards_event where hazard_id = :h and kind = 'CLOSED'").param("h", hazard)
                        .query(Long.class).single();
                System.out.printf("%3d writers closing one hazard: %,.0f answers/s; p50 %d ms, p95 %d ms, max %d ms; answers %s; closed %d time(s)%n",
                        writers, sorted.size() / seconds, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)),
                        sorted.get(sorted.size() - 1), new TreeMap<>(statuses), closed);
            }
        } finally {
            ctx.close();
        }
    }

    private static String bearer(HttpClient http, int port, String user) throws Exception {
        String login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"Demo-Passw0rd-2026\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return "Bearer " + login.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> post(HttpClient http, int port, String path, String bearer, String type, byte[] body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", bearer)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    /** A system, a hazard on it, acknowledged and fed back by the unit: the supervisor may close it once. */
    private static long hazardReadyToClose(HttpClient http, int port, String unit, String supervisor, int n) throws Exception {
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        String system = post(http, port, "/api/v1/systems", unit, "application/json", """
                {"name":"并发关闭压测 %d","mlpsLevel":2,"purpose":"压测","responsibleName":"张三","responsibleMobile":"13812345678",
                 "exposure":["GOV_EXTRANET"],"addresses":["10.250.%d.1"]}""".formatted(n, n % 250).getBytes(utf8)).body()
                .replaceAll("(?s)^.*?\"id\":(\\d+).*", "$1");
        String hazard = post(http, port, "/api/v1/hazards", supervisor, "application/json",
                ("{\"systemId\":" + system + ",\"title\":\"并发关闭\",\"severity\":\"HIGH\"}").getBytes(utf8)).body()
                .replaceAll("(?s)^.*?\"id\":(\\d+).*", "$1");
        post(http, port, "/api/v1/hazards/" + hazard + "/acknowledge", unit, "application/json",
                "{\"handlerName\":\"张安全\",\"firstMeasures\":\"已下线受影响接口\"}".getBytes(utf8));
        String b = "----bench";
        String form = "--" + b + "\r\nContent-Disposition: form-data; name=\"measures\"\r\n\r\n已升级组件\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"residualRisk\"\r\n\r\n无\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"completedOn\"\r\n\r\n" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\r\n" // the platform's day is Beijing's
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"整改报告.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" + b + "--\r\n";
        post(http, port, "/api/v1/hazards/" + hazard + "/feedback", unit, "multipart/form-data; boundary=" + b, form.getBytes(utf8));
        return Long.parseLong(hazard);
    }
}

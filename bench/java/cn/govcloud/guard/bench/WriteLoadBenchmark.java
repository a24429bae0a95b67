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
 * writes per second, p50 / p95 / max latency and the answers by status. Asserts nothing.
 *
 * <p>Run: {@code mvn -q -Pbench verify -DskipTests -Dbench.main=cn.govcloud.guard.bench.WriteLoadBenchmark}
 * (-Dbench.db=… names the scratch database, recreated; -Dwrites=5 requests per writer).
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
            int round = 0;
            for (int writers : new int[] {20, 100, 200}) {
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
        } finally {
            ctx.close();
        }
    }
}

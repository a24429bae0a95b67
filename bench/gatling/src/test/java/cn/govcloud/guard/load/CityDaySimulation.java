package cn.govcloud.guard.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A city's working day on the platform (issue 19 point 5), against a running platform on PostgreSQL with the demo
 * city (bench/gatling/run.sh starts one). Four kinds of people at once, in fixed shares of the virtual users:
 * <ul>
 *   <li>60 % unit staff (unit1 … unit8): sign in through the login form, open their home page, their duty list and
 *       their hazard list, read the duty API; one round in five registers a system, one in ten files the monthly
 *       log-analysis evidence (A7.4) of a duty still open;</li>
 *   <li>15 % the provider's SOC: posts Suricata EVE alerts (A10.1) with a scoped token and reads the hazard API; one
 *       round in ten imports an OpenVAS report;</li>
 *   <li>15 % the supervisor: signs in, opens the city dashboard, the hazard list and the compliance matrix;</li>
 *   <li>10 % the remote-access gateway: verifies channel credentials (A9.3) with its scoped token — credentials nobody
 *       holds, so the answer is the audited 403 {"allow": false}, the path every verification takes.</li>
 * </ul>
 * Every virtual user thinks 1–3 s between steps, signs in again after ten rounds, and runs until the end of the
 * steady phase. Closed model: -Dusers is the number of people working at once.
 *
 * <p>-Dbase (http://127.0.0.1:18090), -Dusers (50), -Dramp (30 s), -Dsteady (120 s), -Dpassword (the demo password).
 */
public class CityDaySimulation extends Simulation {
    static final String BASE = System.getProperty("base", "http://127.0.0.1:18090");
    static final int USERS = Integer.getInteger("users", 50);
    static final int RAMP = Integer.getInteger("ramp", 30);
    static final int STEADY = Integer.getInteger("steady", 120);
    static final String PASSWORD = System.getProperty("password", "Demo-Passw0rd-2026");
    static final List<String> UNITS = IntStream.rangeClosed(1, 8).mapToObj(i -> "unit" + i).toList();

    /** Bearer tokens made once before the run: one per unit account, the provider's, and two scoped machine tokens. */
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000);

    HttpProtocolBuilder protocol = http.baseUrl(BASE)
            .acceptLanguageHeader("zh-CN,zh;q=0.9")
            .userAgentHeader("govcloud-guard load test")
            .shareConnections();

    /** The login form: read its CSRF token, post the credentials, land on the home page (demo mode: no second factor). */
    static ChainBuilder signIn(String who) {
        return exec(http("sign in: login form").get("/login")
                        .check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("sign in: post").post("/login")
                        .formParam("username", who)
                        .formParam("password", PASSWORD)
                        .formParam("_csrf", "#{csrf}")
                        .check(status().is(200), currentLocationRegex("/login").notExists()));
    }

    static ChainBuilder think() {
        return pause(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    /** The machine tokens made in {@link #prepareTokens()}, into every virtual user's session. */
    static ChainBuilder tokens() {
        return exec(session -> session.set("alertsToken", TOKENS.get("alerts"))
                .set("providerToken", TOKENS.get("provider")).set("verifyToken", TOKENS.get("verify")));
    }

    ScenarioBuilder units = scenario("unit staff")
            .exec(session -> {
                String user = UNITS.get((int) (session.userId() % UNITS.size()));
                return session.set("user", user).set("bearer", "Bearer " + TOKENS.get(user));
            })
            .exec(signIn("#{user}"))
            .repeat(10).on(
                    think(),
                    exec(http("unit: home page").get("/").check(status().is(200))),
                    think(),
                    exec(http("unit: duty list page").get("/duties").check(status().is(200))),
                    think(),
                    exec(http("unit: hazard list page").get("/hazards").check(status().is(200))),
                    think(),
                    exec(http("unit: duty API").get("/api/v1/duties?limit=50").header("Authorization", "#{bearer}")
                            .check(status().is(200))),
                    randomSwitch().on(
                            percent(20.0).then(exec(session -> session.set("seq", SEQUENCE.incrementAndGet()))
                                    .exec(http("unit: register a system").post("/api/v1/systems")
                                            .header("Authorization", "#{bearer}")
                                            .body(StringBody(session -> {
                                                long seq = session.getLong("seq");
                                                return """
                                                        {"name":"负载测试系统 %d","mlpsLevel":2,"purpose":"压测","responsibleName":"张三",\
                                                        "responsibleMobile":"13812345678","exposure":["GOV_EXTRANET"],\
                                                        "addresses":["10.%d.%d.%d"]}""".formatted(seq, 100 + seq / 62500 % 100,
                                                        seq / 250 % 250, seq % 250 + 1);
                                            })).asJson()
                                            .check(status().is(201)))),
                            percent(10.0).then(exec(http("unit: find an open A7.4 duty")
                                    .get("/api/v1/duties?rule=A7.4-monthly-log-analysis&state=OPEN&limit=1")
                                    .header("Authorization", "#{bearer}")
                                    .check(status().is(200), jmesPath("items[0].id").optional().saveAs("dutyId")))
                                    .doIf(session -> session.contains("dutyId")).then(
                                            // Two people of one unit may pick the same duty: the second is refused
                                            // (409, already submitted), which is the right answer, not an error.
                                            exec(http("unit: file A7.4 evidence").post("/api/v1/duties/#{dutyId}/submissions")
                                                    .header("Authorization", "#{bearer}")
                                                    .body(StringBody("""
                                                            {"fields":{"changes":"3","vulnerabilitiesFixed":"2","logAnalysis":"未见异常",\
                                                            "oldestLogDate":"2026-05-01","logsKeptSixMonths":"true"}}"""))
                                                    .asJson()
                                                    .check(status().in(201, 409)))
                                                    .exec(session -> session.remove("dutyId")))))
            );

    ScenarioBuilder provider = scenario("provider SOC")
            .exec(tokens())
            .repeat(10).on(
                    think(),
                    exec(session -> session.set("seq", SEQUENCE.incrementAndGet()))
                            .exec(http("provider: post Suricata alerts").post("/api/v1/alerts/suricata")
                                    .header("Authorization", "Bearer #{alertsToken}")
                                    .header("Content-Type", "application/x-ndjson")
                                    .body(StringBody(session -> eve(session.getLong("seq"))))
                                    .check(status().in(200, 201, 202))),
                    think(),
                    exec(http("provider: hazard API").get("/api/v1/hazards?size=20").header("Authorization", "Bearer #{providerToken}")
                            .check(status().is(200))),
                    randomSwitch().on(percent(10.0).then(
                            exec(http("provider: import an OpenVAS report").post("/api/v1/findings/import")
                                    .header("Authorization", "Bearer #{alertsToken}")
                                    .bodyPart(RawFileBodyPart("file", "scan.xml").fileName("scan.xml").contentType("application/xml"))
                                    .asMultipartForm()
                                    .check(status().in(200, 201, 202)))))
            );

    ScenarioBuilder supervisor = scenario("supervisor")
            .exec(signIn("supervisor"))
            .repeat(10).on(
                    think(),
                    exec(http("supervisor: city dashboard").get("/supervision/dashboard").check(status().is(200))),
                    think(),
                    exec(http("supervisor: hazard list page").get("/hazards").check(status().is(200))),
                    think(),
                    exec(http("supervisor: compliance matrix").get("/compliance").check(status().is(200)))
            );

    ScenarioBuilder gateway = scenario("remote-access gateway")
            .exec(tokens())
            .repeat(20).on(
                    think(),
                    exec(http("gateway: verify a credential").post("/api/v1/channels/verify")
                            .header("Authorization", "Bearer #{verifyToken}")
                            .body(StringBody(session -> "{\"credential\":\"ggc_load" + SEQUENCE.incrementAndGet() + "\"}")).asJson()
                            .check(status().is(403), jmesPath("allow").is("false")))
            );

    static String eve(long seq) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append("""
                    {"timestamp":"%s","flow_id":%d,"event_type":"alert","src_ip":"203.0.113.%d","src_port":51234,\
                    "dest_ip":"10.31.1.10","dest_port":443,"proto":"TCP","alert":{"action":"allowed","gid":1,\
                    "signature_id":%d,"rev":1,"signature":"ET SCAN load test %d","category":"Attempted Information Leak","severity":2}}
                    """.formatted(Instant.now().toString(), seq * 10 + i, (seq + i) % 250 + 1, 2_100_000 + (seq + i) % 50, (seq + i) % 50));
        }
        return lines.toString();
    }

    {
        prepareTokens();
        ScenarioBuilder[] all = {units, provider, supervisor, gateway};
        double[] shares = {0.60, 0.15, 0.15, 0.10};
        var injections = new java.util.ArrayList<io.gatling.javaapi.core.PopulationBuilder>();
        for (int i = 0; i < all.length; i++) {
            int n = Math.max(1, (int) Math.round(USERS * shares[i]));
            injections.add(all[i].injectClosed(rampConcurrentUsers(0).to(n).during(RAMP), constantConcurrentUsers(n).during(STEADY)));
        }
        setUp(injections).protocols(protocol);
    }

    /** Before the load: bearer tokens for the accounts, and the security administrator's scoped machine tokens. */
    static void prepareTokens() {
        HttpClient client = HttpClient.newHttpClient();
        for (String user : UNITS) {
            TOKENS.put(user, login(client, user));
        }
        TOKENS.put("provider", login(client, "provider"));
        String secadmin = login(client, "secadmin");
        String orgs = send(client, HttpRequest.newBuilder(URI.create(BASE + "/api/v1/organisations"))
                .header("Authorization", "Bearer " + secadmin).GET().build());
        Matcher providerOrg = Pattern.compile("\\{\"id\":(\\d+),\"name\":\"[^\"]*\",\"kind\":\"PROVIDER\"").matcher(orgs);
        if (!providerOrg.find()) {
            throw new IllegalStateException("no provider organisation in " + orgs);
        }
        String expires = Instant.now().plus(Duration.ofDays(1)).toString();
        TOKENS.put("alerts", machineToken(client, secadmin, providerOrg.group(1), "[\"alerts:write\",\"findings:write\"]", expires));
        TOKENS.put("verify", machineToken(client, secadmin, providerOrg.group(1), "[\"channels:verify\"]", expires));
    }

    static String machineToken(HttpClient client, String secadmin, String orgId, String scopes, String expires) {
        String body = "{\"name\":\"load test %d\",\"orgId\":%s,\"scopes\":%s,\"expiresAt\":\"%s\"}"
                .formatted(SEQUENCE.incrementAndGet(), orgId, scopes, expires);
        String answer = send(client, HttpRequest.newBuilder(URI.create(BASE + "/api/v1/api-tokens"))
                .header("Authorization", "Bearer " + secadmin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return field(answer, "secret");
    }

    static String login(HttpClient client, String user) {
        String answer = send(client, HttpRequest.newBuilder(URI.create(BASE + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(user, PASSWORD))).build());
        return field(answer, "token");
    }

    static String send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": is the platform running (bench/gatling/run.sh)?", e);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}

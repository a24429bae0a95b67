package cn.govcloud.guard.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real peer for issue 21 point 4 on the JDK's HTTP server, speaking three contracts:
 * <ul>
 * <li>a 政务短信平台: {@code POST /sms/send} with JSON {@code {"apiKey","phone","content","sign"}} → {@code {"code":"0"}},
 *     {@code {"code":"E401"}} for a wrong key; {@link #smsStatus} makes it answer an HTTP error;</li>
 * <li>政务微信 (WeCom server API): {@code GET /cgi-bin/gettoken?corpid&corpsecret}, {@code POST /cgi-bin/user/getuserid}
 *     (46004 for an unknown mobile), {@code POST /cgi-bin/message/send}; a revoked token answers 42001;</li>
 * <li>政务钉钉 (DingTalk server API): {@code GET /gettoken?appkey&appsecret}, {@code POST /topapi/v2/user/getbymobile}
 *     (60121 for an unknown mobile), {@code POST /topapi/message/corpconversation/asyncsend_v2}; a revoked token answers
 *     errcode 88 with sub_code 40014.</li>
 * </ul>
 * Every request is recorded; {@link #expireTokens} revokes every token issued so far.
 */
public final class GovMessagingPeer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Request(String method, String path, Map<String, String> query, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> directory = new ConcurrentHashMap<>(); // mobile → userid
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final String corpId;
    private final String secret;
    private final String smsKey;
    private volatile int smsStatus = 200;

    GovMessagingPeer(String corpId, String secret, String smsKey) throws IOException {
        this.corpId = corpId;
        this.secret = secret;
        this.smsKey = smsKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    GovMessagingPeer person(String mobile, String userId) {
        directory.put(mobile, userId);
        return this;
    }

    void expireTokens() {
        validTokens.clear();
    }

    void smsStatus(int status) {
        this.smsStatus = status;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, query, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        switch (path) {
            case "/sms/send" -> sms(exchange, body);
            case "/cgi-bin/gettoken" -> token(exchange, "corpid", "corpsecret", query);
            case "/gettoken" -> token(exchange, "appkey", "appsecret", query);
            case "/cgi-bin/user/getuserid" -> {
                if (tokenBad(exchange, query, false)) {
                    return;
                }
                String userId = directory.get(JSON.readTree(body).get("mobile").asString());
                answer(exchange, 200, userId == null ? "{\"errcode\":46004,\"errmsg\":\"user no exist\"}"
                        : "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"" + userId + "\"}");
            }
            case "/cgi-bin/message/send" -> {
                if (tokenBad(exchange, query, false)) {
                    return;
                }
                JsonNode m = JSON.readTree(body);
                boolean known = directory.containsValue(m.get("touser").asString());
                answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"" + (known ? "" : m.get("touser").asString())
                        + "\",\"msgid\":\"m" + requests.size() + "\"}");
            }
            case "/topapi/v2/user/getbymobile" -> {
                if (tokenBad(exchange, query, true)) {
                    return;
                }
                String userId = directory.get(JSON.readTree(body).get("mobile").asString());
                answer(exchange, 200, userId == null ? "{\"errcode\":60121,\"errmsg\":\"找不到该用户\"}"
                        : "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"" + userId + "\"},\"request_id\":\"r1\"}");
            }
            case "/topapi/message/corpconversation/asyncsend_v2" -> {
                if (tokenBad(exchange, query, true)) {
                    return;
                }
                answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"task_id\":" + requests.size() + ",\"request_id\":\"r2\"}");
            }
            default -> answer(exchange, 404, "{\"errcode\":404,\"errmsg\":\"no such API\"}");
        }
    }

    private void sms(HttpExchange exchange, String body) throws IOException {
        if (smsStatus != 200) {
            answer(exchange, smsStatus, "{\"code\":\"E500\",\"msg\":\"gateway busy\"}");
            return;
        }
        JsonNode json = JSON.readTree(body);
        boolean ok = smsKey.equals(json.path("apiKey").asString()) && json.path("phone").asString().matches("1[3-9][0-9]{9}");
        answer(exchange, 200, ok ? "{\"code\":\"0\",\"msg\":\"accepted\",\"data\":{\"msgId\":\"s" + requests.size() + "\"}}"
                : "{\"code\":\"E401\",\"msg\":\"bad key or number\"}");
    }

    private void token(HttpExchange exchange, String idName, String secretName, Map<String, String> query) throws IOException {
        if (!corpId.equals(query.get(idName)) || !secret.equals(query.get(secretName))) {
            answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
            return;
        }
        String token = "tok-" + issued.incrementAndGet();
        validTokens.add(token);
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + token + "\",\"expires_in\":7200}");
    }

    /** WeCom answers an expired token with 42001, DingTalk with 88 / sub_code 40014. */
    private boolean tokenBad(HttpExchange exchange, Map<String, String> query, boolean dingTalk) throws IOException {
        if (validTokens.contains(query.get("access_token"))) {
            return false;
        }
        answer(exchange, 200, dingTalk ? "{\"errcode\":88,\"errmsg\":\"不合法的access_token\",\"sub_code\":\"40014\"}"
                : "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
        return true;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

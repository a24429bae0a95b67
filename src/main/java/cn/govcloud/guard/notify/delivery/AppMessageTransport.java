package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.delivery.Gateways.AppConfig;
import cn.govcloud.guard.notify.delivery.Gateways.Kind;
import cn.govcloud.guard.notify.delivery.Transport.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Application messages to one person through a privately deployed 政务微信 or 政务钉钉 (issue 21 point 4).
 *
 * <p>政务微信 follows the WeCom server API: {@code GET /cgi-bin/gettoken?corpid&corpsecret}, then
 * {@code POST /cgi-bin/user/getuserid} {@code {"mobile"}} → {@code userid}, then {@code POST /cgi-bin/message/send}
 * {@code {"touser","msgtype":"text","agentid","text":{"content"}}}. 政务钉钉 follows DingTalk's: {@code GET /gettoken?appkey&appsecret},
 * {@code POST /topapi/v2/user/getbymobile} {@code {"mobile"}} → {@code result.userid}, {@code POST
 * /topapi/message/corpconversation/asyncsend_v2} {@code {"agent_id","userid_list","msg"}}. Every answer is
 * {@code errcode} 0 on success. The access token is kept per node until shortly before {@code expires_in}; an
 * answer saying the token is invalid or expired (WeCom 40014, 42001; DingTalk 40014, 42001, 88) drops it, fetches
 * a new one and repeats the call once. A person the deployment does not know by that mobile number (WeCom 46004,
 * DingTalk 60121) fails at once: retrying would not change it.
 */
@Component
class AppMessageTransport {
    private static final JsonMapper JSON = JsonMapper.shared();
    static final Set<Long> WECOM_TOKEN_INVALID = Set.of(40014L, 42001L);
    static final Set<Long> DINGTALK_TOKEN_INVALID = Set.of(40014L, 42001L, 88L);
    static final Set<Long> WECOM_UNKNOWN_MOBILE = Set.of(46004L, 60111L);
    static final Set<Long> DINGTALK_UNKNOWN_MOBILE = Set.of(60121L);
    private static final int MAX_TEXT = 2000;

    private final HttpClient http;
    private final DeliverySettings settings;
    private final Clock clock;
    /** Access tokens per deployment and application; a token is only ever used against the deployment that issued it. */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    AppMessageTransport(DeliverySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(Kind kind, AppConfig config, String secret, String mobile, String text) throws DeliveryFailure {
        if (secret == null) {
            throw DeliveryFailure.permanent(label(kind) + ": no application secret configured");
        }
        String base = config.baseUrl().replaceAll("/+$", "");
        try {
            if (!settings.hostAllowed(URI.create(base).getHost())) {
                throw DeliveryFailure.permanent("host not allowed (govguard.notify.delivery.allowed-hosts)");
            }
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent(label(kind) + ": invalid base URL");
        }
        String content = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
        if (kind == Kind.GOV_WECOM) {
            JsonNode user = call(kind, config, secret, base + "/cgi-bin/user/getuserid", Map.of("mobile", mobile), WECOM_UNKNOWN_MOBILE);
            String userId = text(user.get("userid"));
            if (userId == null) {
                throw DeliveryFailure.retry(label(kind) + ": user/getuserid answered without a userid");
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("touser", userId);
            message.put("msgtype", "text");
            message.put("agentid", Long.parseLong(config.agentId()));
            message.put("text", Map.of("content", content));
            message.put("safe", 0);
            JsonNode sent = call(kind, config, secret, base + "/cgi-bin/message/send", message, Set.of());
            String invalid = text(sent.get("invaliduser"));
            if (invalid != null && !invalid.isBlank()) {
                throw DeliveryFailure.permanent(label(kind) + ": message/send refused the user (invaliduser " + invalid + ")");
            }
        } else {
            JsonNode user = call(kind, config, secret, base + "/topapi/v2/user/getbymobile", Map.of("mobile", mobile),
                    DINGTALK_UNKNOWN_MOBILE);
            String userId = user.has("result") ? text(user.get("result").get("userid")) : null;
            if (userId == null) {
                throw DeliveryFailure.retry(label(kind) + ": getbymobile answered without a userid");
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("agent_id", Long.parseLong(config.agentId()));
            message.put("userid_list", userId);
            message.put("msg", Map.of("msgtype", "text", "text", Map.of("content", content)));
            call(kind, config, secret, base + "/topapi/message/corpconversation/asyncsend_v2", message, Set.of());
        }
    }

    /** POSTs with the access token; on an invalid or expired token fetches a new one and tries once more. */
    private JsonNode call(Kind kind, AppConfig config, String secret, String url, Object body, Set<Long> permanentCodes)
            throws DeliveryFailure {
        Set<Long> tokenInvalid = kind == Kind.GOV_WECOM ? WECOM_TOKEN_INVALID : DINGTALK_TOKEN_INVALID;
        for (int round = 0; ; round++) {
            Token token = token(kind, config, secret);
            JsonNode answer = exchange(kind, HttpRequest.newBuilder(URI.create(url + "?access_token="
                            + URLEncoder.encode(token.value(), StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)));
            long code = errcode(kind, answer);
            if (code == 0) {
                return answer;
            }
            if (tokenInvalid.contains(code) && round == 0) {
                tokens.remove(cacheKey(kind, config, secret), token); // unless another sender already replaced it
                continue;
            }
            String why = label(kind) + ": " + path(url) + " errcode " + code + message(answer);
            throw permanentCodes.contains(code) ? DeliveryFailure.permanent(why) : DeliveryFailure.retry(why);
        }
    }

    /** The cached token, or a new one; one fetch at a time, so concurrent senders share it (gettoken is rate-limited). */
    private Token token(Kind kind, AppConfig config, String secret) throws DeliveryFailure {
        String key = cacheKey(kind, config, secret);
        Token cached = tokens.get(key);
        if (cached != null && cached.expires().isAfter(clock.instant())) {
            return cached;
        }
        synchronized (tokens) {
            cached = tokens.get(key);
            if (cached != null && cached.expires().isAfter(clock.instant())) {
                return cached;
            }
            return fetch(kind, config, secret, key);
        }
    }

    private Token fetch(Kind kind, AppConfig config, String secret, String key) throws DeliveryFailure {
        String base = config.baseUrl().replaceAll("/+$", "");
        String url = kind == Kind.GOV_WECOM
                ? base + "/cgi-bin/gettoken?corpid=" + enc(config.appId()) + "&corpsecret=" + enc(secret)
                : base + "/gettoken?appkey=" + enc(config.appId()) + "&appsecret=" + enc(secret);
        JsonNode answer = exchange(kind, HttpRequest.newBuilder(URI.create(url)).GET());
        long code = errcode(kind, answer);
        String value = text(answer.get("access_token"));
        if (code != 0 || value == null) {
            throw DeliveryFailure.retry(label(kind) + ": gettoken errcode " + code + message(answer));
        }
        long seconds = answer.has("expires_in") && answer.get("expires_in").isNumber() ? answer.get("expires_in").asLong() : 7200;
        // renewed five minutes early (at least halfway), so a token is not used in its last moments
        Instant expires = clock.instant().plusSeconds(Math.max(seconds / 2, seconds - 300));
        Token token = new Token(value, expires);
        tokens.put(key, token);
        return token;
    }

    private JsonNode exchange(Kind kind, HttpRequest.Builder request) throws DeliveryFailure {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(settings.requestTimeout()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw DeliveryFailure.retry(label(kind) + ": no answer within " + settings.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw DeliveryFailure.retry(label(kind) + ": connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retry("interrupted");
        }
        String body = response.body() == null ? "" : response.body();
        String snippet = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw DeliveryFailure.retry(label(kind) + ": HTTP " + response.statusCode() + (snippet.isBlank() ? "" : ": " + snippet));
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw DeliveryFailure.retry(label(kind) + ": HTTP " + response.statusCode() + " without a JSON answer: " + snippet);
            }
            return json;
        } catch (JacksonException e) {
            throw DeliveryFailure.retry(label(kind) + ": HTTP " + response.statusCode() + " without a JSON answer: " + snippet);
        }
    }

    private static long errcode(Kind kind, JsonNode answer) throws DeliveryFailure {
        JsonNode code = answer.get("errcode");
        if (code == null || !code.isNumber()) {
            if (code == null && answer.has("access_token")) {
                return 0; // some deployments leave errcode out of a successful gettoken
            }
            throw DeliveryFailure.retry(label(kind) + ": answer without errcode");
        }
        return code.asLong();
    }

    private static String message(JsonNode answer) {
        String m = text(answer.get("errmsg"));
        String sub = text(answer.get("sub_code"));
        return (m == null ? "" : ": " + m) + (sub == null ? "" : " (sub_code " + sub + ")");
    }

    private static String cacheKey(Kind kind, AppConfig config, String secret) {
        return kind + "|" + config.baseUrl() + "|" + config.appId() + "|" + Integer.toHexString(secret.hashCode());
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    static String label(Kind kind) {
        return kind == Kind.GOV_WECOM ? "政务微信" : kind == Kind.GOV_DINGTALK ? "政务钉钉" : "SMS";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}

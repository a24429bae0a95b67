package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.DeliveryStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three group robots (A10.1), posted JSON with {@link HttpClient} and the configured timeouts.
 * A robot accepted a message only when it answers 2xx with its success code: DingTalk and WeCom
 * {@code errcode} 0, Feishu {@code code} (older robots: {@code StatusCode}) 0. A 200 with another
 * code is a failure carrying the robot's message (e.g. a wrong signature). Error texts never
 * contain the URL: its query is the robot's access token.
 */
@Component
class WebhookTransport implements Transport {
    private static final JsonMapper JSON = JsonMapper.shared();
    /** DingTalk and WeCom refuse longer markdown (WeCom: 4096 bytes); we keep well below. */
    private static final int MAX_TEXT = 3000;
    private final HttpClient http;
    private final DeliverySettings settings;
    private final Clock clock;

    WebhookTransport(DeliverySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(ChannelService.Endpoint endpoint, Rendered text) throws DeliveryFailure {
        DeliveryStatus.Channel kind = endpoint.channel().kind();
        String url = endpoint.target();
        Map<String, Object> body = new LinkedHashMap<>();
        if (kind == DeliveryStatus.Channel.DINGTALK) {
            if (endpoint.secret() != null) {
                url = dingTalkSigned(url, endpoint.secret(), clock.millis());
            }
            body.put("msgtype", "markdown");
            body.put("markdown", Map.of("title", text.title(), "text", dingTalkMarkdown(text)));
        } else if (kind == DeliveryStatus.Channel.WECOM) {
            body.put("msgtype", "markdown");
            body.put("markdown", Map.of("content", weComMarkdown(text)));
        } else if (kind == DeliveryStatus.Channel.FEISHU) {
            if (endpoint.secret() != null) {
                long seconds = clock.millis() / 1000;
                body.put("timestamp", String.valueOf(seconds));
                body.put("sign", feishuSign(seconds, endpoint.secret()));
            }
            body.put("msg_type", "text");
            body.put("content", Map.of("text", cut(text.title() + "\n" + text.plain())));
        } else {
            throw new IllegalArgumentException("not a webhook channel: " + kind);
        }
        if (!settings.hostAllowed(URI.create(endpoint.target()).getHost())) {
            throw DeliveryFailure.permanent("host not allowed (govguard.notify.delivery.allowed-hosts)");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("invalid webhook URL");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw DeliveryFailure.retry("timeout: no answer within " + settings.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw DeliveryFailure.retry("connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retry("interrupted");
        }
        accept(kind, response.statusCode(), response.body());
    }

    /** Whether the robot took it: 2xx and its success code 0; otherwise the failure with the robot's own message. */
    static void accept(DeliveryStatus.Channel kind, int status, String responseBody) throws DeliveryFailure {
        String snippet = responseBody == null ? "" : responseBody.length() > 300 ? responseBody.substring(0, 300) + "…" : responseBody;
        if (status < 200 || status > 299) {
            throw DeliveryFailure.retry("HTTP " + status + (snippet.isBlank() ? "" : ": " + snippet));
        }
        JsonNode json;
        try {
            json = JSON.readTree(responseBody == null ? "" : responseBody);
        } catch (JacksonException e) {
            throw DeliveryFailure.retry("HTTP " + status + " without a JSON answer: " + snippet);
        }
        if (json == null || !json.isObject()) {
            throw DeliveryFailure.retry("HTTP " + status + " without a JSON answer: " + snippet);
        }
        JsonNode code;
        String message;
        if (kind == DeliveryStatus.Channel.FEISHU) {
            code = json.has("code") ? json.get("code") : json.get("StatusCode");
            message = text(json.has("msg") ? json.get("msg") : json.get("StatusMessage"));
        } else {
            code = json.get("errcode");
            message = text(json.get("errmsg"));
        }
        if (code == null || !code.isNumber()) {
            throw DeliveryFailure.retry("HTTP " + status + " without a result code: " + snippet);
        }
        if (code.asLong() != 0) {
            throw DeliveryFailure.retry((kind == DeliveryStatus.Channel.FEISHU ? "code " : "errcode ") + code.asLong()
                    + (message == null ? "" : ": " + message));
        }
    }

    /** DingTalk: {@code timestamp} (ms) and {@code sign} = URL-encoded Base64(HmacSHA256(secret, timestamp + "\n" + secret)). */
    static String dingTalkSigned(String url, String secret, long millis) {
        String sign = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (millis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + millis + "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }

    /** Feishu: {@code sign} = Base64(HmacSHA256 keyed with timestamp (s) + "\n" + secret, over no data). */
    static String feishuSign(long seconds, String secret) {
        return Base64.getEncoder().encodeToString(hmac((seconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String dingTalkMarkdown(Rendered t) {
        StringBuilder s = new StringBuilder("#### ").append(t.title()).append("\n\n").append(t.message()).append("\n\n");
        if (t.url() != null) {
            s.append("[查看详情](").append(t.url()).append(")\n\n");
        }
        return cut(s.append("> ").append(t.footer().replace("\n", "  \n> ")).toString());
    }

    private static String weComMarkdown(Rendered t) {
        StringBuilder s = new StringBuilder("**").append(t.title()).append("**\n").append(t.message()).append("\n");
        if (t.url() != null) {
            s.append("[查看详情](").append(t.url()).append(")\n");
        }
        return cut(s.append("> ").append(t.footer().replace("\n", "\n> ")).toString());
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}

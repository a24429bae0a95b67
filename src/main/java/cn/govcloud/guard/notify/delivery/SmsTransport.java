package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.delivery.Gateways.SmsConfig;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's 政务短信平台 (issue 21 point 4): one HTTP request per message, built from the configured template
 * ({@link SmsConfig}). The gateway accepted the message when it answers 2xx and, when a success path is
 * configured, its JSON answer holds the success value there; anything else is a failure the sender retries,
 * with the gateway's answer (never the request, which carries the key and the number) as the error.
 */
@Component
class SmsTransport {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");
    private static final Pattern PATH = Pattern.compile("(\\$\\.)?[A-Za-z0-9_-]+(\\[[0-9]+])?(\\.[A-Za-z0-9_-]+(\\[[0-9]+])?)*");
    /** Longer texts cost several messages; the gateway splits, but a notice is never worth more than this. */
    static final int MAX_TEXT = 300;

    private final HttpClient http;
    private final DeliverySettings settings;
    private final Clock clock;

    SmsTransport(DeliverySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(SmsConfig config, String secret, String mobile, String text, long deliveryId) throws DeliveryFailure {
        String message = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
        Map<String, String> values = Map.of("mobile", mobile, "text", message, "sign", config.sign() == null ? "" : config.sign(),
                "secret", secret == null ? "" : secret, "timestamp", String.valueOf(clock.millis()), "id", String.valueOf(deliveryId));
        String url = fill(config.url(), values, v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("invalid gateway URL");
        }
        if (!settings.hostAllowed(uri.getHost())) {
            throw DeliveryFailure.permanent("host not allowed (govguard.notify.delivery.allowed-hosts)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        if (config.headers() != null) {
            for (String line : config.headers().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                int colon = line.indexOf(':');
                String value = fill(line.substring(colon + 1).strip(), values, v -> v.replaceAll("[\\r\\n]+", " "));
                try {
                    request.header(line.substring(0, colon).strip(), value);
                } catch (IllegalArgumentException e) {
                    throw DeliveryFailure.permanent("invalid header " + line.substring(0, colon).strip());
                }
            }
        }
        String contentType = config.contentType() == null ? "application/json" : config.contentType();
        if ("GET".equals(config.method())) {
            request.GET();
        } else {
            String body = fill(config.body() == null ? "" : config.body(), values, escaper(contentType));
            request.header("Content-Type", contentType.toLowerCase(Locale.ROOT).contains("charset") ? contentType
                    : contentType + "; charset=utf-8");
            request.method(config.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw DeliveryFailure.retry("SMS gateway: no answer within " + settings.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw DeliveryFailure.retry("SMS gateway: connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retry("interrupted");
        }
        accept(config, response.statusCode(), response.body());
    }

    /** 2xx, and the success value at the success path when one is configured. */
    static void accept(SmsConfig config, int status, String body) throws DeliveryFailure {
        String snippet = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
        if (status < 200 || status > 299) {
            throw DeliveryFailure.retry("SMS gateway: HTTP " + status + (snippet.isBlank() ? "" : ": " + snippet));
        }
        if (config.successPath() == null) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw DeliveryFailure.retry("SMS gateway: HTTP " + status + " without a JSON answer: " + snippet);
        }
        JsonNode found = at(json, config.successPath());
        String value = found == null || found.isNull() || found.isMissingNode() ? null : found.isValueNode() ? found.asString() : found.toString();
        if (!config.successValue().equals(value)) {
            throw DeliveryFailure.retry("SMS gateway: " + config.successPath() + " = " + value + " (expected " + config.successValue() + "): "
                    + snippet);
        }
    }

    static boolean validPath(String path) {
        return path.length() <= 200 && PATH.matcher(path).matches();
    }

    /** {@code code}, {@code $.result.status}, {@code data[0].status}. */
    static JsonNode at(JsonNode json, String path) {
        JsonNode node = json;
        String p = path.startsWith("$.") ? path.substring(2) : path;
        for (String part : p.split("\\.")) {
            if (node == null) {
                return null;
            }
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            node = node.get(name);
            if (bracket >= 0 && node != null) {
                node = node.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return node;
    }

    static String fill(String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : escape.apply(value)));
        }
        return m.appendTail(out).toString();
    }

    /** How a value goes into a body of this content type. */
    static UnaryOperator<String> escaper(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return v -> {
                String quoted = JSON.writeValueAsString(v);
                return quoted.substring(1, quoted.length() - 1);
            };
        }
        if (type.contains("x-www-form-urlencoded")) {
            return v -> URLEncoder.encode(v, StandardCharsets.UTF_8);
        }
        if (type.contains("xml")) {
            return v -> v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
        }
        return v -> v;
    }
}

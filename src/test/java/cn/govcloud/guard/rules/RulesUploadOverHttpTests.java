package cn.govcloud.guard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor's overlay form through the real server, as a browser sends it: a multipart body
 * whose CSRF token is a form field, which only works if the container parses the parts before
 * Spring Security's filter looks for the token (MockMvc's csrf() would hide that).
 */
@AppTest
class RulesUploadOverHttpTests {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    RuleCatalog catalog;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void backToTheProductCatalog() throws Exception {
        String token = csrf(get("/rules"));
        post("/rules/overlay/delete", "application/x-www-form-urlencoded", "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    @Test
    void aFileChosenInTheFormIsPutInForce() throws Exception {
        String login = get("/login");
        HttpResponse<String> signedIn = post("/login", "application/x-www-form-urlencoded",
                "username=supervisor&password=" + URLEncoder.encode(ApiClient.DEMO_PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf(login), StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).isEqualTo(302);

        String version = "h" + System.nanoTime();
        String boundary = "----govguard" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(get("/rules")) + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"yaml\"\r\n\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"kundulun.yaml\"\r\nContent-Type: application/yaml\r\n\r\n"
                + RulesApiTests.overlay(version, 3) + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = post("/rules/overlay", "multipart/form-data; boundary=" + boundary, body);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        assertThat(uploaded.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/rules"));
        assertThat(catalog.version().overlay()).isEqualTo("昆都仑区@" + version);
        assertThat(get("/rules")).contains("原值：5个工作日");
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF field in " + html.substring(0, Math.min(300, html.length()))).isTrue();
        return m.group(1);
    }
}

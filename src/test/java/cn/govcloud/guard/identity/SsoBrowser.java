package cn.govcloud.guard.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser for the single sign-on tests (issue 21 point 1): a real HTTP client with its own cookie jar that follows
 * redirects across the platform and the identity provider, remembering every address it went through. MockMvc
 * cannot follow a redirect to another server, so these tests drive the platform on its random port.
 */
final class SsoBrowser {
    record Page(URI uri, int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    final List<URI> visited = new ArrayList<>();

    /** GETs {@code url} and follows redirects until a page answers. */
    Page get(String url) throws IOException, InterruptedException {
        return follow(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
    }

    /** POSTs a form and follows the redirects after it. */
    Page post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Page follow(HttpRequest request) throws IOException, InterruptedException {
        for (int hops = 0; hops < 20; hops++) {
            visited.add(request.uri());
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Page(request.uri(), response.statusCode(), response.body());
            }
            request = HttpRequest.newBuilder(request.uri().resolve(location)).header("Accept", "text/html").GET().build();
        }
        throw new IllegalStateException("more than 20 redirects: " + visited);
    }
}

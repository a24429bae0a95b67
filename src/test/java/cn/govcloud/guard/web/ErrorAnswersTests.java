package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.AppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 20 point 11: errors say why, as problem details, and asking for the error page itself is no 500. */
@AppTest
class ErrorAnswersTests {
    @LocalServerPort int port;

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousGetOfTheErrorPathIsA404ProblemNotA500() throws Exception {
        for (String path : new String[] {"/error", "/error/500"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).contains("\"status\":404");
        }
    }

    @Test
    void anUnknownApiPathAndAWrongMethodAnswerProblemDetails() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/no-such-thing");
        assertThat(unknown.statusCode()).isIn(401, 404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}

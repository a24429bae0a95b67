package cn.govcloud.guard;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The one HTTP client of the tests: logs demo accounts in through the real API, as an outside tool would, keeps
 * each account's bearer token, and sends requests as that account. Build one per test instance
 * ({@code new ApiClient(mvc)}); tokens are cached per instance, so a test class that resets its clock or data can
 * call {@link #forgetTokens()}.
 */
public final class ApiClient {
    public static final String DEMO_PASSWORD = "Demo-Passw0rd-2026";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<MockMvc> mvc;
    private final Map<String, String> tokens = new HashMap<>();

    public ApiClient(MockMvc mvc) {
        this(() -> mvc);
    }

    /**
     * For a field initialiser, before Spring has injected the test's {@code MockMvc}:
     * {@code private final ApiClient api = new ApiClient(() -> mvc);}
     */
    public ApiClient(Supplier<MockMvc> mvc) {
        this.mvc = mvc;
    }

    /** Sends the request as the demo account {@code user} (its bearer token, logged in once). */
    public MvcResult call(String user, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.get().perform(request.header("Authorization", tokenOf(user))).andReturn();
    }

    /** The same with a JSON body. */
    public MvcResult json(String user, AbstractMockHttpServletRequestBuilder<?> request, String body) throws Exception {
        return call(user, request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** The bearer header value of a demo account, logged in on first use. */
    public String tokenOf(String user) throws Exception {
        String token = tokens.get(user);
        if (token == null) {
            token = bearer(mvc.get(), user);
            tokens.put(user, token);
        }
        return token;
    }

    public void forgetTokens() {
        tokens.clear();
    }

    /** The response's JSON body. */
    public static JsonNode body(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    public static MvcResult login(MockMvc mvc, String username, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).andReturn();
    }

    /** The bearer header value for a demo account. */
    public static String bearer(MockMvc mvc, String username) throws Exception {
        MvcResult r = login(mvc, username, DEMO_PASSWORD);
        if (r.getResponse().getStatus() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + r.getResponse().getContentAsString());
        }
        String body = r.getResponse().getContentAsString();
        String token = body.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return "Bearer " + token;
    }
}

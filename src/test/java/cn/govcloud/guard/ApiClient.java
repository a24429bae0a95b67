package cn.govcloud.guard;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Logs demo accounts in through the real API, as an outside tool would. */
public final class ApiClient {
    public static final String DEMO_PASSWORD = "Demo-Passw0rd-2026";

    private ApiClient() {
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

package cn.govcloud.guard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/** Issue 22 point 8: after signing in, a person who came through a message's link is back on that page — and only on a page. */
class SavedTargetUnitTests {

    private static String afterLogin(String method, String path, String query, String header) {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest asked = new MockHttpServletRequest(method, path);
        asked.setSession(session);
        asked.setQueryString(query);
        if (header != null) {
            asked.addHeader(header, "true");
        }
        new HttpSessionRequestCache().saveRequest(asked, new MockHttpServletResponse());
        MockHttpServletRequest login = new MockHttpServletRequest("POST", "/login");
        login.setSession(session);
        return FormLogin.savedTarget(login, new MockHttpServletResponse()).orElse(null);
    }

    @Test
    void theLinkedPageIsWhereSigningInLeads_A10_1() {
        assertThat(afterLogin("GET", "/hazards/42", null, null)).isEqualTo("/hazards/42");
        assertThat(afterLogin("GET", "/intake/alerts/7", "tab=detail", null)).isEqualTo("/intake/alerts/7?tab=detail");
    }

    @Test
    void notAStaticFileAnErrorAFragmentOrTheApi_A10_1() {
        assertThat(afterLogin("GET", "/css/app.css", null, null)).isNull();
        assertThat(afterLogin("GET", "/error", null, null)).isNull();
        assertThat(afterLogin("GET", "/api/v1/hazards", null, null)).isNull();
        assertThat(afterLogin("GET", "/audit/verify", null, "HX-Request")).isNull();
        assertThat(afterLogin("GET", "//evil.example/x", null, null)).isNull();
    }

    @Test
    void nothingSavedLeadsHome_A10_1() {
        MockHttpServletRequest login = new MockHttpServletRequest("POST", "/login");
        login.setSession(new MockHttpSession());
        assertThat(FormLogin.savedTarget(login, new MockHttpServletResponse())).isEmpty();
    }
}

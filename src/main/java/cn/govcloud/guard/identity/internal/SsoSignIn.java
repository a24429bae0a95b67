package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.internal.LoginService.Outcome;
import cn.govcloud.guard.identity.internal.LoginService.SsoRefusal;
import cn.govcloud.guard.identity.internal.LoginService.SsoRefused;
import cn.govcloud.guard.identity.internal.LoginService.Success;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a 统一身份认证 sign-in, OIDC or CAS alike (issue 21 point 1): {@link LoginService#ssoLogin} decides, and the
 * session then carries the same {@code Actor} a local login gives — new session id, the policy's idle timeout —
 * or, refused, nobody is signed in and the login page says why ({@code /login?sso=unknown|admin|disabled|…}).
 */
@Component
class SsoSignIn {
    private static final String CSRF_TOKEN = HttpSessionCsrfTokenRepository.class.getName().concat(".CSRF_TOKEN");

    private final LoginService logins;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SsoSignIn(LoginService logins) {
        this.logins = logins;
    }

    void complete(HttpServletRequest request, HttpServletResponse response, String via, String claim, String value) throws IOException {
        finish(request, response, logins.ssoLogin(via, claim, value, request.getRemoteAddr()));
    }

    void failed(HttpServletRequest request, HttpServletResponse response, String via, String why, SsoRefusal reason) throws IOException {
        finish(request, response, logins.ssoFailed(via, why, reason, request.getRemoteAddr()));
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, Outcome outcome) throws IOException {
        if (outcome instanceof Success s) {
            if (request.getSession(false) != null) {
                request.changeSessionId(); // no session fixation, as for the form login
            }
            HttpSession session = request.getSession(true);
            session.removeAttribute(CSRF_TOKEN); // a new CSRF token with the new identity
            session.setMaxInactiveInterval((int) s.sessionTimeout().toSeconds());
            Authentication auth = FormLogin.authenticated(s.actor(), s.pending(), null);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            // issue 22 point 8: back to the page a message's link named, as after the form login
            String target = s.pending() == LoginService.PendingStep.NONE ? FormLogin.savedTarget(request, response).orElse(null) : null;
            response.sendRedirect(target != null ? target : request.getContextPath() + "/");
            return;
        }
        SsoRefusal reason = outcome instanceof SsoRefused r ? r.reason() : SsoRefusal.FAILED;
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login?sso=" + flag(reason));
    }

    static String flag(SsoRefusal reason) {
        return reason == SsoRefusal.ADMINISTRATOR ? "admin" : reason.name().toLowerCase(Locale.ROOT);
    }
}

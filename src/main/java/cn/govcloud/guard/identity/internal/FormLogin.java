package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.internal.LoginService.Locked;
import cn.govcloud.guard.identity.internal.LoginService.PendingStep;
import cn.govcloud.guard.identity.internal.LoginService.SecondFactorRequired;
import cn.govcloud.guard.identity.internal.LoginService.Success;
import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** The UI's form login on top of {@link LoginService}: one place decides, the form and the API only translate. */
@Component
class FormLogin implements AuthenticationProvider {

    /** What the login form sends besides username and password. */
    record Details(String otp, String source) {
    }

    static final AuthenticationDetailsSource<HttpServletRequest, Details> DETAILS =
            request -> new Details(request.getParameter("otp"), request.getRemoteAddr());

    static class SecondFactorNeeded extends AuthenticationException {
        SecondFactorNeeded() {
            super("second factor required");
        }
    }

    static class LockedUntil extends LockedException {
        final long epochSecond;

        LockedUntil(long epochSecond) {
            super("locked");
            this.epochSecond = epochSecond;
        }
    }

    private final LoginService logins;

    FormLogin(LoginService logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Details details = authentication.getDetails() instanceof Details d ? d : new Details(null, null);
        var outcome = logins.login(authentication.getName(), String.valueOf(authentication.getCredentials()),
                details.otp(), details.source());
        if (outcome instanceof Success s) {
            return authenticated(s.actor(), s.pending(), s);
        }
        if (outcome instanceof Locked l) {
            throw new LockedUntil(l.until().getEpochSecond());
        }
        if (outcome instanceof LoginService.Throttled t) {
            throw new LockedUntil(t.until().getEpochSecond()); // the page says when to try again, as for a lock
        }
        if (outcome instanceof SecondFactorRequired) {
            throw new SecondFactorNeeded();
        }
        throw new BadCredentialsException("bad credentials");
    }

    static Authentication authenticated(Actor actor, PendingStep pending, Object details) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        actor.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        if (pending != PendingStep.NONE) {
            authorities.add(new SimpleGrantedAuthority(SecurityConfiguration.pendingAuthority(pending)));
        }
        var token = UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
        token.setDetails(details);
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth) throws IOException {
        if (auth.getDetails() instanceof Success s) {
            // idle timeout from the security policy (default 30 minutes)
            request.getSession().setMaxInactiveInterval((int) s.sessionTimeout().toSeconds());
            ((UsernamePasswordAuthenticationToken) auth).setDetails(null);
            String target = switch (s.pending()) {
                case CHANGE_PASSWORD -> PendingStepFilter.PASSWORD_PAGE;
                case ENROL_SECOND_FACTOR -> PendingStepFilter.SECOND_FACTOR_PAGE;
                case NONE -> null;
            };
            if (target == null) {
                // issue 22 point 8: a link from an SMS or app message leads through the login page back to that page
                response.sendRedirect(savedTarget(request, response).orElse(request.getContextPath() + "/"));
                return;
            }
            response.sendRedirect(request.getContextPath() + target);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/");
    }

    /**
     * The page a signed-out person asked for before being sent to the login page (Spring Security's saved request): a
     * GET of a page of this application, as a path on this origin — never a static file, an error page, an htmx
     * fragment or another host.
     */
    static java.util.Optional<String> savedTarget(HttpServletRequest request, HttpServletResponse response) {
        var cache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        var saved = cache.getRequest(request, response);
        if (!(saved instanceof org.springframework.security.web.savedrequest.DefaultSavedRequest d)) {
            return java.util.Optional.empty();
        }
        cache.removeRequest(request, response);
        String uri = d.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || !"GET".equals(d.getMethod()) || !uri.startsWith(context + "/") || uri.startsWith(context + "//")
                || uri.contains("\\") || !d.getHeaderValues("HX-Request").isEmpty()) {
            return java.util.Optional.empty();
        }
        String path = uri.substring(context.length());
        for (String skipped : List.of("/login", "/logout", "/error", "/css/", "/js/", "/webjars/", "/api/", "/favicon", "/actuator")) {
            if (path.startsWith(skipped)) {
                return java.util.Optional.empty();
            }
        }
        String query = d.getQueryString();
        return java.util.Optional.of(uri + (query == null || query.isBlank() ? "" : "?" + query));
    }

    void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String query;
        if (e instanceof LockedUntil l) {
            query = "locked=" + l.epochSecond;
        } else if (e instanceof SecondFactorNeeded) {
            query = "otp";
        } else {
            query = "error";
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}

package cn.govcloud.guard.audit.web;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every write and every refused request leaves an audit record (A5.3: "every write audited"),
 * without each controller remembering to. It wraps Spring Security (so it also sees the 401 and
 * 403 the security chain answers itself); who was acting is captured while the security context
 * still holds it: by {@link ActorCapture} just inside the security chain, or when an error status
 * is set, since the context is cleared before control returns here.
 */
class RequestAuditFilter extends OncePerRequestFilter {
    static final String ACTOR = RequestAuditFilter.class.getName() + ".actor";
    private static final Logger log = LoggerFactory.getLogger(RequestAuditFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Logins are recorded by identity with the username tried; static files are not actions. */
    private static final Set<String> SKIPPED = Set.of("/login", "/api/v1/auth/login", "/favicon.ico", "/favicon.svg");
    private static final List<String> STATIC = List.of("/webjars/", "/css/", "/js/", "/images/", "/img/", "/fonts/");

    private final AuditLog auditLog;

    RequestAuditFilter(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return SKIPPED.contains(path) || STATIC.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, new CapturingResponse(response, request));
            failed = false;
        } finally {
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            if (WRITES.contains(request.getMethod()) || status == 401 || status == 403) {
                record(request, status);
            }
        }
    }

    private void record(HttpServletRequest request, int status) {
        Actor actor = request.getAttribute(ACTOR) instanceof Actor a ? a : Actor.current().orElse(null);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = path(request);
        AuditResult result = status == 401 || status == 403 ? AuditResult.DENIED : status >= 400 ? AuditResult.FAILURE : AuditResult.SUCCESS;
        AuditEvent event = new AuditEvent("http." + request.getMethod().toLowerCase(Locale.ROOT) + " " + (pattern != null ? pattern : path),
                path, result, "status=" + status, actor != null ? actor.username() : "anonymous",
                actor != null ? actor.orgName() : null, request.getRemoteAddr());
        try {
            auditLog.record(event);
        } catch (RuntimeException e) {
            // the response is already decided; losing the record must at least be loud
            log.error("AUDIT RECORD LOST for {} {} ({}): {}", request.getMethod(), path, status, e.toString());
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static void capture(HttpServletRequest request) {
        Actor.current().ifPresent(actor -> request.setAttribute(ACTOR, actor));
    }

    /** Notes the actor at the moment an error status is set: that happens inside the security chain. */
    private static final class CapturingResponse extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        CapturingResponse(HttpServletResponse response, HttpServletRequest request) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            capture(request);
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            capture(request);
            super.sendError(sc);
        }

        @Override
        public void setStatus(int sc) {
            capture(request);
            super.setStatus(sc);
        }
    }
}

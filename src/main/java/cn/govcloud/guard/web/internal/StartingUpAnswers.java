package cn.govcloud.guard.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Until the application is ready — every start-up runner done, e.g. the demo city seeded, the master key's
 * checkpoint signed — a request gets a 503 "starting up" answer with {@code Retry-After}, not a half-made
 * platform. Tomcat accepts connections (and Spring Boot logs "Started") before the runners finish: on a first
 * start a person who signed in during the demo seeding was sent to 「修改密码」 for an account the seeding had
 * not finished. Readiness is Spring Boot's own state (ACCEPTING_TRAFFIC is published after the runners); the
 * health probes stay open so an orchestrator can watch the start. A page gets a Chinese page that reloads
 * itself; the API a problem document.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartingUpAnswers extends OncePerRequestFilter {
    static final int RETRY_AFTER_SECONDS = 3;
    private final ObjectProvider<ApplicationAvailability> availability;
    private final MessageSource messages;
    private volatile boolean ready;

    StartingUpAnswers(ObjectProvider<ApplicationAvailability> availability, MessageSource messages) {
        this.availability = availability;
        this.messages = messages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ready() || path.startsWith("/actuator/health") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.equals("/favicon.ico") || path.equals("/favicon.svg");
    }

    /** Once ready, stays ready for this filter: a later readiness change (database down) has its own answers. */
    private boolean ready() {
        if (!ready) {
            ApplicationAvailability state = availability.getIfAvailable();
            ready = state == null || state.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        }
        return ready;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        String title = messages.getMessage("web.starting.title", null, zh);
        String detail = messages.getMessage("web.starting.detail", null, zh);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setCharacterEncoding("UTF-8");
        String body;
        if (path.startsWith("/api/")) {
            response.setContentType("application/problem+json");
            body = "{\"type\":\"about:blank\",\"title\":\"Starting up\",\"status\":503,\"detail\":\""
                    + "The platform is starting up; retry in a few seconds.\"}";
        } else {
            response.setContentType("text/html");
            body = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                    + "<meta http-equiv=\"refresh\" content=\"" + RETRY_AFTER_SECONDS + "\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + HtmlUtils.htmlEscape(title) + "</title></head><body>"
                    + "<h1 id=\"starting-up\">" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail)
                    + "</p></body></html>";
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}

package cn.govcloud.guard.web.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link TextPolicy} for request parameters (query, form, multipart fields), before Spring Security
 * so a login form is covered too: 400 naming every refused parameter, and nothing reaches the
 * database (a NUL used to be a 500 on PostgreSQL). Inside the request audit (order -102), which
 * records refused writes; a refused login, which that filter leaves to the login itself, is recorded here.
 */
@Component
@Order(-101)
class TextInputFilter extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuditLog auditLog;

    TextInputFilter(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String> errors = new TreeMap<>();
        try {
            request.getParameterMap().forEach((name, values) -> {
                String why = TextPolicy.violation(name);
                for (String value : values) {
                    why = why != null ? why : TextPolicy.violation(value);
                }
                if (why != null) {
                    errors.put(printable(name), why);
                }
            });
        } catch (RuntimeException unreadable) {
            chain.doFilter(request, response); // a body the container cannot parse: the handlers' own errors say why
            return;
        }
        if (errors.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/login") || path.equals("/api/v1/auth/login")) {
            String user = request.getParameter("username");
            auditLog.record(AuditEvent.of("auth.login", "login", AuditResult.FAILURE, "refused input: " + errors.keySet())
                    .by(user == null || TextPolicy.violation(user) != null ? "(invalid username)" : user, null).from(request.getRemoteAddr()));
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Invalid input");
        problem.put("status", 400);
        problem.put("detail", "Some fields contain characters that are not accepted in text.");
        problem.put("errors", errors);
        response.getOutputStream().write(JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }

    /** A parameter name as it can be shown back: the refused characters escaped. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> out.append(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || Character.getType(cp) == Character.SURROGATE ? String.format("\\u%04X", cp) : new String(Character.toChars(cp))));
        return out.toString();
    }
}

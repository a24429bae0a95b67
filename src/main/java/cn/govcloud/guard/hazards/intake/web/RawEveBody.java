package cn.govcloud.guard.hazards.intake.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code curl --data-binary @eve.json} (and shippers that do as curl does) sends EVE lines as
 * {@code application/x-www-form-urlencoded}. The servlet container would read such a body as form fields
 * the first time anything asks for a parameter, and the lines would be gone before the controller reads
 * them — a 200 with nothing stored. For the EVE endpoint only, the request's parameters are those of the
 * query string, so the body stays the sensor's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RawEveBody extends OncePerRequestFilter {
    static final String PATH = "/api/v1/alerts/suricata";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())
                || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String[]> query = queryParameters(request.getQueryString());
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String[] values = query.get(name);
                return values == null ? null : values[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return query;
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(query.keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                return query.get(name);
            }
        }, response);
    }

    private static Map<String, String[]> queryParameters(String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return Map.of();
        }
        Map<String, String[]> result = new java.util.LinkedHashMap<>();
        UriComponentsBuilder.fromUriString("?" + queryString).build(true).getQueryParams()
                .forEach((k, v) -> result.put(k, v.stream().map(x -> x == null ? "" : java.net.URLDecoder.decode(x,
                        java.nio.charset.StandardCharsets.UTF_8)).toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }
}

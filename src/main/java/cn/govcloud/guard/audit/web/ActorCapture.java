package cn.govcloud.guard.audit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Just inside Spring Security: hands the authenticated actor to {@link RequestAuditFilter}, which runs outside it. */
class ActorCapture extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestAuditFilter.capture(request);
        chain.doFilter(request, response);
    }
}

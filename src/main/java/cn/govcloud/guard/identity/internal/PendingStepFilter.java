package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.internal.LoginService.PendingStep;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a person who must first change an expired password or enrol the second factor on that
 * page: until then their session carries no role and every other page redirects there.
 */
class PendingStepFilter extends OncePerRequestFilter {
    static final String PASSWORD_PAGE = "/account/password";
    static final String SECOND_FACTOR_PAGE = "/account/second-factor";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth != null && !isAlwaysAllowed(path)) {
            for (var authority : auth.getAuthorities()) {
                String name = authority.getAuthority();
                if (name.equals(SecurityConfiguration.pendingAuthority(PendingStep.CHANGE_PASSWORD)) && !path.equals(PASSWORD_PAGE)) {
                    response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
                    return;
                }
                if (name.equals(SecurityConfiguration.pendingAuthority(PendingStep.ENROL_SECOND_FACTOR)) && !path.equals(SECOND_FACTOR_PAGE)) {
                    response.sendRedirect(request.getContextPath() + SECOND_FACTOR_PAGE);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isAlwaysAllowed(String path) {
        return path.equals("/logout") || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/error");
    }
}

package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Turns {@code Authorization: Bearer …} into the request's actor; a bad token is answered 401 at once. */
class BearerTokenFilter extends OncePerRequestFilter {
    private final TokenService tokens;

    BearerTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Actor> actor = tokens.authenticate(header.substring(7).strip(), request.getRemoteAddr());
            if (actor.isEmpty()) {
                SecurityConfiguration.problem(response, 401, "Unauthorized", "The bearer token is unknown, expired or revoked.");
                return;
            }
            var authorities = actor.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
            var auth = UsernamePasswordAuthenticationToken.authenticated(actor.get(), null, authorities);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

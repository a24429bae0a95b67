package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.internal.LoginService.PendingStep;
import cn.govcloud.guard.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Two filter chains: the API ({@code /api/**}) is stateless with bearer tokens and answers problem
 * details; the UI uses form login with a database-backed session, CSRF tokens and an idle
 * timeout. Both send the strict security headers. Which role may call which handler is decided by
 * {@code @Allow} on the handler ({@link AllowInterceptor}), never by URL lists here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String METRICS_SCOPE = "metrics:read";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /**
     * Prometheus scrapes with an API token that carries the {@code metrics:read} scope (issue 21 point 6): a
     * machine client, stateless, never a browser session, and no other token or role sees the figures.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metricsChain(HttpSecurity http, TokenService tokens) throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().access((auth, ctx) -> new AuthorizationDecision(
                        auth.get() != null && auth.get().getPrincipal() instanceof Actor actor
                                && actor.scopes().contains(METRICS_SCOPE))))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, "Unauthorized",
                                "Send an API token with the metrics:read scope as 'Authorization: Bearer …'."))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden",
                                "Only an API token with the metrics:read scope may read the metrics.")));
        headers(http);
        return http.build();
    }

    /**
     * The API: {@code /api/**}, and the OpenAPI document when it is asked for with a bearer token (issue 21
     * point 7: a client generator or an API gateway fetches it with the token it calls the API with; a browser
     * signed in to the UI still reads it through the session, in the web chain).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, TokenService tokens) throws Exception {
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                        new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"),
                                SecurityConfiguration::sendsBearerToken)))
                .csrf(csrf -> csrf.disable()) // no cookies on the API: a bearer token cannot be sent by another site
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/auth/login").permitAll()
                        // issue 21 point 5: a service desk's callback is authenticated by its HMAC signature alone (ticketing)
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/ticketing/callback/*").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, 401, "Unauthorized",
                                "Sign in with POST /api/v1/auth/login and send the token as 'Authorization: Bearer …'."))
                        .accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden",
                                "Your role does not allow this request.")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, FormLogin formLogin, OidcRegistrations registrations, SsoProviders providers,
                                 CasClient cas, SsoSignIn signIn, SsoSettings settings) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error", "/error/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().authenticated())
                // FormLogin is the only AuthenticationProvider bean, so Spring Security's global manager uses it;
                // registering it here as well would run every failed attempt twice (and halve the lockout limit).
                .formLogin(f -> f.loginPage("/login")
                        .authenticationDetailsSource(FormLogin.DETAILS)
                        .successHandler(formLogin::onSuccess)
                        .failureHandler(formLogin::onFailure)
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("SESSION"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterAfter(new PendingStepFilter(), org.springframework.security.web.access.ExceptionTranslationFilter.class);
        // 统一身份认证 (issue 21 point 1): OIDC and CAS sign-in, 404 while switched off
        SsoConfiguration.configure(http, registrations, providers, cas, signIn, settings);
        headers(http);
        return http.build();
    }

    private static boolean sendsBearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }

    /** Authority names for the steps a person must take before anything else. */
    static String pendingAuthority(PendingStep step) {
        return "PENDING_" + step.name();
    }
}

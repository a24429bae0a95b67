package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.SingleSignOn.Protocol;
import cn.govcloud.guard.identity.internal.LoginService.SsoRefusal;
import cn.govcloud.guard.identity.internal.SsoProviders.Stored;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * 统一身份认证 in the UI's filter chain (issue 21 point 1). OpenID Connect is Spring Security's {@code oauth2Login}
 * (authorization code with PKCE, state, nonce, ID token signature and claims checked) over {@link OidcRegistrations};
 * CAS 3.0 is {@link CasClient} behind {@code /sso/cas/login} and {@code /sso/cas/callback}. Either protocol switched
 * off answers 404 on its endpoints; the outcome of both goes through {@link SsoSignIn}. Every call to the provider
 * has the SSO timeout, so a provider that hangs blocks nobody's local login.
 */
@Configuration(proxyBeanMethods = false)
class SsoConfiguration {
    static final String CAS_CALLBACK_PATH = "/sso/cas/callback";

    @Bean
    OidcRegistrations oidcRegistrations(SsoProviders providers, SsoSettings settings) {
        return new OidcRegistrations(providers, RestClient.builder().requestFactory(requestFactory(settings)).build());
    }

    /** Found by {@code oauth2Login} by its type: ID tokens checked against the current provider's keys. */
    @Bean
    JwtDecoderFactory<ClientRegistration> ssoIdTokenDecoders(OidcRegistrations registrations) {
        return registrations.idTokenDecoders();
    }

    @Bean
    CasClient casClient(SsoSettings settings) {
        return new CasClient(settings.timeout());
    }

    private static JdkClientHttpRequestFactory requestFactory(SsoSettings settings) {
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(settings.timeout());
        return factory;
    }

    /** Adds OIDC login and the CAS endpoints to the UI chain ({@link SecurityConfiguration#webChain}). */
    static void configure(HttpSecurity http, OidcRegistrations registrations, SsoProviders providers, CasClient cas,
                          SsoSignIn signIn, SsoSettings settings) throws Exception {
        var tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(RestClient.builder().requestFactory(requestFactory(settings))
                .messageConverters(list -> {
                    list.clear();
                    list.add(new FormHttpMessageConverter());
                    list.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        var userInfo = new DefaultOAuth2UserService();
        var userInfoHttp = new RestTemplate(requestFactory(settings));
        userInfoHttp.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        userInfo.setRestOperations(userInfoHttp);
        var oidcUsers = new OidcUserService();
        oidcUsers.setOauth2UserService(userInfo);
        http.oauth2Login(o -> o.loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(NO_AUTHORIZED_CLIENTS)
                        .tokenEndpoint(t -> t.accessTokenResponseClient(tokens))
                        .userInfoEndpoint(u -> u.oidcUserService(oidcUsers))
                        .successHandler((req, res, auth) -> oidcSucceeded(req, res, auth, providers, signIn))
                        .failureHandler((req, res, e) -> oidcFailed(req, res, e, providers, signIn)))
                .addFilterBefore(new Gate(registrations, providers, cas, signIn), OAuth2AuthorizationRequestRedirectFilter.class);
    }

    private static String via(Stored stored) {
        return stored.protocol() + " " + stored.serverUrl();
    }

    private static void oidcSucceeded(HttpServletRequest request, HttpServletResponse response, Authentication auth,
                                      SsoProviders providers, SsoSignIn signIn) throws IOException {
        Stored stored = providers.stored(Protocol.OIDC);
        Object value = auth.getPrincipal() instanceof OAuth2User user ? user.getAttribute(stored.claim()) : null;
        signIn.complete(request, response, via(stored), stored.claim(), value == null ? null : value.toString());
    }

    private static void oidcFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e,
                                   SsoProviders providers, SsoSignIn signIn) throws IOException {
        String why = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode()
                + (o.getError().getDescription() == null ? "" : " (" + o.getError().getDescription() + ")") : e.getMessage();
        signIn.failed(request, response, via(providers.stored(Protocol.OIDC)), "sign-in not confirmed: " + why, SsoRefusal.FAILED);
    }

    /** The access and ID tokens are not kept: the platform calls nothing on the person's behalf afterwards. */
    private static final OAuth2AuthorizedClientRepository NO_AUTHORIZED_CLIENTS = new OAuth2AuthorizedClientRepository() {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String id, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, HttpServletRequest request,
                                         HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String id, Authentication principal, HttpServletRequest request, HttpServletResponse response) {
        }
    };

    /**
     * In front of Spring's OAuth2 filters: a protocol switched off answers 404 on its endpoints, an unreachable OIDC
     * provider sends the person back to the login page with a message; and the two CAS endpoints themselves.
     */
    static final class Gate extends OncePerRequestFilter {
        private static final List<String> OIDC_PREFIXES = List.of("/oauth2/authorization/", "/login/oauth2/code/");
        private final OidcRegistrations registrations;
        private final SsoProviders providers;
        private final CasClient cas;
        private final SsoSignIn signIn;

        Gate(OidcRegistrations registrations, SsoProviders providers, CasClient cas, SsoSignIn signIn) {
            this.registrations = registrations;
            this.providers = providers;
            this.cas = cas;
            this.signIn = signIn;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (OIDC_PREFIXES.stream().anyMatch(path::startsWith)) {
                if (!registrations.enabled() || (path.startsWith(OIDC_PREFIXES.get(0)) && !path.equals(SsoProviders.OIDC_LOGIN_PATH))) {
                    response.sendError(404); // switched off, or a registration other than the one there is
                    return;
                }
                if (path.startsWith(OIDC_PREFIXES.get(0)) && registrations.findByRegistrationId(OidcRegistrations.ID) == null) {
                    signIn.failed(request, response, via(providers.stored(Protocol.OIDC)),
                            "the provider cannot be reached or is not fully configured", SsoRefusal.UNAVAILABLE);
                    return;
                }
                chain.doFilter(request, response);
                return;
            }
            if (path.equals(SsoProviders.CAS_LOGIN_PATH) || path.equals(CAS_CALLBACK_PATH)) {
                cas(path, request, response);
                return;
            }
            chain.doFilter(request, response);
        }

        private void cas(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
            Stored stored = providers.stored(Protocol.CAS);
            if (!stored.enabled()) {
                response.sendError(404);
                return;
            }
            if (!"GET".equals(request.getMethod())) {
                response.sendError(405);
                return;
            }
            if (!stored.usable()) {
                signIn.failed(request, response, via(stored), "not fully configured", SsoRefusal.UNAVAILABLE);
                return;
            }
            String service = ServletUriComponentsBuilder.fromContextPath(request).path(CAS_CALLBACK_PATH).build().toUriString();
            if (path.equals(SsoProviders.CAS_LOGIN_PATH)) {
                response.sendRedirect(CasClient.loginUrl(stored.serverUrl(), service));
                return;
            }
            String ticket = request.getParameter("ticket");
            if (ticket == null || ticket.isBlank() || ticket.length() > 256) {
                signIn.failed(request, response, via(stored), "came back without a service ticket", SsoRefusal.FAILED);
                return;
            }
            CasClient.Principal principal;
            try {
                principal = cas.validate(stored.serverUrl(), service, ticket);
            } catch (CasClient.Refused e) {
                signIn.failed(request, response, via(stored), "ticket refused: " + e.getMessage(),
                        e.code.equals("UNREACHABLE") ? SsoRefusal.UNAVAILABLE : SsoRefusal.FAILED);
                return;
            }
            String attribute = stored.claim().isBlank() ? "cas:user" : stored.claim();
            signIn.complete(request, response, via(stored), attribute, principal.value(stored.claim()));
        }
    }
}

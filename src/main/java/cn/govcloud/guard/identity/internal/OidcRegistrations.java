package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.SingleSignOn.Protocol;
import cn.govcloud.guard.identity.internal.SsoProviders.Stored;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.client.RestClient;

/**
 * The OIDC client registration read from the stored configuration (issue 21 point 1) instead of Spring Boot's
 * properties: Spring Security's {@code oauth2Login} asks a {@link ClientRegistrationRepository}, so this one builds
 * the registration from the {@code identity_sso_provider} row and the provider's discovery document
 * ({@code issuer/.well-known/openid-configuration}, fetched with the SSO timeout). It is rebuilt whenever the row's
 * version moves — the security administrator's change counts at the next sign-in on every node, no restart.
 */
class OidcRegistrations implements ClientRegistrationRepository {
    static final String ID = "oidc";
    private static final Logger log = LoggerFactory.getLogger(OidcRegistrations.class);

    private record Cached(long version, ClientRegistration registration) {
    }

    private final SsoProviders providers;
    private final RestClient http;
    private volatile Cached cached;
    private final Map<String, OidcIdTokenDecoderFactory> decoders = new ConcurrentHashMap<>();

    OidcRegistrations(SsoProviders providers, RestClient http) {
        this.providers = providers;
        this.http = http;
    }

    /** Null when OIDC is off, not fully configured, or the provider's discovery document cannot be read. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        Stored stored = providers.stored(Protocol.OIDC);
        if (!stored.usable()) {
            return null;
        }
        Cached c = cached;
        if (c != null && c.version() == stored.version()) {
            return c.registration();
        }
        try {
            ClientRegistration registration = build(stored);
            cached = new Cached(stored.version(), registration);
            return registration;
        } catch (RuntimeException e) {
            log.warn("统一身份认证: the OpenID provider {} cannot be reached or answers no valid discovery document: {}",
                    stored.serverUrl(), e.toString());
            return null;
        }
    }

    /** Whether OIDC is switched on (configured or not): off means its endpoints answer 404. */
    boolean enabled() {
        return providers.stored(Protocol.OIDC).enabled();
    }

    private ClientRegistration build(Stored s) {
        String issuer = s.serverUrl();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> metadata = http.get().uri(URI.create(base + "/.well-known/openid-configuration"))
                .accept(MediaType.APPLICATION_JSON).retrieve().body(new ParameterizedTypeReference<>() {
                });
        if (metadata == null || !issuer.equals(metadata.get("issuer"))) {
            // OpenID Connect Discovery 1.0 §4.3: the issuer answered must be exactly the one asked for
            throw new IllegalStateException("the discovery document names issuer " + (metadata == null ? null : metadata.get("issuer"))
                    + ", not " + issuer);
        }
        Object methods = metadata.get("token_endpoint_auth_methods_supported");
        ClientAuthenticationMethod auth = methods instanceof List<?> l && !l.contains("client_secret_basic") && l.contains("client_secret_post")
                ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
        ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(ID)
                .clientName(s.displayName())
                .clientId(s.clientId())
                .clientSecret(providers.clientSecret(s))
                .clientAuthenticationMethod(auth)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build()) // PKCE (RFC 7636)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(List.of(s.scopes().split(" ")))
                .authorizationUri(string(metadata, "authorization_endpoint"))
                .tokenUri(string(metadata, "token_endpoint"))
                .jwkSetUri(string(metadata, "jwks_uri"))
                .issuerUri(issuer)
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(metadata);
        if (metadata.get("userinfo_endpoint") instanceof String userInfo) {
            builder.userInfoUri(userInfo).userInfoAuthenticationMethod(AuthenticationMethod.HEADER);
        }
        return builder.build();
    }

    private static String string(Map<String, Object> metadata, String name) {
        if (metadata.get(name) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalStateException("the discovery document has no " + name);
    }

    /**
     * ID token decoders keyed by key set, issuer and client: Spring's own factory keeps one per registration id for
     * good, which would keep checking against the old provider's keys after the security administrator changes it.
     */
    JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return registration -> {
            String key = registration.getProviderDetails().getJwkSetUri() + " " + registration.getProviderDetails().getIssuerUri()
                    + " " + registration.getClientId();
            if (decoders.size() > 16) {
                decoders.clear();
            }
            return decoders.computeIfAbsent(key, k -> new OidcIdTokenDecoderFactory()).createDecoder(registration);
        };
    }
}

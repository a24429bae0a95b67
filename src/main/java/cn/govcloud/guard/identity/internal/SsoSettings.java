package cn.govcloud.guard.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 统一身份认证 settings (issue 21 point 1), {@code govguard.identity.sso.*}, each with a {@code GOVGUARD_SSO_*}
 * environment variable (application.yml, docs/security.md). A protocol given here is written to the stored
 * configuration at start for as long as the security administrator has not saved that protocol on the 统一身份认证
 * page; from the first save on, the page is what counts (changeable without a restart) and these are ignored.
 *
 * @param timeout connect and read timeout for every call to the identity provider (discovery, token, user info,
 *                CAS ticket validation): a provider that hangs must not hold sign-in threads
 */
@ConfigurationProperties("govguard.identity.sso")
record SsoSettings(@DefaultValue("PT10S") Duration timeout, @DefaultValue Oidc oidc, @DefaultValue Cas cas) {

    /** @param issuer the OpenID provider's issuer URL (discovery at {@code issuer/.well-known/openid-configuration}) */
    record Oidc(@DefaultValue("false") boolean enabled, @DefaultValue("") String issuer, @DefaultValue("") String clientId,
                @DefaultValue("") String clientSecret, @DefaultValue("openid profile") String scopes,
                @DefaultValue("preferred_username") String claim, @DefaultValue("统一身份认证登录") String displayName) {
        boolean given() {
            return !issuer.isBlank();
        }
    }

    /**
     * @param server    the CAS server's prefix, e.g. {@code https://cas.example.gov.cn/cas}
     * @param attribute the attribute of the validation answer carrying the platform username; blank: {@code cas:user}
     */
    record Cas(@DefaultValue("false") boolean enabled, @DefaultValue("") String server, @DefaultValue("") String attribute,
               @DefaultValue("统一身份认证登录（CAS）") String displayName) {
        boolean given() {
            return !server.isBlank();
        }
    }
}

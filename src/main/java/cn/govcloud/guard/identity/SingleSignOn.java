package cn.govcloud.guard.identity;

import java.util.List;

/**
 * 统一身份认证 (issue 21 point 1): sign-in through the city's OpenID Connect provider or CAS server, mapped to an
 * existing account by a configured claim. Off until the security administrator turns a protocol on; administrators
 * never sign in this way.
 */
public interface SingleSignOn {

    enum Protocol { OIDC, CAS }

    /** A sign-in button on the login page: only enabled protocols have one. */
    record Button(Protocol protocol, String label, String path) {
    }

    /**
     * One protocol's stored configuration as the settings page shows it. {@code serverUrl} is the OIDC issuer or the
     * CAS server's prefix; the client secret is never returned, only whether one is stored.
     */
    record Configuration(Protocol protocol, boolean enabled, String displayName, String serverUrl, String clientId,
                         boolean secretStored, String scopes, String claim) {
    }

    /**
     * What the security administrator submits. A blank {@code clientSecret} keeps the stored one;
     * {@code clearSecret} removes it.
     */
    record Change(boolean enabled, String displayName, String serverUrl, String clientId, String clientSecret,
                  boolean clearSecret, String scopes, String claim) {
    }

    List<Button> buttons();

    Configuration configuration(Protocol protocol);

    /** Security administrator only; audited. Throws {@code InvalidInput} naming each field. */
    void update(Protocol protocol, Change change);
}

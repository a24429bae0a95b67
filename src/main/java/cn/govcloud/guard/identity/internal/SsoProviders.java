package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.SingleSignOn;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored 统一身份认证 configuration (issue 21 point 1), one row per protocol. Kept in the database rather than
 * only in settings so the security administrator can change it on the page without a restart, on every node
 * ({@link OidcRegistrations} rebuilds the OIDC registration when the row's version moves). The OIDC client secret is
 * sealed like notify's channel secrets and never shown again. Every change is audited.
 */
@Service
@EnableConfigurationProperties(SsoSettings.class)
class SsoProviders implements SingleSignOn {
    static final String SECRET_CONTEXT = "identity_sso_provider.client_secret";
    static final String OIDC_LOGIN_PATH = "/oauth2/authorization/oidc";
    static final String CAS_LOGIN_PATH = "/sso/cas/login";
    private static final String FROM_SETTINGS = "settings";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SsoProviders.class);
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    /** A stored row. {@code serverUrl}: the OIDC issuer or the CAS server prefix. */
    record Stored(Protocol protocol, boolean enabled, String displayName, String serverUrl, String clientId,
                  String secretSealed, String scopes, String claim, long version, String updatedBy) {
        /** Enabled with what a sign-in needs; a half-filled row shows no button. */
        boolean usable() {
            return enabled && serverUrl != null && !serverUrl.isBlank()
                    && (protocol == Protocol.CAS || (clientId != null && !clientId.isBlank() && !claim.isBlank()));
        }
    }

    private final JdbcClient jdbc;
    private final FieldEncryption fields;
    private final AuditLog audit;
    private final Clock clock;
    private final SsoSettings settings;

    SsoProviders(JdbcClient jdbc, FieldEncryption fields, AuditLog audit, Clock clock, SsoSettings settings) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    Stored stored(Protocol protocol) {
        return jdbc.sql("""
                select protocol, enabled, display_name, server_url, client_id, client_secret_sealed, scopes, claim, version,
                       updated_by from identity_sso_provider where protocol = :p""")
                .param("p", protocol.name())
                .query((rs, i) -> new Stored(Protocol.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        Objects.requireNonNullElse(rs.getString(8), ""), rs.getLong(9), rs.getString(10)))
                .single();
    }

    String clientSecret(Stored stored) {
        return stored.secretSealed() == null ? null : fields.open(SECRET_CONTEXT, stored.secretSealed());
    }

    @Override
    public List<Button> buttons() {
        List<Button> buttons = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            Stored s = stored(p);
            if (s.usable()) {
                buttons.add(new Button(p, s.displayName(), p == Protocol.OIDC ? OIDC_LOGIN_PATH : CAS_LOGIN_PATH));
            }
        }
        return buttons;
    }

    @Override
    public Configuration configuration(Protocol protocol) {
        Stored s = stored(protocol);
        return new Configuration(protocol, s.enabled(), s.displayName(), s.serverUrl(), s.clientId(),
                s.secretSealed() != null, s.scopes(), s.claim());
    }

    @Override
    @Transactional
    public void update(Protocol protocol, Change change) {
        Actor actor = Actor.require();
        if (!actor.has(Role.SECURITY_ADMIN)) {
            throw new AccessDeniedException("requires " + Role.SECURITY_ADMIN);
        }
        Stored before = stored(protocol);
        Change c = validated(protocol, change, before);
        String secretNote = "";
        String sealed = before.secretSealed();
        if (protocol == Protocol.OIDC) {
            if (c.clientSecret() != null && !c.clientSecret().isEmpty()) {
                sealed = fields.seal(SECRET_CONTEXT, c.clientSecret());
                secretNote = before.secretSealed() == null ? "; client secret stored" : "; client secret replaced";
            } else if (c.clearSecret() && before.secretSealed() != null) {
                sealed = null;
                secretNote = "; client secret removed";
            }
        }
        write(protocol, c, sealed, actor.username());
        audit.record(AuditEvent.success("identity.sso.update", "sso:" + protocol.name().toLowerCase(),
                describe(before) + " -> " + describe(stored(protocol)) + secretNote));
    }

    private void write(Protocol protocol, Change c, String sealed, String by) {
        jdbc.sql("""
                update identity_sso_provider set enabled = :enabled, display_name = :name, server_url = :url,
                       client_id = :clientId, client_secret_sealed = :secret, scopes = :scopes, claim = :claim,
                       version = version + 1, updated_at = :now, updated_by = :by where protocol = :p""")
                .param("enabled", c.enabled()).param("name", c.displayName()).param("url", c.serverUrl())
                .param("clientId", c.clientId()).param("secret", sealed).param("scopes", c.scopes())
                .param("claim", c.claim()).param("now", UserAccounts.ts(clock.instant())).param("by", by)
                .param("p", protocol.name()).update();
    }

    /** Never the secret: only whether one is stored. */
    private static String describe(Stored s) {
        return s.protocol() == Protocol.OIDC
                ? "{enabled=%s, label=%s, issuer=%s, clientId=%s, secret=%s, scopes=%s, claim=%s}".formatted(s.enabled(),
                s.displayName(), s.serverUrl(), s.clientId(), s.secretSealed() == null ? "none" : "stored", s.scopes(), s.claim())
                : "{enabled=%s, label=%s, server=%s, attribute=%s}".formatted(s.enabled(), s.displayName(), s.serverUrl(),
                s.claim().isEmpty() ? "cas:user" : s.claim());
    }

    private static Change validated(Protocol protocol, Change change, Stored before) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = strip(change.displayName());
        if (name.isEmpty() || name.length() > 64) {
            errors.put("displayName", "required, at most 64 characters");
        }
        String url = strip(change.serverUrl());
        if (url.endsWith("/") && protocol == Protocol.CAS) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.isEmpty()) {
            if (change.enabled()) {
                errors.put("serverUrl", "required");
            }
        } else if (url.length() > 512 || !httpUrl(url)) {
            errors.put("serverUrl", "an http or https URL");
        }
        String clientId = strip(change.clientId());
        String secret = change.clientSecret() == null ? "" : change.clientSecret().strip();
        String scopes = String.join(" ", strip(change.scopes()).split("[\\s,]+")).strip();
        String claim = strip(change.claim());
        if (protocol == Protocol.OIDC) {
            if (clientId.length() > 256 || (change.enabled() && clientId.isEmpty())) {
                errors.put("clientId", "required, at most 256 characters");
            }
            if (secret.length() > 1024) {
                errors.put("clientSecret", "required, at most 1024 characters");
            } else if (change.enabled() && secret.isEmpty() && (before.secretSealed() == null || change.clearSecret())) {
                errors.put("clientSecret", "required: no client secret is stored");
            }
            if (scopes.isEmpty()) {
                scopes = "openid";
            }
            if (!List.of(scopes.split(" ")).contains("openid") || scopes.length() > 256) {
                errors.put("scopes", "must include openid");
            }
            if (!CLAIM.matcher(claim).matches()) {
                errors.put("claim", "a claim or attribute name of 1 to 64 letters, digits");
            }
        } else {
            clientId = null;
            secret = "";
            scopes = null;
            if (!claim.isEmpty() && !CLAIM.matcher(claim).matches()) {
                errors.put("claim", "a claim or attribute name of 1 to 64 letters, digits");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("the single sign-on configuration is not valid", errors);
        }
        return new Change(change.enabled(), name, url.isEmpty() ? null : url, clientId, secret, change.clearSecret(),
                scopes, claim);
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /**
     * A protocol given in the settings is written to the stored configuration at start until the security
     * administrator saves that protocol on the page (then {@code updated_by} names them and the page counts).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void applySettings() {
        if (settings.oidc().given()) {
            SsoSettings.Oidc o = settings.oidc();
            seed(Protocol.OIDC, new Change(o.enabled(), o.displayName(), o.issuer(), o.clientId(), o.clientSecret(), false,
                    o.scopes(), o.claim()));
        }
        if (settings.cas().given()) {
            SsoSettings.Cas c = settings.cas();
            seed(Protocol.CAS, new Change(c.enabled(), c.displayName(), c.server(), null, null, false, null, c.attribute()));
        }
    }

    private void seed(Protocol protocol, Change change) {
        Stored before = stored(protocol);
        if (before.updatedBy() != null && !before.updatedBy().equals(FROM_SETTINGS)) {
            return; // the security administrator's configuration wins
        }
        Change c;
        try {
            c = validated(protocol, change, before);
        } catch (InvalidInput e) {
            log.error("统一身份认证: the GOVGUARD_SSO_* settings for {} are not valid and were not applied: {}", protocol,
                    e.fieldErrors());
            return;
        }
        String sealed = c.clientSecret() == null || c.clientSecret().isEmpty() ? before.secretSealed()
                : before.secretSealed() != null && c.clientSecret().equals(clientSecret(before)) ? before.secretSealed()
                : fields.seal(SECRET_CONTEXT, c.clientSecret());
        boolean same = before.updatedBy() != null && before.enabled() == c.enabled()
                && Objects.equals(before.displayName(), c.displayName()) && Objects.equals(before.serverUrl(), c.serverUrl())
                && Objects.equals(before.clientId(), c.clientId()) && Objects.equals(before.secretSealed(), sealed)
                && Objects.equals(before.scopes(), c.scopes()) && Objects.equals(before.claim(), c.claim());
        if (same) {
            return;
        }
        write(protocol, c, sealed, FROM_SETTINGS);
        audit.record(AuditEvent.of("identity.sso.update", "sso:" + protocol.name().toLowerCase(), AuditResult.SUCCESS,
                "from the GOVGUARD_SSO_* settings: " + describe(before) + " -> " + describe(stored(protocol)))
                .by("system", null));
    }
}

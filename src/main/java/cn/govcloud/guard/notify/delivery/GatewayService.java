package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.delivery.Gateways.AppConfig;
import cn.govcloud.guard.notify.delivery.Gateways.AppGatewayChange;
import cn.govcloud.guard.notify.delivery.Gateways.AppGatewayView;
import cn.govcloud.guard.notify.delivery.Gateways.Kind;
import cn.govcloud.guard.notify.delivery.Gateways.MessagingView;
import cn.govcloud.guard.notify.delivery.Gateways.SmsConfig;
import cn.govcloud.guard.notify.delivery.Gateways.SmsGatewayChange;
import cn.govcloud.guard.notify.delivery.Gateways.SmsGatewayView;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's messaging gateways (issue 21 point 4), configured by the system administrator only: they are
 * the platform's connections to other systems of the city, operated like the mail server — 三权分立 gives
 * the configuration of system resources to the system administrator (GB/T 22239 8.1.4), the security
 * administrator keeps security policy and roles, so neither one alone both grants roles and redirects
 * where people's notices go. Secrets are sealed ({@link FieldEncryption}) and never shown again; every change
 * is audited. Everything is off until a gateway is enabled.
 */
@Service
public class GatewayService {
    /** The rule catalog's parameter: how long a critical notice may stay unread before the SMS. */
    public static final String ESCALATION_PARAMETER = "A10.1-sms-escalation-after";
    static final String SECRET_CONTEXT = "notify_gateway.secret";
    static final Set<String> PLACEHOLDERS = Set.of("mobile", "text", "sign", "secret", "timestamp", "id");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditLog audit;
    private final DeliverySettings settings;
    private final RuleCatalog catalog;
    private final Clock clock;

    GatewayService(JdbcClient jdbc, FieldEncryption encryption, AuditLog audit, DeliverySettings settings, RuleCatalog catalog,
                   Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.audit = audit;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** What the sender needs: the settings, the opened secret, and since when the gateway is on. */
    record Active<C>(C config, String secret, Instant enabledAt) {
    }

    private record Stored(String kind, boolean enabled, String config, String sealed, Instant enabledAt, Instant updatedAt, String updatedBy) {
    }

    public static boolean mayConfigure(Actor actor) {
        return actor.has(Role.SYSTEM_ADMIN);
    }

    public MessagingView view(Actor actor) {
        require(actor);
        return new MessagingView(sms(), app(Kind.GOV_WECOM), app(Kind.GOV_DINGTALK), escalationAfter().toString(), ESCALATION_PARAMETER);
    }

    /** The catalog's {@code A10.1-sms-escalation-after}; a district overlay changes it (A13). */
    public Duration escalationAfter() {
        return catalog.parameter(ESCALATION_PARAMETER).duration();
    }

    @Transactional
    public SmsGatewayView updateSms(Actor actor, SmsGatewayChange change) {
        require(actor);
        Optional<Stored> before = stored(Kind.SMS);
        SmsConfig old = before.map(s -> JSON.readValue(s.config(), SmsConfig.class)).orElse(new SmsConfig(null, "POST",
                "application/json", null, null, null, null, null));
        SmsConfig c = new SmsConfig(pick(change.url(), old.url()), upper(pick(change.method(), old.method())),
                pick(change.contentType(), old.contentType()), pickText(change.headers(), old.headers()), pickText(change.body(), old.body()),
                pickText(change.sign(), old.sign()), pickText(change.successPath(), old.successPath()),
                pickText(change.successValue(), old.successValue()));
        boolean enabled = change.enabled() != null ? change.enabled() : before.map(Stored::enabled).orElse(false);
        Map<String, String> errors = new LinkedHashMap<>();
        checkSms(c, enabled, errors);
        String secret = strip(change.secret());
        boolean clear = Boolean.TRUE.equals(change.clearSecret());
        checkSecret(secret, clear, errors, "secret");
        if (!errors.isEmpty()) {
            throw new InvalidInput("notify.gateway.error.invalid", errors);
        }
        String what = save(actor, Kind.SMS, before, enabled, JSON.writeValueAsString(c), secret, clear);
        audit.record(AuditEvent.success("notify.gateway.update", "gateway:SMS", (enabled ? "enabled" : "disabled") + "; " + c.method()
                + " " + shownUrl(c.url()) + (c.successPath() == null ? "" : "; success " + c.successPath() + " = " + c.successValue()) + what));
        return sms();
    }

    @Transactional
    public AppGatewayView updateApp(Actor actor, Kind kind, AppGatewayChange change) {
        require(actor);
        if (kind == Kind.SMS) {
            throw new IllegalArgumentException("not an application gateway");
        }
        Optional<Stored> before = stored(kind);
        AppConfig old = before.map(s -> JSON.readValue(s.config(), AppConfig.class)).orElse(new AppConfig(null, null, null,
                Notice.Severity.CRITICAL));
        Map<String, String> errors = new LinkedHashMap<>();
        Notice.Severity min = old.minSeverity();
        if (change.minSeverity() != null && !change.minSeverity().isBlank()) {
            try {
                min = Notice.Severity.valueOf(change.minSeverity().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("minSeverity", "notify.gateway.error.severity");
            }
        }
        AppConfig c = new AppConfig(pick(change.baseUrl(), old.baseUrl()), pick(change.appId(), old.appId()),
                pick(change.agentId(), old.agentId()), min == null ? Notice.Severity.CRITICAL : min);
        boolean enabled = change.enabled() != null ? change.enabled() : before.map(Stored::enabled).orElse(false);
        checkUrl("baseUrl", c.baseUrl(), enabled, errors, false);
        if (c.appId() != null && !APP_ID.matcher(c.appId()).matches()) {
            errors.put("appId", "notify.gateway.error.appId");
        } else if (enabled && c.appId() == null) {
            errors.put("appId", "notify.gateway.error.required");
        }
        if (c.agentId() != null && !DIGITS.matcher(c.agentId()).matches()) {
            errors.put("agentId", "notify.gateway.error.agentId");
        } else if (enabled && c.agentId() == null) {
            errors.put("agentId", "notify.gateway.error.required");
        }
        String secret = strip(change.appSecret());
        boolean clear = Boolean.TRUE.equals(change.clearSecret());
        checkSecret(secret, clear, errors, "appSecret");
        boolean secretAfter = secret != null || !clear && before.map(s -> s.sealed() != null).orElse(false);
        if (enabled && !secretAfter && !errors.containsKey("appSecret")) {
            errors.put("appSecret", "notify.gateway.error.required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("notify.gateway.error.invalid", errors);
        }
        String what = save(actor, kind, before, enabled, JSON.writeValueAsString(c), secret, clear);
        audit.record(AuditEvent.success("notify.gateway.update", "gateway:" + kind, (enabled ? "enabled" : "disabled") + "; "
                + shownUrl(c.baseUrl()) + " app " + c.appId() + " agent " + c.agentId() + "; from " + c.minSeverity() + what));
        return app(kind);
    }

    /** The SMS gateway when it is on. */
    Optional<Active<SmsConfig>> activeSms() {
        return stored(Kind.SMS).filter(Stored::enabled).map(s -> new Active<>(JSON.readValue(s.config(), SmsConfig.class), open(s),
                s.enabledAt()));
    }

    /** An application gateway when it is on. */
    Optional<Active<AppConfig>> activeApp(Kind kind) {
        return stored(kind).filter(Stored::enabled).map(s -> new Active<>(JSON.readValue(s.config(), AppConfig.class), open(s),
                s.enabledAt()));
    }

    SmsGatewayView sms() {
        Optional<Stored> s = stored(Kind.SMS);
        SmsConfig c = s.map(x -> JSON.readValue(x.config(), SmsConfig.class))
                .orElse(new SmsConfig(null, "POST", "application/json", null, null, null, null, null));
        return new SmsGatewayView(s.map(Stored::enabled).orElse(false), c.url(), c.method(), c.contentType(), c.headers(), c.body(),
                c.sign(), c.successPath(), c.successValue(), s.map(x -> x.sealed() != null).orElse(false),
                s.map(Stored::enabledAt).orElse(null), s.map(Stored::updatedAt).orElse(null), s.map(Stored::updatedBy).orElse(null));
    }

    AppGatewayView app(Kind kind) {
        Optional<Stored> s = stored(kind);
        AppConfig c = s.map(x -> JSON.readValue(x.config(), AppConfig.class)).orElse(new AppConfig(null, null, null, Notice.Severity.CRITICAL));
        return new AppGatewayView(kind, s.map(Stored::enabled).orElse(false), c.baseUrl(), c.appId(), c.agentId(), c.minSeverity(),
                s.map(x -> x.sealed() != null).orElse(false), s.map(Stored::updatedAt).orElse(null), s.map(Stored::updatedBy).orElse(null));
    }

    private String save(Actor actor, Kind kind, Optional<Stored> before, boolean enabled, String config, String secret, boolean clear) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        boolean wasEnabled = before.map(Stored::enabled).orElse(false);
        OffsetDateTime enabledAt = enabled ? (wasEnabled ? before.get().enabledAt().atOffset(ZoneOffset.UTC) : now) : null;
        String sealed = secret != null ? encryption.seal(SECRET_CONTEXT + ":" + kind, secret)
                : clear ? null : before.map(Stored::sealed).orElse(null);
        if (before.isEmpty()) {
            jdbc.sql("""
                            insert into notify_gateway (kind, enabled, config, secret, enabled_at, updated_at, updated_by)
                            values (:kind, :enabled, :config, :secret, :enabledAt, :now, :by)""")
                    .param("kind", kind.name()).param("enabled", enabled).param("config", config).param("secret", sealed)
                    .param("enabledAt", enabledAt).param("now", now).param("by", actor.username()).update();
        } else {
            jdbc.sql("""
                            update notify_gateway set enabled = :enabled, config = :config, secret = :secret, enabled_at = :enabledAt,
                                   updated_at = :now, updated_by = :by where kind = :kind""")
                    .param("kind", kind.name()).param("enabled", enabled).param("config", config).param("secret", sealed)
                    .param("enabledAt", enabledAt).param("now", now).param("by", actor.username()).update();
        }
        return secret != null ? "; secret changed" : clear ? "; secret removed" : "";
    }

    private Optional<Stored> stored(Kind kind) {
        return jdbc.sql("select * from notify_gateway where kind = :kind").param("kind", kind.name()).query((rs, i) -> {
            OffsetDateTime enabledAt = rs.getObject("enabled_at", OffsetDateTime.class);
            return new Stored(rs.getString("kind"), rs.getBoolean("enabled"), rs.getString("config"), rs.getString("secret"),
                    enabledAt == null ? null : enabledAt.toInstant(), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                    rs.getString("updated_by"));
        }).optional();
    }

    private String open(Stored s) {
        return s.sealed() == null ? null : encryption.open(SECRET_CONTEXT + ":" + s.kind(), s.sealed());
    }

    private void checkSms(SmsConfig c, boolean enabled, Map<String, String> errors) {
        checkUrl("url", c.url(), enabled, errors, true);
        if (!Set.of("POST", "PUT", "GET").contains(c.method() == null ? "" : c.method())) {
            errors.put("method", "notify.gateway.error.method");
        }
        if (c.contentType() != null && (c.contentType().length() > 100 || c.contentType().chars().anyMatch(ch -> ch < 0x20))) {
            errors.put("contentType", "notify.gateway.error.contentType");
        }
        if (c.headers() != null) {
            if (c.headers().length() > 2000 || c.headers().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .anyMatch(l -> !l.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+:.*"))) {
                errors.put("headers", "notify.gateway.error.headers");
            } else {
                placeholders("headers", c.headers(), errors);
            }
        }
        if (c.body() != null) {
            if (c.body().length() > 4000) {
                errors.put("body", "notify.gateway.error.tooLong");
            } else {
                placeholders("body", c.body(), errors);
            }
        }
        if (enabled && !"GET".equals(c.method()) && c.body() == null) {
            errors.put("body", "notify.gateway.error.required");
        }
        if (enabled && !errors.containsKey("url") && !errors.containsKey("body")
                && !(c.url() + " " + c.body()).contains("${mobile}")) {
            errors.put("body", "notify.gateway.error.noMobile");
        }
        if (c.sign() != null && c.sign().length() > 50) {
            errors.put("sign", "notify.gateway.error.tooLong");
        }
        if (c.successPath() != null && !SmsTransport.validPath(c.successPath())) {
            errors.put("successPath", "notify.gateway.error.path");
        }
        if (c.successPath() != null && c.successValue() == null) {
            errors.put("successValue", "notify.gateway.error.required");
        }
    }

    private void checkUrl(String field, String url, boolean enabled, Map<String, String> errors, boolean template) {
        if (url == null) {
            if (enabled) {
                errors.put(field, "notify.gateway.error.required");
            }
            return;
        }
        String plain = template ? PLACEHOLDER.matcher(url).replaceAll("x") : url;
        try {
            URI uri = new URI(plain);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() > 1000 || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                errors.put(field, "notify.gateway.error.url");
            } else if (!settings.hostAllowed(uri.getHost())) {
                errors.put(field, "notify.channel.error.host");
            } else if (template) {
                placeholders(field, url, errors);
            }
        } catch (URISyntaxException e) {
            errors.put(field, "notify.gateway.error.url");
        }
    }

    private static void placeholders(String field, String template, Map<String, String> errors) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                errors.put(field, "notify.gateway.error.placeholder");
                return;
            }
        }
    }

    private static void checkSecret(String secret, boolean clear, Map<String, String> errors, String field) {
        if (secret == null) {
            return;
        }
        if (clear) {
            errors.put(field, "notify.channel.error.secretAndClear");
        } else if (secret.length() > 500 || secret.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            errors.put(field, "notify.channel.error.secret");
        }
    }

    /** The URL up to its host, for the audit log (a query may carry a key). */
    static String shownUrl(String url) {
        if (url == null) {
            return "(no URL)";
        }
        try {
            URI uri = URI.create(PLACEHOLDER.matcher(url).replaceAll("x"));
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/…";
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    private static void require(Actor actor) {
        if (!mayConfigure(actor)) {
            throw new AccessDeniedException("the city's messaging gateways are configured by the system administrator");
        }
    }

    /** null keeps; blank clears (for optional texts) or keeps (for required ones, handled by the checks). */
    private static String pick(String change, String current) {
        return change == null ? current : strip(change);
    }

    private static String pickText(String change, String current) {
        return change == null ? current : change.isBlank() ? null : change;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

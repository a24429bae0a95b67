package cn.govcloud.guard.siem.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.siem.Category;
import cn.govcloud.guard.siem.Destination;
import cn.govcloud.guard.siem.Kind;
import cn.govcloud.guard.siem.SiemDestinations;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SIEM destinations (issue 21 point 2): the security administrator's alone (三权分立: the one who sets
 * security policy decides where security events go; the system administrator does not). Targets and HMAC keys
 * are sealed with {@link FieldEncryption} as notify's channel secrets are; every change is audited.
 */
@Service
class DestinationService implements SiemDestinations {
    static final String TARGET_CONTEXT = "siem_destination.target";
    static final String SECRET_CONTEXT = "siem_destination.secret";

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditLog audit;
    private final AuditFeed feed;
    private final Transports transports;
    private final Clock clock;

    DestinationService(JdbcClient jdbc, FieldEncryption encryption, AuditLog audit, AuditFeed feed, Transports transports, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.audit = audit;
        this.feed = feed;
        this.transports = transports;
        this.clock = clock;
    }

    @Override
    public List<Destination> list(Actor actor) {
        require(actor);
        long last = feed.lastId();
        return jdbc.sql("select * from siem_destination where deleted_at is null order by name, id").query((rs, i) -> map(rs, last)).list();
    }

    @Override
    public Destination get(Actor actor, long id) {
        require(actor);
        return find(id).orElseThrow(() -> new NotFound("SIEM destination " + id));
    }

    @Override
    @Transactional
    public Destination create(Actor actor, NewDestination d) {
        require(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = strip(d.name());
        if (name == null || name.length() > 100) {
            errors.put("name", "siem.error.name");
        }
        Kind kind = parse(Kind.class, d.kind());
        if (kind == null) {
            errors.put("kind", "siem.error.kind");
        }
        String target = strip(d.target());
        Set<Category> categories = categories(d.categories(), errors);
        String format = kind == null ? null : format(kind, d.format(), errors);
        String secret = strip(d.secret());
        String ca = strip(d.caCertificate());
        String caSubject = null;
        if (kind != null) {
            Targets.check(kind, target, errors);
            checkSecret(kind, secret, errors);
            caSubject = checkCa(kind, ca, errors);
        }
        long last = feed.lastId();
        long cursor = d.startAfter() == null ? last : d.startAfter();
        if (cursor < 0 || cursor > last) {
            errors.put("startAfter", "siem.error.startAfter");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("siem.error.invalid", errors);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into siem_destination (name, kind, target, target_shown, categories, body_format, secret, ca_pem, ca_subject,
                            enabled, cursor_id, created_at, created_by, updated_at, updated_by)
                        values (:name, :kind, :target, :shown, :categories, :format, :secret, :ca, :caSubject, :enabled, :cursor,
                            :now, :by, :now, :by)""")
                .param("name", name).param("kind", kind.name())
                .param("target", encryption.seal(TARGET_CONTEXT, target)).param("shown", Targets.shown(kind, target))
                .param("categories", join(categories)).param("format", format)
                .param("secret", secret == null ? null : encryption.seal(SECRET_CONTEXT, secret))
                .param("ca", ca).param("caSubject", caSubject)
                .param("enabled", d.enabled() == null || d.enabled()).param("cursor", cursor)
                .param("now", now).param("by", actor.username())
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        Destination saved = find(id).orElseThrow();
        audit.record(AuditEvent.success("siem.destination.create", "siem-destination:" + id, describe(saved)));
        return saved;
    }

    @Override
    @Transactional
    public Destination update(Actor actor, long id, DestinationChange c) {
        Destination current = get(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> set = new LinkedHashMap<>();
        StringBuilder what = new StringBuilder();
        if (c.name() != null) {
            String name = strip(c.name());
            if (name == null || name.length() > 100) {
                errors.put("name", "siem.error.name");
            }
            set.put("name", name);
        }
        String target = strip(c.target());
        if (target != null) {
            Targets.check(current.kind(), target, errors);
            if (!errors.containsKey("target")) {
                set.put("target", encryption.seal(TARGET_CONTEXT, target));
                set.put("target_shown", Targets.shown(current.kind(), target));
                what.append("; target changed");
            }
        }
        if (c.categories() != null) {
            set.put("categories", join(categories(c.categories(), errors)));
        }
        if (c.format() != null) {
            set.put("body_format", format(current.kind(), c.format(), errors));
        }
        String secret = strip(c.secret());
        if (secret != null) {
            checkSecret(current.kind(), secret, errors);
            if (Boolean.TRUE.equals(c.clearSecret())) {
                errors.put("secret", "siem.error.secretAndClear");
            }
            set.put("secret", encryption.seal(SECRET_CONTEXT, secret));
            what.append("; HMAC key changed");
        } else if (Boolean.TRUE.equals(c.clearSecret())) {
            set.put("secret", null);
            what.append("; HMAC key removed");
        }
        String ca = strip(c.caCertificate());
        if (ca != null) {
            set.put("ca_subject", checkCa(current.kind(), ca, errors));
            set.put("ca_pem", ca);
            what.append("; CA certificate changed");
        } else if (Boolean.TRUE.equals(c.clearCaCertificate())) {
            set.put("ca_pem", null);
            set.put("ca_subject", null);
            what.append("; CA certificate removed");
        }
        if (c.enabled() != null) {
            set.put("enabled", c.enabled());
            if (c.enabled()) {
                set.put("next_attempt_at", null); // re-enabled: try at once
            }
        }
        if (c.startAfter() != null) {
            if (c.startAfter() < 0 || c.startAfter() > feed.lastId()) {
                errors.put("startAfter", "siem.error.startAfter");
            }
            set.put("cursor_id", c.startAfter());
            what.append("; cursor moved ").append(current.cursor()).append(" → ").append(c.startAfter());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("siem.error.invalid", errors);
        }
        set.put("updated_at", clock.instant().atOffset(ZoneOffset.UTC));
        set.put("updated_by", actor.username());
        String assignments = set.keySet().stream().map(k -> k + " = :" + k).collect(Collectors.joining(", "));
        jdbc.sql("update siem_destination set " + assignments + " where id = :id and deleted_at is null").params(set).param("id", id).update();
        Destination saved = find(id).orElseThrow();
        audit.record(AuditEvent.success("siem.destination.update", "siem-destination:" + id, describe(saved) + what));
        return saved;
    }

    @Override
    @Transactional
    public void delete(Actor actor, long id) {
        Destination current = get(actor, id);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("update siem_destination set deleted_at = :now, enabled = false, updated_at = :now, updated_by = :by where id = :id")
                .param("now", now).param("by", actor.username()).param("id", id).update();
        audit.record(AuditEvent.success("siem.destination.delete", "siem-destination:" + id, describe(current)));
    }

    @Override
    public TestResult test(Actor actor, long id) {
        Destination d = get(actor, id);
        Endpoint e = endpoint(id).orElseThrow(() -> new NotFound("SIEM destination " + id));
        Instant now = clock.instant();
        AuditRecord sample = new AuditRecord(0, now, actor.username(), actor.orgName(), null, "siem.test", "siem-destination:" + id,
                "SUCCESS", "政务云安全管理平台 SIEM 测试消息 / test message for \"" + d.name() + "\"", null, null);
        TestResult result;
        try {
            transports.sendTest(e, sample);
            result = new TestResult(true, null);
        } catch (IOException | RuntimeException ex) {
            result = new TestResult(false, Senders.describe(ex));
        }
        audit.record(AuditEvent.of("siem.destination.test", "siem-destination:" + id,
                result.sent() ? cn.govcloud.guard.audit.AuditResult.SUCCESS : cn.govcloud.guard.audit.AuditResult.FAILURE,
                d.kind() + " " + d.target() + (result.sent() ? " sent" : ": " + result.error())));
        return result;
    }

    /** The destination with its target and secret opened, for sending. */
    Optional<Endpoint> endpoint(long id) {
        return jdbc.sql("select * from siem_destination where id = :id and deleted_at is null").param("id", id).query((rs, i) -> {
            String sealed = rs.getString("secret");
            return new Endpoint(id, Kind.valueOf(rs.getString("kind")), encryption.open(TARGET_CONTEXT, rs.getString("target")),
                    categories(rs.getString("categories")), !"JSON".equals(rs.getString("body_format")),
                    sealed == null ? null : encryption.open(SECRET_CONTEXT, sealed), rs.getString("ca_pem"), rs.getLong("cursor_id"));
        }).optional();
    }

    Optional<Destination> find(long id) {
        long last = feed.lastId();
        return jdbc.sql("select * from siem_destination where id = :id and deleted_at is null").param("id", id)
                .query((rs, i) -> map(rs, last)).optional();
    }

    private static void require(Actor actor) {
        if (!actor.has(Role.SECURITY_ADMIN)) {
            throw new AccessDeniedException("SIEM destinations are the security administrator's");
        }
    }

    private static Set<Category> categories(List<String> given, Map<String, String> errors) {
        if (given == null || given.isEmpty()) {
            return EnumSet.allOf(Category.class);
        }
        Set<Category> out = EnumSet.noneOf(Category.class);
        for (String s : given) {
            Category c = parse(Category.class, s);
            if (c == null) {
                errors.put("categories", "siem.error.categories");
            } else {
                out.add(c);
            }
        }
        return out.isEmpty() ? EnumSet.allOf(Category.class) : out;
    }

    static Set<Category> categories(String stored) {
        Set<Category> out = EnumSet.noneOf(Category.class);
        Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).forEach(s -> out.add(Category.valueOf(s.strip())));
        return out;
    }

    private static String format(Kind kind, String given, Map<String, String> errors) {
        String f = strip(given);
        if (kind != Kind.WEBHOOK) {
            return null;
        }
        if (f == null) {
            return "NDJSON";
        }
        f = f.toUpperCase(Locale.ROOT);
        if (!f.equals("NDJSON") && !f.equals("JSON")) {
            errors.put("format", "siem.error.format");
        }
        return f;
    }

    private static void checkSecret(Kind kind, String secret, Map<String, String> errors) {
        if (secret == null) {
            return;
        }
        if (kind != Kind.WEBHOOK) {
            errors.put("secret", "siem.error.secretKind");
        } else if (secret.length() < 16 || secret.length() > 200) {
            errors.put("secret", "siem.error.secret");
        }
    }

    /** The subject of the first CA certificate, after checking the PEM holds certificates and TLS is used. */
    private static String checkCa(Kind kind, String pem, Map<String, String> errors) {
        if (pem == null) {
            return null;
        }
        if (kind == Kind.SYSLOG_TCP || kind == Kind.SYSLOG_UDP) {
            errors.put("caCertificate", "siem.error.caKind");
            return null;
        }
        List<X509Certificate> certs = pem.length() > 20000 ? List.of() : Targets.certificates(pem);
        if (certs.isEmpty()) {
            errors.put("caCertificate", "siem.error.ca");
            return null;
        }
        String subject = certs.get(0).getSubjectX500Principal().getName();
        return subject.length() > 500 ? subject.substring(0, 500) : subject;
    }

    private static String join(Set<Category> categories) {
        return categories.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static String describe(Destination d) {
        return d.kind() + " \"" + d.name() + "\" → " + d.target() + " categories=" + d.categories() + (d.signed() ? " (signed)" : "")
                + (d.caSubject() == null ? "" : " CA=" + d.caSubject()) + " cursor=" + d.cursor() + (d.enabled() ? "" : " (disabled)");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value == null ? null : Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Destination map(ResultSet rs, long lastId) throws SQLException {
        boolean enabled = rs.getBoolean("enabled");
        int failures = rs.getInt("failures");
        long cursor = rs.getLong("cursor_id");
        long lag = Math.max(0, lastId - cursor);
        return new Destination(rs.getLong("id"), rs.getString("name"), Kind.valueOf(rs.getString("kind")), rs.getString("target_shown"),
                List.copyOf(categories(rs.getString("categories"))), rs.getString("body_format"), rs.getString("secret") != null,
                rs.getString("ca_subject"), enabled, Destination.state(enabled, failures, lag), cursor, lag, rs.getLong("sent_total"),
                instant(rs, "last_sent_at"), failures, rs.getString("last_error"), instant(rs, "last_error_at"), instant(rs, "next_attempt_at"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }
}

package cn.govcloud.guard.siem.internal;

import static cn.govcloud.guard.audit.OutboundEndpoints.instant;
import static cn.govcloud.guard.audit.OutboundEndpoints.strip;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditFeed;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.OutboundEndpoints;
import cn.govcloud.guard.audit.OutboundEndpoints.Change;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SIEM destinations (issue 21 point 2): the security administrator's alone (三权分立: the one who sets
 * security policy decides where security events go; the system administrator does not). Targets and HMAC keys
 * are sealed with {@link FieldEncryption} as notify's channel secrets are; every change is audited — kept as the service desks
 * are, through {@link OutboundEndpoints}.
 */
@Service
class DestinationService implements SiemDestinations {
    private final JdbcClient jdbc;
    private final OutboundEndpoints endpoints;
    private final AuditLog audit;
    private final AuditFeed feed;
    private final Transports transports;
    private final Clock clock;

    DestinationService(JdbcClient jdbc, FieldEncryption encryption, AuditLog audit, AuditFeed feed, Transports transports, Clock clock) {
        this.jdbc = jdbc;
        this.endpoints = new OutboundEndpoints(jdbc, encryption, audit, clock, "siem_destination", "siem.destination", "siem.error.invalid",
                "SIEM destinations");
        this.audit = audit;
        this.feed = feed;
        this.transports = transports;
        this.clock = clock;
    }

    @Override
    public List<Destination> list(Actor actor) {
        endpoints.require(actor);
        long last = feed.lastId();
        return jdbc.sql("select * from siem_destination where deleted_at is null order by name, id").query((rs, i) -> map(rs, last)).list();
    }

    @Override
    public Destination get(Actor actor, long id) {
        endpoints.require(actor);
        return find(id).orElseThrow(() -> new NotFound("SIEM destination " + id));
    }

    @Override
    @Transactional
    public Destination create(Actor actor, NewDestination d) {
        endpoints.require(actor);
        Change row = new Change();
        Map<String, String> errors = row.errors();
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
        if (errors.isEmpty()) {
            row.set("name", name).set("kind", kind.name()).set("target", endpoints.seal("target", target))
                    .set("target_shown", Targets.shown(kind, target)).set("categories", join(categories)).set("body_format", format)
                    .set("secret", endpoints.seal("secret", secret)).set("ca_pem", ca).set("ca_subject", caSubject)
                    .set("enabled", d.enabled() == null || d.enabled()).set("cursor_id", cursor);
        }
        return endpoints.create(actor, row, id -> find(id).orElseThrow(), DestinationService::describe);
    }

    @Override
    @Transactional
    public Destination update(Actor actor, long id, DestinationChange c) {
        Destination current = get(actor, id);
        Change change = new Change();
        Map<String, String> errors = change.errors();
        if (c.name() != null) {
            String name = strip(c.name());
            if (name == null || name.length() > 100) {
                errors.put("name", "siem.error.name");
            }
            change.set("name", name);
        }
        String target = strip(c.target());
        if (target != null) {
            Targets.check(current.kind(), target, errors);
            if (!errors.containsKey("target")) {
                change.set("target", endpoints.seal("target", target)).set("target_shown", Targets.shown(current.kind(), target))
                        .note("target changed");
            }
        }
        if (c.categories() != null) {
            change.set("categories", join(categories(c.categories(), errors)));
        }
        if (c.format() != null) {
            change.set("body_format", format(current.kind(), c.format(), errors));
        }
        String secret = strip(c.secret());
        if (secret != null) {
            checkSecret(current.kind(), secret, errors);
            if (Boolean.TRUE.equals(c.clearSecret())) {
                errors.put("secret", "siem.error.secretAndClear");
            }
            change.set("secret", endpoints.seal("secret", secret)).note("HMAC key changed");
        } else if (Boolean.TRUE.equals(c.clearSecret())) {
            change.set("secret", null).note("HMAC key removed");
        }
        String ca = strip(c.caCertificate());
        if (ca != null) {
            change.set("ca_subject", checkCa(current.kind(), ca, errors)).set("ca_pem", ca).note("CA certificate changed");
        } else if (Boolean.TRUE.equals(c.clearCaCertificate())) {
            change.set("ca_pem", null).set("ca_subject", null).note("CA certificate removed");
        }
        if (c.enabled() != null) {
            change.set("enabled", c.enabled());
            if (c.enabled()) {
                change.set("next_attempt_at", null); // re-enabled: try at once
            }
        }
        if (c.startAfter() != null) {
            if (c.startAfter() < 0 || c.startAfter() > feed.lastId()) {
                errors.put("startAfter", "siem.error.startAfter");
            }
            change.set("cursor_id", c.startAfter()).note("cursor moved " + current.cursor() + " → " + c.startAfter());
        }
        return endpoints.update(actor, id, change, found -> find(found).orElseThrow(), DestinationService::describe);
    }

    @Override
    @Transactional
    public void delete(Actor actor, long id) {
        endpoints.delete(actor, id, describe(get(actor, id)));
    }

    @Override
    public TestResult test(Actor actor, long id) {
        Destination d = get(actor, id);
        Endpoint e = endpoint(id).orElseThrow(() -> new NotFound("SIEM destination " + id));
        Instant now = clock.instant();
        AuditRecord sample = new AuditRecord(0, now, actor.username(), actor.orgName(), null, "siem.test", endpoints.target(id),
                "SUCCESS", "政务云安全管理平台 SIEM 测试消息 / test message for \"" + d.name() + "\"", null, null);
        TestResult result;
        try {
            transports.sendTest(e, sample);
            result = new TestResult(true, null);
        } catch (IOException | RuntimeException ex) {
            result = new TestResult(false, Senders.describe(ex));
        }
        audit.record(AuditEvent.of("siem.destination.test", endpoints.target(id),
                result.sent() ? cn.govcloud.guard.audit.AuditResult.SUCCESS : cn.govcloud.guard.audit.AuditResult.FAILURE,
                d.kind() + " " + d.target() + (result.sent() ? " sent" : ": " + result.error())));
        return result;
    }

    /** The destination with its target and secret opened, for sending. */
    Optional<Endpoint> endpoint(long id) {
        return jdbc.sql("select * from siem_destination where id = :id and deleted_at is null").param("id", id).query((rs, i) -> {
            return new Endpoint(id, Kind.valueOf(rs.getString("kind")), endpoints.open("target", rs.getString("target")),
                    categories(rs.getString("categories")), !"JSON".equals(rs.getString("body_format")),
                    endpoints.open("secret", rs.getString("secret")), rs.getString("ca_pem"), rs.getLong("cursor_id"));
        }).optional();
    }

    Optional<Destination> find(long id) {
        long last = feed.lastId();
        return jdbc.sql("select * from siem_destination where id = :id and deleted_at is null").param("id", id)
                .query((rs, i) -> map(rs, last)).optional();
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

package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.crypto.FieldEncryption;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery channels of each organisation (A10.1): who may configure them, what a valid one is,
 * and how its secrets are kept. The system administrator configures every organisation's; the
 * supervisor, the provider's operators and a unit's security officer their own organisation's only.
 * Webhook URLs and signing secrets are sealed with {@link FieldEncryption}; every write is audited.
 */
@Service
public class ChannelService {
    /** Who configures their own organisation's channels (the system administrator configures everybody's). */
    public static final Set<Role> OWN_ORG_MANAGERS = EnumSet.of(Role.SUPERVISOR, Role.PROVIDER_OPERATOR, Role.UNIT_SECURITY_OFFICER);
    static final String URL_CONTEXT = "notify_channel.target";
    static final String SECRET_CONTEXT = "notify_channel.secret";

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final AuditLog audit;
    private final OrganisationDirectory organisations;
    private final DeliverySettings settings;
    private final Clock clock;

    ChannelService(JdbcClient jdbc, FieldEncryption encryption, AuditLog audit, OrganisationDirectory organisations,
                   DeliverySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.encryption = encryption;
        this.audit = audit;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** A new channel; {@code orgId} null means the actor's own organisation. */
    public record NewChannel(Long orgId, String kind, String name, String target, String secret, Boolean enabled) {
    }

    /** A change: null (or blank target / secret) keeps the current value; {@code clearSecret} removes the secret. */
    public record ChannelChange(String name, String target, String secret, Boolean clearSecret, Boolean enabled) {
    }

    /** What the actor sends with: the stored URL or address and the secret, opened. */
    record Endpoint(Channel channel, String target, String secret) {
    }

    public static boolean mayManage(Actor actor, long orgId) {
        if (actor.has(Role.SYSTEM_ADMIN)) {
            return true;
        }
        return actor.orgId() == orgId && actor.roles().stream().anyMatch(OWN_ORG_MANAGERS::contains);
    }

    /** The organisations the actor may configure channels for (the pages' choice). */
    public List<OrganisationView> manageable(Actor actor) {
        return organisations.all().stream().filter(o -> mayManage(actor, o.id())).toList();
    }

    /** The live channels the actor may configure, by organisation and name; {@code orgId} narrows to one organisation. */
    public List<Channel> list(Actor actor, Long orgId) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select * from notify_channel where deleted_at is null");
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            sql.append(" and org_id = :own");
            params.put("own", actor.orgId());
        }
        if (orgId != null) {
            sql.append(" and org_id = :org");
            params.put("org", orgId);
        }
        sql.append(" order by org_id, name, id");
        Map<Long, String> names = orgNames();
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs, names)).list().stream()
                .filter(c -> mayManage(actor, c.orgId())).toList();
    }

    /** One channel the actor may configure, also a deleted one; {@link NotFound} for another organisation's. */
    public Channel get(Actor actor, long id) {
        return find(id).filter(c -> mayManage(actor, c.orgId())).orElseThrow(() -> new NotFound("channel " + id));
    }

    @Transactional
    public Channel create(Actor actor, NewChannel c) {
        long orgId = c.orgId() == null ? actor.orgId() : c.orgId();
        if (!mayManage(actor, orgId)) {
            // A10.1: an organisation configures only its own channels
            throw new AccessDeniedException("channels of another organisation");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (organisations.byId(orgId).isEmpty()) {
            errors.put("orgId", "notify.channel.error.org");
        }
        DeliveryStatus.Channel kind = ChannelTargets.kind(c.kind());
        if (kind == null) {
            errors.put("kind", "notify.channel.error.kind");
        }
        String name = strip(c.name());
        if (name == null || name.length() > 100) {
            errors.put("name", "notify.channel.error.name");
        }
        String target = strip(c.target());
        String secret = strip(c.secret());
        if (kind != null) {
            ChannelTargets.checkTarget(kind, target, errors);
            checkHost(kind, target, errors);
            ChannelTargets.checkSecret(kind, secret, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("notify.channel.error.invalid", errors);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into notify_channel (org_id, kind, name, target, target_shown, secret, enabled, created_at, created_by,
                                                    updated_at, updated_by)
                        values (:org, :kind, :name, :target, :shown, :secret, :enabled, :now, :by, :now, :by)""")
                .param("org", orgId).param("kind", kind.name()).param("name", name)
                .param("target", store(kind, target)).param("shown", ChannelTargets.shown(kind, target))
                .param("secret", secret == null ? null : encryption.seal(SECRET_CONTEXT, secret))
                .param("enabled", c.enabled() == null || c.enabled())
                .param("now", now).param("by", actor.username())
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        Channel saved = find(id).orElseThrow();
        audit.record(AuditEvent.success("notify.channel.create", "channel:" + id, describe(saved)));
        return saved;
    }

    @Transactional
    public Channel update(Actor actor, long id, ChannelChange change) {
        Channel current = get(actor, id);
        if (current.deleted()) {
            throw new RuleViolation("A10.1", "notify.channel.error.deleted");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String name = current.name();
        if (change.name() != null) {
            name = strip(change.name());
            if (name == null || name.length() > 100) {
                errors.put("name", "notify.channel.error.name");
            }
        }
        String target = strip(change.target());
        if (target != null) {
            ChannelTargets.checkTarget(current.kind(), target, errors);
            checkHost(current.kind(), target, errors);
        }
        String secret = strip(change.secret());
        boolean clear = Boolean.TRUE.equals(change.clearSecret());
        if (secret != null) {
            ChannelTargets.checkSecret(current.kind(), secret, errors);
            if (clear) {
                errors.put("secret", "notify.channel.error.secretAndClear");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("notify.channel.error.invalid", errors);
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("update notify_channel set name = :name, updated_at = :now, updated_by = :by");
        params.put("name", name);
        params.put("now", clock.instant().atOffset(ZoneOffset.UTC));
        params.put("by", actor.username());
        params.put("id", id);
        if (target != null) {
            sql.append(", target = :target, target_shown = :shown");
            params.put("target", store(current.kind(), target));
            params.put("shown", ChannelTargets.shown(current.kind(), target));
        }
        if (secret != null) {
            sql.append(", secret = :secret");
            params.put("secret", encryption.seal(SECRET_CONTEXT, secret));
        } else if (clear) {
            sql.append(", secret = null");
        }
        if (change.enabled() != null) {
            sql.append(", enabled = :enabled");
            params.put("enabled", change.enabled());
        }
        jdbc.sql(sql.append(" where id = :id and deleted_at is null").toString()).params(params).update();
        Channel saved = find(id).orElseThrow();
        StringBuilder what = new StringBuilder(describe(saved));
        if (target != null) {
            what.append("; target changed");
        }
        if (secret != null) {
            what.append("; secret changed");
        } else if (clear) {
            what.append("; secret removed");
        }
        audit.record(AuditEvent.success("notify.channel.update", "channel:" + id, what.toString()));
        return saved;
    }

    /**
     * Retires a channel (again: no change). Its history stays; deliveries still waiting for it fail
     * with "channel deleted" rather than going to a target its organisation withdrew.
     */
    @Transactional
    public void delete(Actor actor, long id) {
        Channel current = get(actor, id);
        if (current.deleted()) {
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("update notify_channel set deleted_at = :now, enabled = false, updated_at = :now, updated_by = :by where id = :id")
                .param("now", now).param("by", actor.username()).param("id", id).update();
        int failed = jdbc.sql("update notify_delivery set state = 'FAILED', last_error = 'channel deleted', next_attempt_at = :now "
                        + "where channel_id = :id and state = 'PENDING' and claim_token is null")
                .param("now", now).param("id", id).update();
        audit.record(AuditEvent.success("notify.channel.delete", "channel:" + id,
                describe(current) + (failed > 0 ? "; " + failed + " pending deliveries failed" : "")));
    }

    /** The enabled, live channels of one organisation: where its notices go. */
    List<Channel> enabledOf(long orgId) {
        Map<Long, String> names = orgNames();
        return jdbc.sql("select * from notify_channel where org_id = :org and enabled = true and deleted_at is null order by id")
                .param("org", orgId).query((rs, i) -> map(rs, names)).list();
    }

    /** The channel with its target and secret opened, for sending; empty when there is no such channel. */
    Optional<Endpoint> endpoint(long id) {
        Map<Long, String> names = orgNames();
        return jdbc.sql("select * from notify_channel where id = :id").param("id", id).query((rs, i) -> {
            Channel c = map(rs, names);
            String stored = rs.getString("target");
            String target = c.kind() == DeliveryStatus.Channel.EMAIL ? stored : encryption.open(URL_CONTEXT, stored);
            String sealed = rs.getString("secret");
            return new Endpoint(c, target, sealed == null ? null : encryption.open(SECRET_CONTEXT, sealed));
        }).optional();
    }

    Optional<Channel> find(long id) {
        return jdbc.sql("select * from notify_channel where id = :id").param("id", id).query((rs, i) -> map(rs, orgNames())).optional();
    }

    private String store(DeliveryStatus.Channel kind, String target) {
        return kind == DeliveryStatus.Channel.EMAIL ? target : encryption.seal(URL_CONTEXT, target);
    }

    /** {@code govguard.notify.delivery.allowed-hosts}: no posting to hosts outside the list (no internal addresses). */
    private void checkHost(DeliveryStatus.Channel kind, String target, Map<String, String> errors) {
        if (kind != DeliveryStatus.Channel.EMAIL && !errors.containsKey("target") && !settings.hostAllowed(java.net.URI.create(target).getHost())) {
            errors.put("target", "notify.channel.error.host");
        }
    }

    private static String describe(Channel c) {
        return c.kind() + " \"" + c.name() + "\" of org " + c.orgId() + " → " + c.target() + (c.signed() ? " (signed)" : "")
                + (c.enabled() ? "" : " (disabled)");
    }

    private Map<Long, String> orgNames() {
        Map<Long, String> names = new HashMap<>();
        organisations.all().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    private static Channel map(ResultSet rs, Map<Long, String> orgNames) throws SQLException {
        OffsetDateTime deleted = rs.getObject("deleted_at", OffsetDateTime.class);
        long orgId = rs.getLong("org_id");
        return new Channel(rs.getLong("id"), orgId, orgNames.getOrDefault(orgId, String.valueOf(orgId)),
                DeliveryStatus.Channel.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("target_shown"),
                rs.getString("secret") != null, rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"),
                deleted == null ? null : deleted.toInstant());
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

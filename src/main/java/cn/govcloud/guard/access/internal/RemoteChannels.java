package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.Channels;
import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.crypto.KeyedHash;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remote channels (A9.2, A9.3) and the provider's exceptional remote operation of the platform (A5.3).
 *
 * <p>Flow of a unit's channel: a unit's user requests it (system, purpose, operations, accounts,
 * operator's real name, window ≤ the maximum) → another person of the unit, its security officer,
 * approves (A9.2: approver ≠ requester) → for a long-term channel the network-security regulator
 * approves (A9.3) → the provider opens it → the requester looks at the credential once (it is
 * generated at that moment: 256 random bits, stored only as HMAC-SM3) → the gateway verifies it
 * once inside the window (A9.3 一次一用、单次有效) → closing or expiry ends it.
 */
@Service
public class RemoteChannels implements Channels {
    public static final Set<String> TYPES = Set.of("VPN", "ZERO_TRUST");
    /** The longest a long-term channel (A9.3, with the regulator's approval) may be open at once. */
    /** Catalog parameters (issue 17 point 16): the Measures say 限时 but name no limit, so a district sets them. */
    static final String MAX_WINDOW = "A9.2-channel-max-window";
    static final String LONG_TERM_MAX = "A9.3-long-term-channel-max";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Channel(long id, String kind, long orgId, Long systemId, String purpose, String operations, String accounts,
                          String channelType, String operatorName, Instant startsAt, Instant endsAt, boolean longTerm, String status,
                          String requestedBy, long requestedById, Instant requestedAt, String approvedBy, Instant approvedAt,
                          String regulatorBy, Instant regulatorAt, String decisionReason, String openedBy, Instant openedAt,
                          boolean credentialIssued, Instant credentialShownAt, Instant consumedAt, String consumedFrom, String closedBy,
                          Instant closedAt, boolean expired) {
        /** What the pages show: the stored status, with an open channel past its window shown as expired. */
        public String effectiveStatus() {
            if ("OPEN".equals(status) && consumedAt != null) {
                return expired ? "EXPIRED" : "USED";
            }
            return "OPEN".equals(status) && expired ? "EXPIRED" : status;
        }
    }

    /** The answer to the gateway. */
    public record Verification(boolean allow, String reason, Channel channel) {
    }

    private final JdbcClient jdbc;
    private final Systems systems;
    private final Duties duties;
    private final AuditLog audit;
    private final KeyedHash hash;
    private final Clock clock;
    private final cn.govcloud.guard.rules.RuleCatalog catalog;
    private final cn.govcloud.guard.identity.OrganisationDirectory directory;

    RemoteChannels(JdbcClient jdbc, Systems systems, Duties duties, AuditLog audit, KeyedHash hash, Clock clock,
                   cn.govcloud.guard.identity.OrganisationDirectory directory,
                   cn.govcloud.guard.rules.RuleCatalog catalog) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.systems = systems;
        this.duties = duties;
        this.audit = audit;
        this.hash = hash;
        this.clock = clock;
        this.catalog = catalog;
    }

    /** A9.2: the longest window of an ordinary (temporary) channel, from the catalog in force. */
    public Duration maxWindow() {
        return catalog.parameter(MAX_WINDOW).duration();
    }

    /** A9.3: the longest window of a long-term channel, from the catalog in force. */
    public Duration longTermMax() {
        return catalog.parameter(LONG_TERM_MAX).duration();
    }

    // ---- request ---------------------------------------------------------------------------------

    @Override
    @Transactional
    public long request(NewChannel c) {
        Actor actor = Actor.require();
        boolean platform = c.systemId() == null;
        SystemRef system = null;
        if (platform) {
            // A5.3: only the provider asks to operate the platform remotely, and only as an exception
            if (actor.orgKind() != OrgKind.PROVIDER) {
                throw new InvalidInput("access.channel.error.invalid", Map.of("systemId", "access.channel.error.system"));
            }
        } else {
            if (actor.orgKind() != OrgKind.UNIT) {
                throw new AccessDeniedException("a unit requests a channel to its own system");
            }
            system = systems.find(c.systemId()).filter(s -> s.orgId() == actor.orgId())
                    .orElseThrow(() -> new InvalidInput("access.channel.error.invalid", Map.of("systemId", "access.channel.error.system")));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "purpose", c.purpose(), 500);
        check(errors, "operations", c.operations(), 2000);
        check(errors, "accounts", c.accounts(), 500);
        check(errors, "operatorName", c.operatorName(), 100);
        if (c.channelType() == null || !TYPES.contains(c.channelType())) {
            errors.put("channelType", "access.channel.error.channelType");
        }
        Instant now = clock.instant();
        if (c.startsAt() == null) {
            errors.put("startsAt", "access.channel.error.startsAt");
        }
        if (c.endsAt() == null || (c.startsAt() != null && !c.endsAt().isAfter(c.startsAt())) || (c.endsAt() != null && !c.endsAt().isAfter(now))) {
            errors.put("endsAt", "access.channel.error.endsAt");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("access.channel.error.invalid", errors);
        }
        Duration window = Duration.between(c.startsAt(), c.endsAt());
        if (c.longTerm() && platform) {
            throw new RuleViolation("A5.3", "access.channel.error.platformLongTerm");
        }
        if (!c.longTerm() && window.compareTo(maxWindow()) > 0) {
            // A9.2 限时开通: a temporary channel is open at most the configured maximum; longer needs A9.3's regulator approval
            throw new RuleViolation("A9.2", "access.channel.error.windowTooLong");
        }
        if (c.longTerm() && window.compareTo(longTermMax()) > 0) {
            throw new RuleViolation("A9.3", "access.channel.error.longTermTooLong");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into access_channel (kind, org_id, system_id, purpose, operations, accounts, channel_type, operator_name, starts_at, "
                        + "ends_at, long_term, status, requested_by, requested_by_id, requested_at) values (:kind, :org, :system, :purpose, :ops, "
                        + ":accounts, :type, :operator, :starts, :ends, :longTerm, 'REQUESTED', :by, :byId, :now)")
                .param("kind", platform ? "PLATFORM" : "SYSTEM").param("org", actor.orgId()).param("system", c.systemId())
                .param("purpose", c.purpose().strip()).param("ops", c.operations().strip()).param("accounts", c.accounts().strip())
                .param("type", c.channelType()).param("operator", c.operatorName().strip()).param("starts", ts(c.startsAt()))
                .param("ends", ts(c.endsAt())).param("longTerm", c.longTerm()).param("by", actor.username()).param("byId", actor.userId())
                .param("now", ts(now)).update(key, "id");
        long id = key.getKey().longValue();
        if (platform) {
            duties.raise(new DutyTrigger("platform.remote-operation.requested", platformSubject(actor.orgId(), actor.orgName()), now,
                    reference(id)));
        } else {
            duties.raise(new DutyTrigger("remote-access.requested", subject(system), now, reference(id)));
        }
        audit.record(AuditEvent.success("access.channel.request", reference(id), (platform ? "platform (A5.3)" : "system " + c.systemId())
                + " " + c.channelType() + " " + c.startsAt() + "–" + c.endsAt() + (c.longTerm() ? " long-term" : "") + " operator "
                + c.operatorName().strip()));
        return id;
    }

    // ---- decisions --------------------------------------------------------------------------------

    /**
     * A9.2: the unit's security officer approves its unit's request — never the requester's own;
     * A5.3: the supervisor approves the provider's exception.
     */
    @Override
    @Transactional
    public void approve(long id, String note) {
        decide(id, true, note);
    }

    @Transactional
    public void refuse(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("access.channel.error.invalid", Map.of("reason", "access.channel.error.reason"));
        }
        decide(id, false, reason);
    }

    /**
     * Who checks a request: the platform's (A5.3) the supervisor; a unit's (A9.2 内部审批) a security officer of the
     * unit other than the requester — and when the requester is the unit's only security officer, nobody in the unit
     * can, so the supervisor makes the second person's check (catalog note of {@code A9.2-remote-operation-approval}).
     * Worked out when asked, so a second officer appointed later takes the decision back to the unit.
     */
    public Approver approver(Channel c) {
        if ("PLATFORM".equals(c.kind())) {
            return Approver.SUPERVISOR;
        }
        return directory.holders(c.orgId(), Role.UNIT_SECURITY_OFFICER, c.requestedById()) > 0 ? Approver.UNIT_OFFICER
                : Approver.SUPERVISOR_FOR_SOLE_OFFICER;
    }

    /** Who decides on a channel: the unit's other security officer, or the supervisor (see {@link #approver}). */
    public enum Approver { UNIT_OFFICER, SUPERVISOR, SUPERVISOR_FOR_SOLE_OFFICER }

    /** Whether the actor may approve or refuse the channel now — the pages offer the buttons only then. */
    public boolean mayDecide(Channel c, Actor actor) {
        if (!"REQUESTED".equals(c.status()) || c.requestedById() == actor.userId()) {
            return false;
        }
        return switch (approver(c)) {
            case SUPERVISOR, SUPERVISOR_FOR_SOLE_OFFICER -> actor.has(Role.SUPERVISOR);
            case UNIT_OFFICER -> actor.has(Role.UNIT_SECURITY_OFFICER) && actor.orgId() == c.orgId();
        };
    }

    private void decide(long id, boolean approve, String note) {
        Actor actor = Actor.require();
        Channel c = locked(id);
        Approver approver = approver(c);
        if (approver == Approver.SUPERVISOR) {
            if (!actor.has(Role.SUPERVISOR)) {
                throw new RuleViolation("A5.3", "access.channel.error.platformApprover");
            }
        } else if (c.requestedById() == actor.userId() && !actor.machine()) {
            // A9.2 内部审批: the approval is somebody else's check of the request
            throw new RuleViolation("A9.2", "access.channel.error.selfApproval");
        } else if (approver == Approver.UNIT_OFFICER && (!actor.has(Role.UNIT_SECURITY_OFFICER) || actor.orgId() != c.orgId())) {
            throw new RuleViolation("A9.2", "access.channel.error.unitApprover");
        } else if (approver == Approver.SUPERVISOR_FOR_SOLE_OFFICER && !actor.has(Role.SUPERVISOR)) {
            throw new RuleViolation("A9.2", "access.channel.error.soleOfficerApprover");
        }
        if (!"REQUESTED".equals(c.status())) {
            throw new RuleViolation(rule(c), "access.channel.error.notRequested");
        }
        Instant now = clock.instant();
        String next = !approve ? "REFUSED" : c.longTerm() ? "AWAITING_REGULATOR" : "READY";
        jdbc.sql("update access_channel set status = :next, approved_by = :by, approved_at = :now, decision_reason = :note where id = :id")
                .param("next", next).param("by", actor.username()).param("now", ts(now)).param("note", blankToNull(note)).param("id", id).update();
        duties.fulfil(reference(id), (approve ? "approved by " : "refused by ") + actor.username());
        if (approve && "SYSTEM".equals(c.kind())) {
            SystemRef system = systems.find(c.systemId()).orElseThrow();
            duties.raise(new DutyTrigger(c.longTerm() ? "long-term-channel.requested" : "remote-access.approved", subject(system), now,
                    reference(id) + (c.longTerm() ? ":regulator" : ":open")));
        }
        audit.record(AuditEvent.success(approve ? "access.channel.approve" : "access.channel.refuse", reference(id),
                rule(c) + " " + next + (approver == Approver.SUPERVISOR_FOR_SOLE_OFFICER ? " (the supervisor's check: the requester is the unit's only security officer)" : "")
                        + (note == null ? "" : " " + note.strip())));
    }

    /** A9.3: the network-security regulator's decision on a long-term channel; before it the provider opens nothing. */
    @Transactional
    public void regulatorDecide(long id, boolean approve, String reason) {
        Actor actor = Actor.require();
        if (!actor.has(Role.REGULATOR)) {
            throw new AccessDeniedException("the network-security regulator decides on long-term channels (A9.3)");
        }
        Channel c = locked(id);
        if (!"AWAITING_REGULATOR".equals(c.status())) {
            throw new RuleViolation("A9.3", "access.channel.error.notAwaitingRegulator");
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw new InvalidInput("access.channel.error.invalid", Map.of("reason", "access.channel.error.reason"));
        }
        Instant now = clock.instant();
        jdbc.sql("update access_channel set status = :next, regulator_by = :by, regulator_at = :now, decision_reason = coalesce(:note, decision_reason) "
                        + "where id = :id").param("next", approve ? "READY" : "REFUSED").param("by", actor.username()).param("now", ts(now))
                .param("note", blankToNull(reason)).param("id", id).update();
        duties.fulfil(reference(id) + ":regulator", (approve ? "approved by " : "refused by ") + actor.username());
        if (approve) {
            duties.raise(new DutyTrigger("remote-access.approved", subject(systems.find(c.systemId()).orElseThrow()), now, reference(id) + ":open"));
        }
        audit.record(AuditEvent.success(approve ? "access.channel.regulator-approve" : "access.channel.regulator-refuse", reference(id),
                "A9.3 long-term channel" + (reason == null ? "" : " " + reason.strip())));
    }

    // ---- opening, the credential, closing --------------------------------------------------------

    /** The provider opens an approved channel (A9.2); a long-term one only after the regulator (A9.3), the platform's only after the supervisor (A5.3). */
    @Override
    @Transactional
    public void open(long id) {
        Actor actor = Actor.require();
        if (!actor.has(Role.PROVIDER_OPERATOR)) {
            throw new AccessDeniedException("the provider opens channels");
        }
        Channel c = locked(id);
        if (!"READY".equals(c.status())) {
            if ("PLATFORM".equals(c.kind())) {
                throw new RuleViolation("A5.3", "access.channel.error.platformNotApproved");
            }
            if (c.longTerm() && "AWAITING_REGULATOR".equals(c.status())) {
                throw new RuleViolation("A9.3", "access.channel.error.regulatorPending");
            }
            throw new RuleViolation("A9.2", "access.channel.error.notApproved");
        }
        if (c.expired()) {
            throw new RuleViolation("A9.3", "access.channel.error.windowOver");
        }
        Instant now = clock.instant();
        jdbc.sql("update access_channel set status = 'OPEN', opened_by = :by, opened_at = :now where id = :id").param("by", actor.username())
                .param("now", ts(now)).param("id", id).update();
        duties.fulfil(reference(id) + ":open", "opened by " + actor.username());
        audit.record(AuditEvent.success("access.channel.open", reference(id), c.channelType() + " " + c.startsAt() + "–" + c.endsAt()));
    }

    /**
     * The requester looks at the credential: it is generated now (256 bits from SecureRandom), only
     * its keyed hash is stored, and it is never shown again — a second look is refused (A9.3).
     */
    @Transactional
    public String revealCredential(long id) {
        Actor actor = Actor.require();
        Channel c = visible(id, actor);
        if (c.requestedById() != actor.userId() || actor.machine()) {
            // A9.3: the credential is shown once, and only to the person who asked for the channel
            throw new RuleViolation("A9.3", "access.channel.error.notRequester");
        }
        if (!"OPEN".equals(c.status()) || c.expired()) {
            throw new RuleViolation("A9.3", "access.channel.error.notOpen");
        }
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String secret = "ggc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        int issued = jdbc.sql("update access_channel set credential_hash = :h, credential_shown_at = :now where id = :id "
                        + "and credential_hash is null and status = 'OPEN'").param("h", hash.hash(secret)).param("now", ts(clock.instant()))
                .param("id", id).update();
        if (issued != 1) {
            audit.record(AuditEvent.of("access.channel.credential", reference(id), AuditResult.FAILURE, "A9.3 credential already shown"));
            throw new RuleViolation("A9.3", "access.channel.error.credentialShown");
        }
        audit.record(AuditEvent.success("access.channel.credential", reference(id), "single-use credential issued and shown once"));
        return secret;
    }

    /**
     * The gateway's question (API.md): one conditional UPDATE consumes the credential, so of any
     * number of concurrent verifications on any number of nodes exactly one is allowed (A9.3
     * 一次一用、单次有效). Deliberately outside a transaction: the UPDATE commits at once and holds
     * its row lock for no longer than itself. Every answer is audited with the gateway's address.
     */
    public Verification verify(String credential, String gatewayAddress) {
        Instant now = clock.instant();
        String h = credential == null || credential.isBlank() || credential.length() > 200 ? null : hash.hash(credential.strip());
        int consumed = 0;
        if (h != null) {
            try {
                consumed = jdbc.sql("update access_channel set consumed_at = :now, consumed_from = :from where credential_hash = :h "
                                + "and consumed_at is null and status = 'OPEN' and starts_at <= :now and ends_at > :now")
                        .param("now", ts(now)).param("from", truncate(gatewayAddress, 100)).param("h", h).update();
            } catch (DataAccessException lost) {
                consumed = 0; // a concurrent verification won the row (H2 reports a conflict instead of waiting): this one is refused
            }
        }
        Optional<Channel> channel = h == null ? Optional.empty()
                : jdbc.sql("select * from access_channel where credential_hash = :h").param("h", h).query(this::map).optional();
        if (consumed == 1) {
            Channel c = channel.orElseThrow();
            audit.record(AuditEvent.success("access.channel.verify", reference(c.id()), "A9.3 allowed for gateway " + gatewayAddress));
            return new Verification(true, null, c);
        }
        String reason;
        if (channel.isEmpty()) {
            reason = "凭据无效（A9.3 一次一用、单次有效） / unknown credential";
        } else {
            Channel c = channel.get();
            if (c.consumedAt() != null) {
                reason = "凭据已使用，一次一用、单次有效（A9.3） / credential already used";
            } else if (!"OPEN".equals(c.status())) {
                reason = "通道已关闭（A9.3 一次一用、单次有效） / channel closed";
            } else if (now.isBefore(c.startsAt())) {
                reason = "未到通道开通时段（A9.3 一次一用、单次有效） / before the channel's window";
            } else {
                reason = "通道时段已过（A9.3 一次一用、单次有效） / the channel's window is over";
            }
        }
        audit.record(AuditEvent.of("access.channel.verify", channel.map(c -> reference(c.id())).orElse("channel:unknown"), AuditResult.DENIED,
                "A9.3 refused for gateway " + gatewayAddress + ": " + reason));
        return new Verification(false, reason, channel.orElse(null));
    }

    /** Closing ends the channel (the provider, or the requesting unit); A9.3's closure confirmation becomes the provider's duty. */
    @Transactional
    public void close(long id) {
        Actor actor = Actor.require();
        Channel c = visible(id, actor);
        boolean provider = actor.has(Role.PROVIDER_OPERATOR);
        boolean owner = actor.orgId() == c.orgId() && (Role.UNIT_ROLES.stream().anyMatch(actor::has) || provider);
        if (!provider && !owner) {
            throw new AccessDeniedException("the provider or the requesting organisation closes a channel");
        }
        if ("CLOSED".equals(c.status()) || "REFUSED".equals(c.status())) {
            throw new RuleViolation("A9.3", "access.channel.error.closed");
        }
        Instant now = clock.instant();
        jdbc.sql("update access_channel set status = 'CLOSED', closed_by = :by, closed_at = :now where id = :id").param("by", actor.username())
                .param("now", ts(now)).param("id", id).update();
        duties.fulfil(reference(id), "closed by " + actor.username());
        duties.fulfil(reference(id) + ":open", "closed by " + actor.username());
        duties.fulfil(reference(id) + ":regulator", "closed by " + actor.username());
        if (c.openedAt() != null) {
            if ("PLATFORM".equals(c.kind())) {
                duties.raise(new DutyTrigger("platform.remote-operation.ended", platformSubject(c.orgId(), actor.orgName()), now, reference(id) + ":ended"));
            } else {
                duties.raise(new DutyTrigger("remote-channel.ended", subject(systems.find(c.systemId()).orElseThrow()), now, reference(id) + ":ended"));
            }
        }
        audit.record(AuditEvent.success("access.channel.close", reference(id), "closed" + (c.consumedAt() != null ? " after its single use" : "")));
    }

    // ---- reads ------------------------------------------------------------------------------------

    /**
     * The channels the actor may see: a unit its own; the provider its own requests and every
     * unit's channel once approved (it opens them and watches the open ones); supervisor and regulators all.
     */
    public List<Channel> list(Actor actor) {
        return jdbc.sql("select * from access_channel c where " + scope(actor) + " order by c.id desc").params(scopeParams(actor))
                .query(this::map).list();
    }

    public Channel visible(long id, Actor actor) {
        Map<String, Object> params = new HashMap<>(scopeParams(actor));
        params.put("id", id);
        return jdbc.sql("select * from access_channel c where c.id = :id and " + scope(actor)).params(params).query(this::map).optional()
                .orElseThrow(() -> new NotFound("channel " + id));
    }

    private static String scope(Actor actor) {
        if (actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR) {
            return "1=1";
        }
        if (actor.orgKind() == OrgKind.PROVIDER) {
            return "(c.org_id = :scopeOrgId or (c.kind = 'SYSTEM' and c.status not in ('REQUESTED')))";
        }
        return "c.org_id = :scopeOrgId";
    }

    private static Map<String, Object> scopeParams(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR ? Map.of() : Map.of("scopeOrgId", actor.orgId());
    }

    private Channel locked(long id) {
        Channel c = visible(id, Actor.require());
        // serialise decisions on one channel (a double click, two officers at once)
        jdbc.sql("select id from access_channel where id = :id for update").param("id", id).query(Long.class).single();
        return jdbc.sql("select * from access_channel where id = :id").param("id", id).query(this::map).optional().orElse(c);
    }

    private Channel map(ResultSet rs, int row) throws SQLException {
        long system = rs.getLong("system_id");
        Long systemId = rs.wasNull() ? null : system;
        Instant ends = instant(rs, "ends_at");
        return new Channel(rs.getLong("id"), rs.getString("kind"), rs.getLong("org_id"), systemId, rs.getString("purpose"),
                rs.getString("operations"), rs.getString("accounts"), rs.getString("channel_type"), rs.getString("operator_name"),
                instant(rs, "starts_at"), ends, rs.getBoolean("long_term"), rs.getString("status"), rs.getString("requested_by"),
                rs.getLong("requested_by_id"), instant(rs, "requested_at"), rs.getString("approved_by"), instant(rs, "approved_at"),
                rs.getString("regulator_by"), instant(rs, "regulator_at"), rs.getString("decision_reason"), rs.getString("opened_by"),
                instant(rs, "opened_at"), rs.getString("credential_hash") != null, instant(rs, "credential_shown_at"),
                instant(rs, "consumed_at"), rs.getString("consumed_from"), rs.getString("closed_by"), instant(rs, "closed_at"),
                !clock.instant().isBefore(ends));
    }

    static String rule(Channel c) {
        return "PLATFORM".equals(c.kind()) ? "A5.3" : "A9.2";
    }

    static String reference(long id) {
        return "channel:" + id;
    }

    private static Subject subject(SystemRef s) {
        return new Subject(SubjectKind.SYSTEM, s.id(), s.name(), s.orgId(), Map.of("mlpsLevel", s.mlpsLevel()));
    }

    private static Subject platformSubject(long orgId, String orgName) {
        return new Subject(SubjectKind.PLATFORM, orgId, orgName, orgId, Map.of());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static void check(Map<String, String> errors, String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            errors.put(field, "access.channel.error." + field);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}

package cn.govcloud.guard.supervision.notices;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.DeliveryStatus;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.notify.Notifier;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.NoticeIssued;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices (通报, A11.3 "及时通知通报"): the supervisor issues one to chosen units; each gets it in its
 * inbox and on every channel it configured (e-mail, robots), and owes an acknowledgement (确认收悉)
 * within the catalog's {@code A11.3-notice-acknowledgement} time, which acknowledging fulfils.
 */
@Service
public class Notices {
    static final String RULE = "A11.3-notice-acknowledgement";

    private final JdbcClient jdbc;
    private final Notifier notifier;
    private final Duties duties;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Notices(JdbcClient jdbc, Notifier notifier, Duties duties, OrganisationDirectory organisations, AuditLog audit, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.duties = duties;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewNotice(String kind, String title, String body, List<Long> unitIds) {
    }

    public record IssuedNotice(long id, String kind, String title, String body, Instant issuedAt, String issuedBy, String issuedByName) {
    }

    public record Recipient(long id, long noticeId, long orgId, String orgName, Instant deliveredAt, Long dutyId, Instant acknowledgedAt,
                            String acknowledgedBy, String acknowledgedByName, String reply) {
        public boolean acknowledged() {
            return acknowledgedAt != null;
        }
    }

    /** A recipient with how far the external deliveries of its notice got. */
    public record Tracking(Recipient recipient, List<DeliveryStatus> deliveries, Duty duty) {
    }

    static String key(long noticeId, long orgId) {
        return "supervision-notice:" + noticeId + ":" + orgId;
    }

    /**
     * The supervisor (A11.3 "及时通知通报") and the regulators (网信办, 公安局 … for their own 通报, issue 17 point 2) issue
     * notices; nobody else.
     */
    public static boolean mayIssue(Actor actor) {
        return (actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR)) || (actor.orgKind() == OrgKind.REGULATOR && actor.has(Role.REGULATOR));
    }

    private static void mayIssue() {
        if (!mayIssue(Actor.require())) {
            throw new org.springframework.security.access.AccessDeniedException("only the supervisor and the regulators issue notices (A11.3)");
        }
    }

    @Transactional
    public IssuedNotice issue(NewNotice n) {
        mayIssue();
        Map<String, String> errors = new LinkedHashMap<>();
        if (Db.blank(n.kind()) || n.kind().strip().length() > 60) {
            errors.put("kind", "scheduling.error.noticeKind");
        }
        if (Db.blank(n.title()) || n.title().strip().length() > 300) {
            errors.put("title", "scheduling.error.title");
        }
        if (Db.blank(n.body()) || n.body().strip().length() > 20000) {
            errors.put("body", "scheduling.error.body");
        }
        Map<Long, OrganisationView> units = new LinkedHashMap<>();
        for (Long id : n.unitIds() == null ? List.<Long>of() : n.unitIds()) {
            Optional<OrganisationView> unit = id == null ? Optional.empty() : organisations.byId(id).filter(o -> o.kind() == OrgKind.UNIT);
            if (unit.isEmpty()) {
                errors.put("unitIds", "scheduling.error.unitIds");
            } else {
                units.put(unit.get().id(), unit.get());
            }
        }
        if (units.isEmpty()) {
            errors.putIfAbsent("unitIds", "scheduling.error.unitIds");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.invalid", errors);
        }
        Actor actor = Actor.require();
        Instant now = clock.instant();
        long id = Db.insertedId(jdbc.sql("insert into supervision_notice (kind, title, body, issued_at, issued_by, issued_by_name) values (:k, :t, :b, :at, :by, :name)")
                .param("k", n.kind().strip()).param("t", n.title().strip()).param("b", n.body().strip()).param("at", Db.ts(now))
                .param("by", actor.username()).param("name", actor.displayName()));
        for (OrganisationView unit : units.values()) {
            String key = key(id, unit.id());
            notifier.dispatch(new Notice(key, unit.id(), java.util.Set.of(), "scheduling.notice.inbox", List.of(n.kind().strip(), n.title().strip()),
                    "/supervision/notices/" + id, Notice.Severity.WARNING, now));
            events.publishEvent(new NoticeIssued(id, new Subject(SubjectKind.UNIT, unit.id(), unit.name(), unit.id(), Map.of()), now));
            Long dutyId = duties.raisedBy(key).stream().filter(d -> d.ruleId().equals(RULE)).map(Duty::id).findFirst().orElse(null);
            jdbc.sql("insert into supervision_notice_recipient (notice_id, org_id, org_name, delivered_at, duty_id) values (:n, :o, :name, :at, :d)")
                    .param("n", id).param("o", unit.id()).param("name", unit.name()).param("at", Db.ts(now)).param("d", dutyId).update();
        }
        audit.record(AuditEvent.success("notice.issue", "supervision-notice:" + id, n.kind().strip() + " " + n.title().strip() + " to "
                + units.values().stream().map(OrganisationView::name).collect(Collectors.joining("、"))));
        return require(id);
    }

    /** A unit's person confirms receipt (确认收悉), optionally with a reply; once per unit (409 after). */
    @Transactional
    public Recipient acknowledge(long noticeId, String reply) {
        Actor actor = Actor.require();
        Recipient recipient = recipientOf(noticeId, actor).orElseThrow(() -> new NotFound("notice " + noticeId));
        if (recipient.acknowledged()) {
            throw new RuleViolation("A11.3", "scheduling.notice.refused.acknowledged");
        }
        if (reply != null && reply.strip().length() > 4000) {
            throw new InvalidInput("scheduling.error.invalid", Map.of("reply", "scheduling.error.reply"));
        }
        int n = jdbc.sql("update supervision_notice_recipient set acknowledged_at = :at, acknowledged_by = :by, acknowledged_by_name = :name, "
                        + "reply = :r where id = :id and acknowledged_at is null")
                .param("at", Db.ts(clock.instant())).param("by", actor.username()).param("name", actor.displayName())
                .param("r", Db.blank(reply) ? null : reply.strip()).param("id", recipient.id()).update();
        if (n == 0) {
            throw new RuleViolation("A11.3", "scheduling.notice.refused.acknowledged");
        }
        duties.fulfil(key(noticeId, actor.orgId()), "确认收悉 " + actor.displayName() + (Db.blank(reply) ? "" : "：" + reply.strip()));
        audit.record(AuditEvent.success("notice.acknowledge", "supervision-notice:" + noticeId, actor.orgName() + " " + actor.username()));
        return recipientOf(noticeId, actor).orElseThrow();
    }

    /** The notice if the actor may see it: oversight every notice, a unit only those addressed to it (404 otherwise). */
    @Transactional(readOnly = true)
    public IssuedNotice visible(long id, Actor actor) {
        if (!oversees(actor) && recipientOf(id, actor).isEmpty()) {
            throw new NotFound("notice " + id);
        }
        return require(id);
    }

    static boolean oversees(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
    }

    @Transactional(readOnly = true)
    public List<IssuedNotice> list(Actor actor) {
        if (oversees(actor)) {
            return jdbc.sql("select * from supervision_notice order by issued_at desc, id desc limit 500").query(this::map).list();
        }
        return jdbc.sql("select n.* from supervision_notice n join supervision_notice_recipient r on r.notice_id = n.id where r.org_id = :o "
                + "order by n.issued_at desc, n.id desc limit 500").param("o", actor.orgId()).query(this::map).list();
    }

    /** The list's states (issue 23 point 11): oversight — some unit has not yet confirmed / all have; a unit — its own. */
    public static final List<String> STATES = List.of("OPEN", "ACKNOWLEDGED");

    /**
     * One page of the notices the actor may see (oversight every notice, a unit those addressed to it), newest first: the
     * keyword in the kind, title or body; the unit among the recipients (oversight); the state as in {@link #STATES}.
     */
    @Transactional(readOnly = true)
    public cn.govcloud.guard.shared.Page<IssuedNotice> search(Actor actor, cn.govcloud.guard.shared.ListFilter filter) {
        cn.govcloud.guard.supervision.scheduling.ListSql sql = new cn.govcloud.guard.supervision.scheduling.ListSql()
                .keyword(filter, "n.kind", "n.title", "n.body");
        String from;
        if (oversees(actor)) {
            from = "supervision_notice n";
            if (filter.unit() != null) {
                sql.and("exists (select 1 from supervision_notice_recipient u where u.notice_id = n.id and u.org_id = :unit)", "unit", filter.unit());
            }
            if (filter.state() != null) {
                sql.and(("OPEN".equals(filter.state()) ? "" : "not ")
                        + "exists (select 1 from supervision_notice_recipient o where o.notice_id = n.id and o.acknowledged_at is null)");
            }
        } else {
            from = "supervision_notice n join supervision_notice_recipient r on r.notice_id = n.id";
            sql.and("r.org_id = :own", "own", actor.orgId());
            if (filter.unit() != null && filter.unit().longValue() != actor.orgId()) {
                sql.and("1 = 0"); // another unit's notices are never a unit's (A4)
            }
            if (filter.state() != null) {
                sql.and("r.acknowledged_at is " + ("OPEN".equals(filter.state()) ? "null" : "not null"));
            }
        }
        return sql.page(jdbc, "n.*", from, "n.issued_at desc, n.id desc", filter, this::map);
    }

    @Transactional(readOnly = true)
    public Optional<Recipient> recipientOf(long noticeId, Actor actor) {
        return jdbc.sql("select * from supervision_notice_recipient where notice_id = :n and org_id = :o").param("n", noticeId)
                .param("o", actor.orgId()).query(this::mapRecipient).optional();
    }

    public List<Recipient> recipients(long noticeId) {
        return jdbc.sql("select * from supervision_notice_recipient where notice_id = :n order by org_name, id").param("n", noticeId)
                .query(this::mapRecipient).list();
    }

    /** How far a notice got: units addressed, units that acknowledged, how many of them acknowledged it. */
    public record Progress(long units, long acknowledged) {
        public static final Progress NONE = new Progress(0, 0);
    }

    /** The progress of several notices in one grouped query (the list page), by notice id. */
    @Transactional(readOnly = true)
    public Map<Long, Progress> progress(java.util.Collection<Long> noticeIds) {
        Map<Long, Progress> progress = new java.util.HashMap<>();
        if (noticeIds.isEmpty()) {
            return progress;
        }
        jdbc.sql("select notice_id, count(*), count(acknowledged_at) from supervision_notice_recipient where notice_id in (:ids) group by notice_id")
                .param("ids", noticeIds).query(rs -> {
                    progress.put(rs.getLong(1), new Progress(rs.getLong(2), rs.getLong(3)));
                });
        return progress;
    }

    /** Which of these notices {@code orgId} has confirmed (one query for a page of them). */
    @Transactional(readOnly = true)
    public java.util.Set<Long> acknowledgedBy(java.util.Collection<Long> noticeIds, long orgId) {
        if (noticeIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select notice_id from supervision_notice_recipient where notice_id in (:ids) and org_id = :o "
                + "and acknowledged_at is not null").param("ids", noticeIds).param("o", orgId).query(Long.class).list());
    }

    /** Per unit: sent, delivered in-app and on each channel, acknowledged when and by whom (oversight only). */
    @Transactional(readOnly = true)
    public List<Tracking> tracking(long noticeId) {
        List<Recipient> recipients = recipients(noticeId);
        // two queries for the whole notice, not two per unit
        Map<String, List<DeliveryStatus>> deliveries = notifier.statusOfAll("supervision-notice:" + noticeId + ":").stream()
                .collect(Collectors.groupingBy(DeliveryStatus::noticeKey));
        Map<Long, Duty> acknowledgements = new java.util.HashMap<>();
        duties.find(recipients.stream().map(Recipient::dutyId).filter(java.util.Objects::nonNull).toList())
                .forEach(d -> acknowledgements.put(d.id(), d));
        return recipients.stream().map(r -> new Tracking(r, deliveries.getOrDefault(key(noticeId, r.orgId()), List.of()),
                r.dutyId() == null ? null : acknowledgements.get(r.dutyId()))).toList();
    }

    @Transactional(readOnly = true)
    public IssuedNotice require(long id) {
        return jdbc.sql("select * from supervision_notice where id = :id").param("id", id).query(this::map).optional()
                .orElseThrow(() -> new NotFound("notice " + id));
    }

    private IssuedNotice map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new IssuedNotice(rs.getLong("id"), rs.getString("kind"), rs.getString("title"), rs.getString("body"), Db.instant(rs, "issued_at"),
                rs.getString("issued_by"), rs.getString("issued_by_name"));
    }

    private Recipient mapRecipient(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Recipient(rs.getLong("id"), rs.getLong("notice_id"), rs.getLong("org_id"), rs.getString("org_name"),
                Db.instant(rs, "delivered_at"), Db.nullableLong(rs, "duty_id"), Db.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                rs.getString("acknowledged_by_name"), rs.getString("reply"));
    }
}

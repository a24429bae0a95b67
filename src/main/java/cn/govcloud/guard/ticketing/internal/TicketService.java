package cn.govcloud.guard.ticketing.internal;

import static cn.govcloud.guard.audit.OutboundEndpoints.instant;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.HazardNotified;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.Hazards.HazardSummary;
import cn.govcloud.guard.hazards.intake.Intake;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.ticketing.Desk;
import cn.govcloud.guard.ticketing.Ticket;
import cn.govcloud.guard.ticketing.Tickets;
import cn.govcloud.guard.ticketing.Tickets.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opening tickets (issue 21 point 5). A new hazard notice addressed to a unit with an enabled desk opens a ticket there in
 * the hazard's own transaction (the outbox row commits with the notice or not at all); 「开工单」 opens one in a desk the
 * person chooses. Either way the ticket waits in the outbox ({@code state = PENDING}) and {@link TicketSender} delivers
 * it on the scheduler's thread: nobody waits for a desk, and a desk that is down loses nothing.
 *
 * <p>Which desk may get which hazard: a unit's desk only its own unit's hazards (A4); the provider's desk any hazard the
 * provider or the supervisor sends it. A unit's people may open tickets only in their own unit's desks.
 */
@Service
class TicketService implements Tickets {
    static final JsonMapper JSON = JsonMapper.shared();

    /** The body POSTed to the desk. */
    record TicketMessage(String event, long ticket, String desk, String kind, String ref, Long hazardId, Long alertId, String title, String severity,
                         String system, String unit, String state, String notifiedAt, String dueDate, String link, String callback) {
    }

    private final JdbcClient jdbc;
    private final Hazards hazards;
    private final Intake intake;
    private final DeskService desks;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final TicketingSettings settings;
    private final Clock clock;

    TicketService(JdbcClient jdbc, Hazards hazards, Intake intake, DeskService desks, OrganisationDirectory organisations, AuditLog audit,
                  TicketingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.hazards = hazards;
        this.intake = intake;
        this.desks = desks;
        this.organisations = organisations;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** A10.2: the owning unit was notified; its enabled desks get a ticket, in the notice's own transaction. */
    @EventListener
    void onHazardNotified(HazardNotified event) {
        List<Desk> targets = desks.enabledOf(List.of(event.system().orgId()));
        if (targets.isEmpty()) {
            return;
        }
        HazardSummary h = hazards.summary(event.hazardId()).orElse(null);
        if (h == null) {
            return;
        }
        String by = Actor.current().map(Actor::username).orElse("system");
        for (Desk desk : targets) {
            insert(desk, subject(h), by).ifPresent(id -> audit.record(AuditEvent.success("ticketing.ticket.open", "hazard:" + h.id(),
                    "ticket " + id + " queued for desk \"" + desk.name() + "\" (automatic, new hazard notice)")));
        }
    }

    /** What a ticket is opened for, as the desk receives it. */
    private record Subject(Kind kind, long id, Long orgId, String title, String severity, String system, String unit, String state,
                           String notifiedAt, String dueDate, String path) {
        String ref() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<Ticket> of(Actor actor, Kind kind, long id) {
        visible(actor, kind, id);
        return jdbc.sql(SELECT + " where t.subject_kind = :kind and t.subject_id = :id order by t.id").param("kind", kind.name()).param("id", id)
                .query((rs, i) -> map(rs)).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Choice> choices(Actor actor, Kind kind, long id) {
        Subject s = visible(actor, kind, id);
        Set<Long> taken = new java.util.HashSet<>(jdbc.sql("select desk_id from ticket where subject_kind = :kind and subject_id = :id")
                .param("kind", kind.name()).param("id", id).query(Long.class).list());
        return eligible(actor, s).stream().filter(d -> !taken.contains(d.id()))
                .map(d -> new Choice(d.id(), d.name(), d.ownerName())).toList();
    }

    @Override
    @Transactional
    public Ticket open(Actor actor, Kind kind, long id, long deskId) {
        Subject s = visible(actor, kind, id);
        Desk desk = eligible(actor, s).stream().filter(d -> d.id() == deskId).findFirst().orElse(null);
        if (desk == null) {
            throw new InvalidInput("ticketing.error.invalid", Map.of("deskId", "ticketing.error.desk"));
        }
        Optional<Long> created = insert(desk, s, actor.username());
        long ticketId = created.orElseGet(() -> jdbc.sql("select id from ticket where desk_id = :desk and subject_kind = :kind and subject_id = :id")
                .param("desk", deskId).param("kind", kind.name()).param("id", id).query(Long.class).single());
        if (created.isPresent()) {
            audit.record(AuditEvent.success("ticketing.ticket.open", s.ref(), "ticket " + ticketId + " queued for desk \"" + desk.name() + "\""));
        }
        return find(ticketId).orElseThrow();
    }

    Optional<Ticket> find(long id) {
        return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query((rs, i) -> map(rs)).optional();
    }

    /** Who may open a ticket: the parties who act on hazards and alerts, not the regulators (who read). */
    private List<Desk> eligible(Actor actor, Subject s) {
        Set<Long> owners = new LinkedHashSet<>();
        if (actor.orgKind() == OrgKind.UNIT && (actor.has(Role.UNIT_SECURITY_OFFICER) || actor.has(Role.UNIT_STAFF))) {
            if (s.orgId() != null && actor.orgId() == s.orgId()) {
                owners.add(s.orgId());
            }
        } else if (actor.has(Role.SUPERVISOR) || actor.has(Role.PROVIDER_OPERATOR)) {
            if (s.orgId() != null) {
                owners.add(s.orgId());
            }
            organisations.ofKind(OrgKind.PROVIDER).forEach(o -> owners.add(o.id()));
        }
        return desks.enabledOf(owners);
    }

    private Subject visible(Actor actor, Kind kind, long id) {
        if (!(actor.isUnitUser() || actor.has(Role.SUPERVISOR) || actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.REGULATOR))) {
            throw new AccessDeniedException("hazards and alerts are the parties'");
        }
        if (kind == Kind.HAZARD) {
            return hazards.find(actor, id).map(TicketService::subject).orElseThrow(() -> new NotFound("hazard " + id));
        }
        return intake.alertOf(actor, id).map(a -> new Subject(Kind.ALERT, a.id(), a.orgId(), a.title(), a.severity(), a.systemName(), null,
                a.state(), a.firstAt() == null ? null : a.firstAt().toString(), null, "/intake/alerts/" + a.id()))
                .orElseThrow(() -> new NotFound("alert " + id));
    }

    private static Subject subject(HazardSummary h) {
        return new Subject(Kind.HAZARD, h.id(), h.orgId(), h.title(), h.severity().name(), h.systemName(), h.orgName(), h.state(),
                h.notifiedAt() == null ? null : h.notifiedAt().toString(), h.dueDate() == null ? null : h.dueDate().toString(), "/hazards/" + h.id());
    }

    /** Queues the ticket unless this desk already has one for it; its id when queued. */
    private Optional<Long> insert(Desk desk, Subject s, String by) {
        if (OrgKind.UNIT.name().equals(desk.ownerKind()) && (s.orgId() == null || desk.ownerOrgId() != s.orgId())) {
            return Optional.empty(); // A4: a unit's desk only ever receives its own unit's hazards and alerts
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int inserted = jdbc.sql("""
                        insert into ticket (desk_id, subject_kind, subject_id, org_id, title, payload, state, next_attempt_at, created_at, created_by, updated_at)
                        values (:desk, :kind, :id, :org, :title, '{}', 'PENDING', :now, :now, :by, :now) on conflict do nothing""")
                .param("desk", desk.id()).param("kind", s.kind().name()).param("id", s.id()).param("org", s.orgId() == null ? desk.ownerOrgId() : s.orgId())
                .param("title", cut(s.title(), 500)).param("now", now).param("by", by).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        long id = jdbc.sql("select id from ticket where desk_id = :desk and subject_kind = :kind and subject_id = :id")
                .param("desk", desk.id()).param("kind", s.kind().name()).param("id", s.id()).query(Long.class).single();
        String link = settings.baseUrl().isEmpty() ? null : settings.baseUrl() + s.path();
        String callback = settings.baseUrl() + desk.callbackPath();
        TicketMessage m = new TicketMessage("ticket.open", id, desk.name(), s.kind().name(), s.ref(), s.kind() == Kind.HAZARD ? s.id() : null,
                s.kind() == Kind.ALERT ? s.id() : null, s.title(), s.severity(), s.system(), s.unit(), s.state(), s.notifiedAt(), s.dueDate(), link, callback);
        jdbc.sql("update ticket set payload = :payload where id = :id").param("payload", cut(JSON.writeValueAsString(m), 8000)).param("id", id).update();
        return Optional.of(id);
    }

    static final String SELECT = "select t.*, d.name as desk_name from ticket t join ticket_desk d on d.id = t.desk_id";

    static Ticket map(ResultSet rs) throws SQLException {
        return new Ticket(rs.getLong("id"), rs.getLong("desk_id"), rs.getString("desk_name"), rs.getString("subject_kind"), rs.getLong("subject_id"),
                rs.getString("title"), rs.getString("state"), rs.getString("external_id"), rs.getString("external_state"), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"),
                instant(rs, "created_at"), rs.getString("created_by"));
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}

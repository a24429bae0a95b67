package cn.govcloud.guard.ticketing.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.audit.OutboundEndpoints;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.Hazards.HazardSummary;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.TimeConfiguration;
import cn.govcloud.guard.ticketing.Callback;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service desk's signed callback (issue 21 point 5). Authenticated by the signature alone: the desk must exist and be
 * enabled, {@code X-Govguard-Signature} must be the HMAC (SHA-256 or SM3) of {@code timestamp + "." + body} with the desk's
 * secret, and the timestamp within the replay window of the platform's clock. Idempotent: the event id is claimed in the
 * same transaction as the hazard's step, so the same event twice has one effect, and the second is answered with the
 * first answer. The step itself goes through the hazards module's public API as the owning unit (A10.2): only a unit's
 * own desk may acknowledge or report for it, and the hazard's loop refuses (409) what its state does not allow — then
 * nothing changes. Every callback, taken or refused, is audited with the desk as the actor.
 */
@Service
public class Callbacks {
    /** A refusal before anything is looked at: 401 (signature, timestamp, unknown desk). */
    public static final class Unauthenticated extends RuntimeException {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    /** What the controller answers: the result, and whether it repeats an earlier answer. */
    public record Outcome(Callback.Result result, boolean replayed) {
    }

    private static final Set<String> EVENTS = Set.of("acknowledged", "feedback", "status");

    private final JdbcClient jdbc;
    private final DeskService desks;
    private final Hazards hazards;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final TicketingSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ZoneId zone;

    Callbacks(JdbcClient jdbc, DeskService desks, Hazards hazards, OrganisationDirectory organisations, AuditLog audit, TicketingSettings settings,
              org.springframework.transaction.PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.desks = desks;
        this.hazards = hazards;
        this.organisations = organisations;
        this.audit = audit;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.zone = TimeConfiguration.CITY_ZONE;
    }

    public Outcome handle(long deskId, String timestamp, String signature, byte[] body) {
        String actorName = "ticket-desk:" + deskId;
        DeskService.Endpoint desk = desks.endpoint(deskId).filter(DeskService.Endpoint::enabled).orElse(null);
        try {
            if (desk == null) {
                throw new Unauthenticated("unknown or disabled service desk");
            }
            if (!Signatures.valid(desk.secret(), timestamp, body, signature)) {
                throw new Unauthenticated("bad or missing X-Govguard-Signature");
            }
            long ts;
            try {
                ts = Long.parseLong(timestamp.strip());
            } catch (NumberFormatException e) {
                throw new Unauthenticated("X-Govguard-Timestamp must be epoch seconds");
            }
            long now = clock.instant().getEpochSecond();
            if (Math.abs(now - ts) > settings.replayWindow().toSeconds()) {
                throw new Unauthenticated("stale X-Govguard-Timestamp: more than " + settings.replayWindow().toSeconds()
                        + " s from the platform's clock");
            }
            Callback.Event event = parse(body);
            Optional<Callback.Result> earlier = answered(deskId, event.eventId());
            if (earlier.isPresent()) {
                return new Outcome(earlier.get(), true);
            }
            Callback.Result result;
            try {
                result = asDesk(desk, () -> transactions.execute(tx -> apply(desk, event)));
            } catch (DuplicateKeyException e) {
                // the same event id arrived twice at once: the other one won; answer what it answered
                return new Outcome(answered(deskId, event.eventId()).orElseThrow(() -> e), true);
            }
            audit.record(AuditEvent.success("ticketing.callback." + event.event().toLowerCase(Locale.ROOT), result.subject(),
                    "event " + event.eventId() + " of desk \"" + desk.name() + "\" on ticket " + result.ticket() + " → "
                            + (result.hazardState() == null ? result.ticketState() : result.hazardState()))
                    .by(actorName, ownerName(desk)));
            return new Outcome(result, false);
        } catch (RuntimeException e) {
            AuditResult r = e instanceof Unauthenticated || e instanceof AccessDeniedException ? AuditResult.DENIED : AuditResult.FAILURE;
            audit.record(AuditEvent.of("ticketing.callback", "ticket-desk:" + deskId, r, "refused: " + TicketService.cut(String.valueOf(e.getMessage()), 300))
                    .by(actorName, desk == null ? null : ownerName(desk)));
            throw e;
        }
    }

    private Callback.Result apply(DeskService.Endpoint desk, Callback.Event e) {
        var ticket = ticketOf(desk, e);
        long ticketId = ticket.id();
        boolean alert = ticket.kind().equals("ALERT");
        long hazardId = ticket.subjectId();
        HazardSummary h = alert ? null : hazards.summary(hazardId).orElseThrow(() -> new NotFound("hazard " + hazardId));
        Instant now = clock.instant();
        // the event id is claimed first: a concurrent duplicate waits here on the unique key and then fails
        jdbc.sql("insert into ticket_callback (desk_id, event_id, event, ticket_id, received_at) values (:desk, :event, :kind, :ticket, :now)")
                .param("desk", desk.id()).param("event", e.eventId()).param("kind", e.event()).param("ticket", ticketId)
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        String ticketState = ticket.state();
        String kind = e.event();
        if (alert && !kind.equals("status")) {
            // an alert has no acknowledgement or feedback of its own: the supervisor or the provider raises a hazard from it (A10.1)
            throw new RuleViolation("A10.1", "ticketing.refused.alert");
        }
        if (!kind.equals("status")) {
            // A10.2: acknowledging and reporting are the owning unit's; only the unit's own desk speaks for it
            if (desk.ownerKind() != OrgKind.UNIT || desk.ownerOrgId() != h.orgId()) {
                throw new RuleViolation("A10.2", "ticketing.refused.notUnitDesk");
            }
        }
        switch (kind) {
            case "acknowledged" -> {
                hazards.acknowledgeHazard(hazardId, e.handler(), e.text());
                ticketState = "ACKNOWLEDGED";
            }
            case "feedback" -> {
                LocalDate completedOn = e.completedOn() != null ? e.completedOn() : now.atZone(zone).toLocalDate();
                String evidence = "服务台工单反馈 / service desk feedback\n服务台: " + desk.name() + "\n工单: " + ticketId
                        + (ticket.externalId() == null ? "" : " (" + ticket.externalId() + ")") + "\n事件: " + e.eventId()
                        + "\n收到: " + now + "\n\n" + (e.text() == null ? "" : e.text()) + (e.url() == null ? "" : "\n\n" + e.url()) + "\n";
                hazards.submitFeedback(hazardId, e.text(), e.residualRisk(), completedOn, "工单反馈-" + ticketId + ".txt",
                        new ByteArrayInputStream(evidence.getBytes(StandardCharsets.UTF_8)));
                ticketState = "FEEDBACK";
            }
            default -> {
                // status: the desk's own state of its ticket, recorded; the hazard does not move
            }
        }
        // a callback proves the desk has the ticket: a PENDING one (its answer was lost) counts as SENT
        jdbc.sql("update ticket set updated_at = :now, sent_at = coalesce(sent_at, :now), next_attempt_at = null"
                        + (kind.equals("status") ? ", state = case when state = 'PENDING' then 'SENT' else state end" : ", state = :state")
                        + (e.status() != null ? ", external_state = :status" : "")
                        + (e.externalId() != null ? ", external_id = coalesce(external_id, :external)" : "") + " where id = :id")
                .params(params(now, ticketState, e)).param("id", ticketId).update();
        HazardSummary after = alert ? null : hazards.summary(hazardId).orElseThrow();
        String finalState = jdbc.sql("select state from ticket where id = :id").param("id", ticketId).query(String.class).single();
        Callback.Result result = new Callback.Result(e.eventId(), kind, ticketId, ticket.kind().toLowerCase(Locale.ROOT) + ":" + ticket.subjectId(),
                alert ? null : hazardId, alert ? null : after.state(), finalState);
        jdbc.sql("update ticket_callback set answer = :answer where desk_id = :desk and event_id = :event")
                .param("answer", TicketService.JSON.writeValueAsString(result)).param("desk", desk.id()).param("event", e.eventId()).update();
        return result;
    }

    private static Map<String, Object> params(Instant now, String state, Callback.Event e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("now", now.atOffset(ZoneOffset.UTC));
        p.put("state", state);
        if (e.status() != null) {
            p.put("status", TicketService.cut(e.status(), 100));
        }
        if (e.externalId() != null) {
            p.put("external", TicketService.cut(e.externalId(), 200));
        }
        return p;
    }

    private record TicketRow(long id, String kind, long subjectId, String state, String externalId) {
    }

    /** The desk's own ticket named by the event (A4: a desk reaches only the tickets it was sent); 404 otherwise. */
    private TicketRow ticketOf(DeskService.Endpoint desk, Callback.Event e) {
        String where;
        Map<String, Object> p = new LinkedHashMap<>();
        if (e.ticket() != null) {
            where = "id = :v";
            p.put("v", e.ticket());
        } else if (e.externalId() != null) {
            where = "external_id = :v";
            p.put("v", e.externalId());
        } else {
            where = "subject_kind = 'HAZARD' and subject_id = :v"; // hazardId names a hazard's ticket
            p.put("v", e.hazardId());
        }
        return jdbc.sql("select id, subject_kind, subject_id, state, external_id from ticket where desk_id = :desk and " + where + " order by id")
                .params(p).param("desk", desk.id())
                .query((rs, i) -> new TicketRow(rs.getLong("id"), rs.getString("subject_kind"), rs.getLong("subject_id"), rs.getString("state"),
                        rs.getString("external_id")))
                .list().stream().findFirst().orElseThrow(() -> new NotFound("no ticket of this desk for that hazard"));
    }

    private Optional<Callback.Result> answered(long deskId, String eventId) {
        return jdbc.sql("select answer from ticket_callback where desk_id = :desk and event_id = :event and answer is not null")
                .param("desk", deskId).param("event", eventId).query(String.class).optional()
                .map(a -> TicketService.JSON.readValue(a, Callback.Result.class));
    }

    private Callback.Event parse(byte[] body) {
        Callback.Event e;
        try {
            e = TicketService.JSON.readValue(body, Callback.Event.class);
        } catch (RuntimeException ex) {
            throw new InvalidInput("ticketing.error.callback", Map.of("body", "ticketing.error.json"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (e == null || e.eventId() == null || e.eventId().isBlank() || e.eventId().length() > 200) {
            errors.put("eventId", "ticketing.error.eventId");
        }
        if (e == null || e.event() == null || !EVENTS.contains(e.event().strip().toLowerCase(Locale.ROOT))) {
            errors.put("event", "ticketing.error.event");
        }
        if (e != null && e.ticket() == null && (e.externalId() == null || e.externalId().isBlank()) && e.hazardId() == null) {
            errors.put("ticket", "ticketing.error.ticketRef");
        }
        if (e != null && e.url() != null && !e.url().isBlank()) {
            Map<String, String> urlErrors = new LinkedHashMap<>();
            DeskService.checkUrl(e.url().strip(), urlErrors);
            if (!urlErrors.isEmpty()) {
                errors.put("url", "ticketing.error.url");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("ticketing.error.callback", errors);
        }
        return new Callback.Event(e.eventId().strip(), e.event().strip().toLowerCase(Locale.ROOT), e.ticket(),
                OutboundEndpoints.strip(e.externalId()), e.hazardId(), e.handler(), e.text(), OutboundEndpoints.strip(e.url()), e.residualRisk(), e.completedOn(),
                OutboundEndpoints.strip(e.status()));
    }

    /** Runs the step as the desk, speaking for its owner (a unit's desk as that unit's security officer: A10.2 "as the unit would"). */
    private <T> T asDesk(DeskService.Endpoint desk, java.util.function.Supplier<T> work) {
        Actor actor = new Actor(0, "ticket-desk:" + desk.id(), desk.name(), desk.ownerOrgId(), ownerName(desk), desk.ownerKind(),
                desk.ownerKind() == OrgKind.UNIT ? Set.of(Role.UNIT_SECURITY_OFFICER) : Set.of(Role.PROVIDER_OPERATOR), Set.of(), true);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null,
                actor.roles().stream().map(r -> new org.springframework.security.core.authority.SimpleGrantedAuthority(r.authority())).toList()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private String ownerName(DeskService.Endpoint desk) {
        return organisations.byId(desk.ownerOrgId()).map(o -> o.name()).orElse(null);
    }
}

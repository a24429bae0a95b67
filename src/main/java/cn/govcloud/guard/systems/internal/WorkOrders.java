package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.systems.WorkOrderIssued;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work orders to the provider (issue 17 point 6, A11.2, A11.4): the supervisor decides a gate, the provider enforces it at the
 * firewalls it runs. Each decision that changes what a system may reach — admission, internet access or external exchange
 * switched on or off, suspension, resumption, exit order, exit — raises one work order in the decision's own transaction.
 * Its due time is the catalog's ({@code A11.2-work-order} / {@code A11.4-work-order}, one working day by default, changed by
 * an overlay), counted by the working-day calendar through the provider's duty it raises; the provider's confirmation of
 * execution (who, when, what was changed, optional evidence) fulfils that duty. While an order is open the switches it sets
 * show as "ordered, awaiting execution".
 */
@Service
public class WorkOrders {
    static final int MAX_TEXT = 2000;

    /** What a work order asks the provider to do; {@code event} is the catalog trigger of its duty. */
    public enum Kind {
        ADMISSION("A11.2"), INTERNET_ACCESS_ON("A11.2"), INTERNET_ACCESS_OFF("A11.2"), EXTERNAL_EXCHANGE_ON("A11.2"),
        EXTERNAL_EXCHANGE_OFF("A11.2"), SUSPENSION("A11.4"), RESUMPTION("A11.4"), EXIT_ORDER("A11.4"), EXIT("A11.4");

        private final String article;

        Kind(String article) {
            this.article = article;
        }

        public String article() {
            return article;
        }

        public String ruleId() {
            return article + "-work-order";
        }
    }

    /** OPEN until the provider confirms it; an open order past its due time reads OVERDUE. */
    public enum State { OPEN, OVERDUE, CONFIRMED }

    /**
     * One work order. {@code internetAccess} / {@code externalExchange}: the switch value it sets, null when it leaves
     * that switch alone.
     */
    public record WorkOrder(long id, long systemId, String systemName, long orgId, String orgName, Kind kind, String ruleId,
                            String change, Boolean internetAccess, Boolean externalExchange, String reason, Instant orderedAt,
                            String orderedBy, Long dutyId, LocalDate dueDate, Instant dueAt, boolean dueProvisional, State state,
                            String executedBy, Instant executedAt, String executionNote, Long evidenceDocumentId, Instant confirmedAt,
                            String confirmedBy) {
        public boolean open() {
            return state != State.CONFIRMED;
        }

        /** Confirmed at or after its due time (as a duty's late submission). */
        public boolean late() {
            return confirmedAt != null && !confirmedAt.isBefore(dueAt);
        }
    }

    /** The provider's confirmation; {@code executedAt} is when the change was made at the firewall. */
    public record Confirmation(String executedBy, Instant executedAt, String changes) {
    }

    /** List filters; null means any. */
    /** {@code q}: a keyword in the system's name, or the order's number (GD-12 or 12); issue 23 point 11. */
    public record Filter(Long systemId, Long orgId, State state, Kind kind, String q) {
        public Filter(Long systemId, Long orgId, State state, Kind kind) {
            this(systemId, orgId, state, kind, null);
        }

        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    private final JdbcClient jdbc;
    private final Duties duties;
    private final WorkingCalendar calendar;
    private final Documents documents;
    private final AuditLog audit;
    private final Clock clock;
    private final WorkOrderQueries queries;
    private final ApplicationEventPublisher events;

    WorkOrders(JdbcClient jdbc, Duties duties, WorkingCalendar calendar, Documents documents, AuditLog audit, Clock clock,
               WorkOrderQueries queries, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.duties = duties;
        this.calendar = calendar;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
        this.queries = queries;
    }

    // ---- raised by the decisions (Admission, Suspensions), in their transaction ---------------------------

    /**
     * Raises the work order of a decision and its provider duty; returns the order. Called inside the decision's
     * transaction, so a decision is never recorded without its order nor an order without its decision.
     */
    @Transactional
    public WorkOrder issue(Subject system, Kind kind, String change, Boolean internetAccess, Boolean externalExchange, String reason, Actor actor,
                    Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        // the catalog's default term until the duty is raised (the same count: one working day), replaced by the duty's below
        Deadline fallback = calendar.afterWorkingDays(at, 1);
        jdbc.sql("""
                        insert into systems_work_order (system_id, org_id, kind, rule_id, change_text, internet_access, external_exchange,
                          reason, ordered_at, ordered_by, due_date, due_at, due_provisional, state)
                        values (:s, :org, :kind, :rule, :change, :internet, :exchange, :reason, :at, :by, :day, :due, :provisional, 'OPEN')""")
                .param("s", system.id()).param("org", system.orgId()).param("kind", kind.name()).param("rule", kind.ruleId())
                .param("change", change).param("internet", internetAccess).param("exchange", externalExchange)
                .param("reason", reason).param("at", WorkOrderQueries.ts(at)).param("by", actor.username())
                .param("day", fallback.dueDate()).param("due", WorkOrderQueries.ts(fallback.dueAt()))
                .param("provisional", fallback.provisional())
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        // the provider's duty (A11.2-work-order / A11.4-work-order): its due time is the catalog's, and so the order's
        events.publishEvent(new WorkOrderIssued(id, system, kind.name(), kind.article(), at));
        Optional<Duty> duty = duties.raisedBy(reference(id)).stream().filter(d -> d.ruleId().equals(kind.ruleId())).findFirst();
        duty.ifPresent(d -> jdbc.sql("update systems_work_order set duty_id = :d, due_date = :day, due_at = :due, due_provisional = :p where id = :id")
                .param("d", d.id()).param("day", d.dueDate()).param("due", WorkOrderQueries.ts(d.dueAt())).param("p", d.dueProvisional())
                .param("id", id).update());
        insertTimeline(system.id(), "ORDERED:" + kind, kind.article(), change, actor.username(), at);
        audit.record(AuditEvent.success("systems.work-order.issue", "work-order:" + id, "system:" + system.id() + " " + kind + ": " + change));
        return queries.get(id);
    }

    /** A loaded holiday notice recomputed the duty's provisional due time: the order follows ("Working days"). */
    @org.springframework.context.event.EventListener
    void on(cn.govcloud.guard.duties.DutyDueRecomputed recomputed) {
        if (!recomputed.ruleId().endsWith("-work-order")) {
            return;
        }
        jdbc.sql("update systems_work_order set due_date = :day, due_at = :at, due_provisional = :p where duty_id = :d")
                .param("day", recomputed.dueDate()).param("at", WorkOrderQueries.ts(recomputed.dueAt())).param("p", recomputed.dueProvisional())
                .param("d", recomputed.dutyId()).update();
    }

    static String reference(long id) {
        return "work-order:" + id;
    }

    // ---- the provider confirms ---------------------------------------------------------------------

    /**
     * The provider confirms it executed the order (A11.2, A11.4): who executed it, when (not in the future, not before the
     * order) and what was changed, with an optional evidence file. A second confirmation is refused (409 naming the rule).
     * Fulfils the provider's duty, is recorded on the system's timeline and audited.
     */
    @Transactional
    public WorkOrder confirm(long id, Confirmation c, String filename, InputStream evidence) {
        Actor actor = Actor.require();
        if (!actor.has(Role.PROVIDER_OPERATOR)) {
            throw new AccessDeniedException("only the provider confirms the execution of a work order");
        }
        WorkOrder order = visible(id, actor);
        if (!order.open()) {
            throw new RuleViolation(order.kind().article(), "systems.workOrder.refused.confirmed");
        }
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        if (c == null || blank(c.executedBy()) || c.executedBy().strip().length() > 100) {
            errors.put("executedBy", "systems.workOrder.error.executedBy");
        }
        if (c == null || c.executedAt() == null || c.executedAt().isAfter(now) || c.executedAt().isBefore(order.orderedAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))) {
            // a person records the minute (the form's datetime-local): the minute of the order itself is not "before" it
            errors.put("executedAt", "systems.workOrder.error.executedAt");
        }
        if (c == null || blank(c.changes()) || c.changes().strip().length() > MAX_TEXT) {
            errors.put("changes", "systems.workOrder.error.changes");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("systems.workOrder.error.invalid", errors);
        }
        Long documentId = null;
        if (evidence != null) {
            StoredDocument doc = documents.store(actor.orgId(), blank(filename) ? "evidence" : filename, evidence);
            documentId = doc.id();
        }
        int changed = jdbc.sql("""
                        update systems_work_order set state = 'CONFIRMED', executed_by = :who, executed_at = :when, execution_note = :what,
                          evidence_document_id = :doc, confirmed_at = :now, confirmed_by = :by where id = :id and state = 'OPEN'""")
                .param("who", c.executedBy().strip()).param("when", WorkOrderQueries.ts(c.executedAt())).param("what", c.changes().strip())
                .param("doc", documentId).param("now", WorkOrderQueries.ts(now)).param("by", actor.username()).param("id", id).update();
        if (changed != 1) {
            throw new RuleViolation(order.kind().article(), "systems.workOrder.refused.confirmed");
        }
        duties.fulfil(reference(id), "工单已执行：" + c.executedBy().strip() + " " + c.changes().strip());
        insertTimeline(order.systemId(), "EXECUTED:" + order.kind(), order.kind().article(),
                c.executedBy().strip() + "：" + c.changes().strip(), actor.username(), now);
        audit.record(AuditEvent.success("systems.work-order.confirm", "work-order:" + id, "system:" + order.systemId() + " " + order.kind()
                + " executed by " + c.executedBy().strip() + " at " + c.executedAt() + (documentId == null ? "" : " evidence " + documentId)));
        return queries.get(id);
    }

    // ---- reading (scoped) ---------------------------------------------------------------------------

    /**
     * The order if the actor may see it: the provider (it is addressed to it), the supervisor and the regulators see every
     * order; a unit only its own systems' (A4). Anyone else, or an unknown id: 404.
     */
    public WorkOrder visible(long id, Actor actor) {
        WorkOrder order = queries.find(id).orElseThrow(() -> new NotFound("work order " + id));
        if (!seesAll(actor) && !(actor.isUnitUser() && order.orgId() == actor.orgId())) {
            throw new NotFound("work order " + id);
        }
        return order;
    }

    /** One page, newest first, keyset on id; {@code beforeId} is the previous page's last id. */
    public List<WorkOrder> page(Actor actor, Filter f, Long beforeId, int limit) {
        Long scopeOrg = seesAll(actor) ? null : actor.isUnitUser() ? actor.orgId() : -1L;
        return queries.page(scopeOrg, f, beforeId, limit);
    }

    /** A document attached to a visible order. */
    public StoredDocument evidence(long id, Actor actor) {
        WorkOrder order = visible(id, actor);
        if (order.evidenceDocumentId() == null) {
            throw new NotFound("evidence of work order " + id);
        }
        StoredDocument doc = documents.describe(order.evidenceDocumentId()).orElseThrow(() -> new NotFound("document"));
        audit.record(AuditEvent.success("systems.work-order.evidence.download", "work-order:" + id, "document " + doc.id()));
        return doc;
    }

    public byte[] evidenceContent(long documentId) {
        return documents.open(documentId);
    }

    static boolean seesAll(Actor actor) {
        return actor.orgKind() == OrgKind.PROVIDER || actor.orgKind() == OrgKind.SUPERVISOR || actor.orgKind() == OrgKind.REGULATOR;
    }

    private void insertTimeline(long systemId, String action, String rule, String reason, String by, Instant at) {
        jdbc.sql("""
                        insert into systems_transition (system_id, action, from_state, to_state, rule_id, reason, actor, occurred_at)
                        select id, :a, state, state, :r, :reason, :by, :at from systems_system where id = :s""")
                .param("s", systemId).param("a", action).param("r", rule).param("reason", reason).param("by", by)
                .param("at", WorkOrderQueries.ts(at)).update();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

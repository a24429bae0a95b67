package cn.govcloud.guard.hazards.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.internal.HazardState.Action;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.notify.Notice;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.shared.Unprocessable;
import cn.govcloud.guard.systems.Systems;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hazard notices and their closed loop (A10.1, A10.2). Every check is made here, not only at the
 * endpoint: the loop's steps are guarded by {@link HazardState}; the unit's own people acknowledge
 * and report; the warning department (the organisation that raised it: the supervisor or the
 * provider) verifies; only the supervisor approves an extension or a risk acceptance.
 *
 * <p>Who sees what (A4): a unit sees its own hazards; the supervisor and the regulators see all; the
 * provider sees the hazards it raised itself, because it is their warning department and must
 * verify the feedback (A10.2 "书面反馈至预警部门") — not the hazards the supervisor raised.
 */
@Service
public class HazardService implements Hazards {
    static final String ACK_RULE = "A10.2-hazard-acknowledgement";
    static final String RECTIFY_RULE = "A10.2-rectify";
    /** The same duty for a critical hazard, so a district can shorten it (issue 17 point 4). */
    static final String RECTIFY_CRITICAL_RULE = "A10.2-rectify-critical";
    /** Raised by the unit's feedback: the warner verifies on its own clock (A11.3 "跟踪督促整改落实"). */
    static final String RECTIFIED_EVENT = "hazard.rectified";
    /** Raised by a return: the catalog's rule restarts the unit's clock (A10.2-rectify-after-return). */
    static final String RETURNED_EVENT = "hazard.returned";
    public static final List<String> SOURCES = List.of("MANUAL", "ALERT", "FINDING", "INSPECTION", "DRILL", "RED_TEAM");
    private static final Set<Role> UNIT_PEOPLE = EnumSet.of(Role.UNIT_SECURITY_OFFICER, Role.UNIT_STAFF);

    private final JdbcClient jdbc;
    private final Systems systems;
    private final Duties duties;
    private final Documents documents;
    private final OrganisationDirectory organisations;
    private final HazardDelivery delivery;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;
    private final cn.govcloud.guard.rules.RuleCatalog catalog;
    private final org.springframework.beans.factory.ObjectProvider<cn.govcloud.guard.systems.SystemDataGrades> dataGrades;
    private final HazardRetests retests;
    private final HazardBackdating backdating;

    /** The rules whose duty is the unit's rectification clock from the notice (A10.2). */
    static boolean rectifyRule(String ruleId) {
        return RECTIFY_RULE.equals(ruleId) || RECTIFY_CRITICAL_RULE.equals(ruleId);
    }

    HazardService(JdbcClient jdbc, Systems systems, Duties duties, Documents documents, OrganisationDirectory organisations,
                  HazardDelivery delivery, AuditLog audit, MessageSource messages, Clock clock, cn.govcloud.guard.rules.RuleCatalog catalog,
                  org.springframework.beans.factory.ObjectProvider<cn.govcloud.guard.systems.SystemDataGrades> dataGrades,
                  HazardRetests retests, HazardBackdating backdating) {
        this.retests = retests;
        this.backdating = backdating;
        this.catalog = catalog;
        this.dataGrades = dataGrades;
        this.jdbc = jdbc;
        this.systems = systems;
        this.duties = duties;
        this.documents = documents;
        this.organisations = organisations;
        this.delivery = delivery;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- the records --------------------------------------------------------------------------

    /**
     * A hazard as the pages and the API show it. {@code dueAt} is the catalog's; {@code effectiveDueAt} moves with an approved
     * extension. {@code dueProvisional}: the effective due date was counted through a year whose holiday notice is not loaded.
     */
    public record HazardView(long id, long systemId, String systemName, long orgId, String orgName, long warnerOrgId, String warnerName,
                             String raisedBy, String raisedByName, String title, String description, Severity severity, String source,
                             String sourceRef, HazardState state, Instant notifiedAt, LocalDate dueDate, Instant dueAt,
                             LocalDate effectiveDueDate, Instant effectiveDueAt, boolean dueProvisional, Instant ackDueAt, Long ackDutyId, Long rectifyDutyId,
                             Instant acknowledgedAt, String acknowledgedBy, String handlerName, String firstMeasures, Instant overdueAt,
                             Instant closedAt, String closedBy, Instant feedbackAt, Long followupDutyId, Instant followupDueAt,
                             Long returnDutyId) {
        /**
         * The unit's clock has stopped (A10.2): its written feedback is with the warner, whose verification
         * runs on its own clock ({@code followupDueAt}); nothing the warner takes counts against the unit.
         */
        public boolean awaitingVerification() {
            return state == HazardState.FEEDBACK_SUBMITTED;
        }

        /** Overdue now or once: it stands on the unit's record even after it is closed. */
        public boolean overdue() {
            return overdueAt != null;
        }

        public boolean open() {
            return closedAt == null;
        }

        public boolean closedLate() {
            return closedAt != null && overdueAt != null;
        }

        public boolean extended() {
            return !effectiveDueAt.equals(dueAt);
        }
    }

    public record Event(long id, String kind, Instant at, String byUser, String byName, String text, Long feedbackId, Long requestId) {
    }

    public record Attachment(long documentId, String filename) {
    }

    public record Feedback(long id, Instant submittedAt, String submittedBy, String submittedName, String measures, String residualRisk,
                           LocalDate completedOn, boolean late, String verdict, Instant decidedAt, String decidedBy, String reason,
                           List<Attachment> documents) {
    }

    public record Request(long id, String kind, Instant requestedAt, String requestedBy, String reason, LocalDate proposedDueDate,
                          String decision, Instant decidedAt, String decidedBy, String decisionReason, Instant oldDueAt, Instant newDueAt) {
        public boolean pending() {
            return decision == null;
        }
    }

    /** A file the unit attaches to its feedback. */
    public record Upload(String filename, InputStream content) {
    }

    /**
     * The list's filters; null means any. {@code open}: true = not yet closed, false = closed or risk-accepted;
     * {@code age}: days since notified (the dashboard's buckets); {@code year}: notified in that year (Asia/Shanghai).
     */
    public record Filter(HazardState state, Severity severity, Long orgId, Boolean overdue, Boolean open,
                         cn.govcloud.guard.hazards.HazardFigures.Age age, Integer year) {
        public Filter(HazardState state, Severity severity, Long orgId, Boolean overdue) {
            this(state, severity, orgId, overdue, null, null, null);
        }

        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    public record Page(List<HazardView> items, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** Per unit: open, overdue (open and past due), closed on time and late; rate = closed on time ÷ due. */
    public record UnitFigures(long orgId, String orgName, long open, long overdue, long closedOnTime, long closedLate, long due) {
        /** Closed on time ÷ every hazard that has fallen due (closed, or open past its due time); null when none has. */
        public Double rate() {
            return due == 0 ? null : (double) closedOnTime / due;
        }

        public String ratePercent() {
            Double r = rate();
            return r == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", r * 100);
        }
    }

    // ---- raising (A10.1, A10.2) -----------------------------------------------------------------

    @Override
    @Transactional
    public Raised raise(NewHazard h) {
        return raised(raiseAndShow(h));
    }

    /**
     * Raises a notice as the signed-in supervisor or provider (the warning department), starts the
     * catalog's clocks (A10.2-hazard-acknowledgement and A10.2-rectify, from {@code hazard.notified})
     * and tells the owning unit and the supervisor at once (A10.1). Everything or nothing.
     */
    @Transactional
    public HazardView raiseAndShow(NewHazard h) {
        Actor actor = Actor.require();
        if (!mayWarn(actor)) {
            throw new AccessDeniedException("only a warning department notifies hazards (A10.2)");
        }
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        if (h.systemId() <= 0) {
            errors.put("systemId", "hazards.error.systemId");
        }
        if (blank(h.title()) || h.title().strip().length() > 200) {
            errors.put("title", "hazards.error.title");
        }
        if (h.severity() == null) {
            errors.put("severity", "hazards.error.severity");
        }
        if (h.description() != null && h.description().length() > 4000) {
            errors.put("description", "hazards.error.description");
        }
        String source = blank(h.source()) ? "MANUAL" : h.source().strip().toUpperCase(java.util.Locale.ROOT);
        if (!SOURCES.contains(source)) {
            errors.put("source", "hazards.error.source");
        }
        if (h.sourceRef() != null && h.sourceRef().length() > 200) {
            errors.put("sourceRef", "hazards.error.sourceRef");
        }
        Instant notifiedAt = h.notifiedAt() == null ? now : h.notifiedAt();
        if (notifiedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.put("notifiedAt", "hazards.error.notifiedAtFuture");
        }
        // A15 and issue 17 point 13: nothing is due under the Measures before they took effect (the duty generator's rule too)
        if (notifiedAt.isBefore(catalog.version().validFrom().atStartOfDay(WorkingCalendar.ZONE).toInstant())) {
            errors.put("notifiedAt", "hazards.error.notifiedAtBeforeMeasures");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        Systems.SystemRef system = systems.find(h.systemId()).orElseThrow(() -> new NotFound("system " + h.systemId()));
        if (actor.orgKind() == OrgKind.UNIT && system.orgId() != actor.orgId()) {
            throw new NotFound("system " + h.systemId()); // a unit records findings on its own systems only (A4)
        }
        if ("EXITED".equals(system.state())) {
            throw new Unprocessable("hazards.error.systemExited");
        }
        // issue 17 point 3: a notice dated before the record (a paper notice recorded after the fact) keeps its stated date,
        // but the clock runs from the record until the notice document is attached and the supervisor confirms the date
        boolean backdated = HazardBackdating.backdated(notifiedAt, now);
        Instant stated = notifiedAt;
        if (backdated) {
            notifiedAt = now;
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        // the due columns are filled from the duties right below, in the same transaction
        jdbc.sql("insert into hazards_hazard (system_id, system_name, org_id, warner_org_id, raised_by, raised_by_name, title, description, "
                        + "severity, source, source_ref, status, notified_at, due_date, due_at, effective_due_date, effective_due_at, created_at) "
                        + "values (:system, :systemName, :org, :warner, :by, :byName, :title, :description, :severity, :source, :ref, 'NOTIFIED', "
                        + ":notified, :day, :notified, :day, :notified, :now)")
                .param("system", system.id()).param("systemName", system.name()).param("org", system.orgId())
                .param("warner", actor.orgId()).param("by", actor.username()).param("byName", actor.displayName())
                .param("title", h.title().strip()).param("description", blank(h.description()) ? null : h.description().strip())
                .param("severity", h.severity().name()).param("source", source).param("ref", blank(h.sourceRef()) ? null : h.sourceRef().strip())
                .param("notified", ts(notifiedAt)).param("day", notifiedAt.atZone(WorkingCalendar.ZONE).toLocalDate()).param("now", ts(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        if (backdated) {
            backdating.record(id, stated);
        }

        // A10.2: the catalog decides the clocks; the rectification's due date is the notice's due date
        Subject subject = new Subject(SubjectKind.SYSTEM, system.id(), system.name(), system.orgId(), Map.of("mlpsLevel", system.mlpsLevel()));
        // issue 17 point 4: the catalog's conditions may test the hazard's severity and the system's level, data grade and 关基 flag
        Map<String, Object> facts = new HashMap<>();
        facts.put("severity", h.severity().name());
        facts.put("cii", systems.criticalInfrastructure(system.id()));
        facts.put("dataGrade", dataGrades.getIfAvailable() == null ? "general" : dataGrades.getIfAvailable().gradeOf(system.id()));
        List<Duty> raised = duties.raise(new DutyTrigger("hazard.notified", subject, notifiedAt, reference(id), facts));
        Duty rectify = raised.stream().filter(d -> rectifyRule(d.ruleId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalog has no rule " + RECTIFY_RULE + " for hazard.notified"));
        Optional<Duty> ack = raised.stream().filter(d -> d.ruleId().equals(ACK_RULE)).findFirst();
        jdbc.sql("update hazards_hazard set due_date = :day, due_at = :at, effective_due_date = :day, effective_due_at = :at, "
                        + "due_provisional = :provisional, rectify_duty_id = :rectify, ack_duty_id = :ack, ack_due_at = :ackAt where id = :id")
                .param("day", rectify.dueDate()).param("at", ts(rectify.dueAt())).param("provisional", rectify.dueProvisional())
                .param("rectify", rectify.id())
                .param("ack", ack.map(Duty::id).orElse(null)).param("ackAt", ack.map(d -> ts(d.dueAt())).orElse(null)).param("id", id).update();
        // A11.3-hazard-notice (及时通知通报): the hazard is found as it is recorded, and the notice that goes out below fulfils it
        duties.raise(new DutyTrigger("hazard.found", subject, now, reference(id) + ":found", Map.of("severity", h.severity().name())));
        duties.fulfil(reference(id) + ":found", "隐患通知已送达系统所属单位（YH-" + id + "）");
        event(id, "NOTIFIED", actor, now, h.title().strip(), null, null);
        audit.record(AuditEvent.success("hazards.raise", reference(id), system.name() + " " + h.severity() + " " + source + " "
                + h.title().strip() + " due " + rectify.dueDate() + (backdated ? " backdated to " + stated + ", awaiting the notice and the supervisor" : "")));
        HazardView v = load(id).orElseThrow();
        // A10.1: the owning unit and the supervisor are told at once (and the provider when it is not the warner, it has nothing to do)
        List<String> args = List.of(v.systemName(), v.title(), v.severity().name(), v.dueDate().toString());
        tellUnit(v, "notified", "hazards.notice.notified", args, Notice.Severity.CRITICAL, now);
        tellSupervisors(v, "notified", "hazards.notice.notified", args, Notice.Severity.WARNING, now);
        if (backdated) {
            tellSupervisors(v, "backdated", "hazards.notice.backdated", List.of(v.systemName(), v.title(), stated.toString()),
                    Notice.Severity.WARNING, now);
        }
        return v;
    }

    // ---- a notice recorded after the fact (issue 17 point 3) -----------------------------------

    /** The backdating of a hazard, if it was recorded after the fact; the caller has checked visibility. */
    public Optional<HazardBackdating.Backdating> backdating(long id) {
        return backdating.of(id);
    }

    /** Records a hazard and, when its notice is dated before the record, attaches the paper notice in the same transaction. */
    @Transactional
    public HazardView raiseWithNotice(NewHazard h, String filename, InputStream content) {
        HazardView v = raiseAndShow(h);
        if (filename != null && !filename.isBlank() && backdating.of(v.id()).isPresent()) {
            attachNotice(v.id(), filename, content);
        }
        return v;
    }

    @Override
    @Transactional
    public boolean attachNoticeDocument(long id, String filename, InputStream content) {
        if (backdating.of(id).filter(HazardBackdating.Backdating::pending).isEmpty()) {
            return false;
        }
        attachNotice(id, filename, content);
        return true;
    }

    @Override
    @Transactional
    public boolean confirmNoticeDate(long id) {
        if (backdating.of(id).filter(b -> b.pending() && b.documentId() != null).isEmpty()) {
            return false;
        }
        decideBackdating(id, true, null);
        return true;
    }

    /** The warner attaches the paper notice of a backdated hazard (A10.2, issue 17 point 3). Audited. */
    @Transactional
    public HazardBackdating.Backdating attachNotice(long id, String filename, InputStream content) {
        Actor actor = Actor.require();
        HazardView h = forWarner(id, actor);
        StoredDocument stored = backdating.attach(h, filename, content);
        audit.record(AuditEvent.success("hazards.backdating.document", reference(id), "notice document " + stored.id() + " " + stored.filename()));
        return backdating.of(id).orElseThrow();
    }

    /**
     * The supervisor confirms (the clock moves to the notice's own date) or rejects (it stays at the record) the
     * backdating of a hazard recorded after the fact (A11.3, issue 17 point 3). Audited, on the timeline.
     */
    @Transactional
    public HazardBackdating.Backdating decideBackdating(long id, boolean confirm, String reason) {
        Actor actor = Actor.require();
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("the supervisor confirms a backdated notice (issue 17 point 3)");
        }
        HazardView h = visible(id, actor);
        lock(id);
        Instant now = clock.instant();
        HazardBackdating.Backdating b = backdating.decide(h, actor, confirm, reason, now);
        if (confirm && h.open()) {
            markOverdue(id, now);
        }
        event(id, confirm ? "BACKDATING_CONFIRMED" : "BACKDATING_REJECTED", actor, now,
                b.statedNotifiedAt() + (b.reason() == null ? "" : "：" + b.reason()), null, null);
        audit.record(AuditEvent.success("hazards.backdating." + (confirm ? "confirm" : "reject"), reference(id),
                "stated " + b.statedNotifiedAt() + (b.reason() == null ? "" : " " + b.reason())));
        HazardView after = load(id).orElseThrow();
        tellUnit(after, "backdating:" + b.status(), "hazards.notice.backdating." + b.status(),
                List.of(after.systemName(), after.title(), after.effectiveDueDate().toString()), Notice.Severity.INFO, now);
        return b;
    }

    // ---- the loop (A10.2) ---------------------------------------------------------------------

    /** A named person of the unit acknowledges and states the first measures (A10.1, A10.2 "立即启动响应"). */
    @Transactional
    public HazardView acknowledge(long id, String handlerName, String firstMeasures) {
        Actor actor = Actor.require();
        HazardView h = forUnit(id, actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(handlerName) || handlerName.strip().length() > 100) {
            errors.put("handlerName", "hazards.error.handlerName");
        }
        if (blank(firstMeasures) || firstMeasures.strip().length() > 4000) {
            errors.put("firstMeasures", "hazards.error.firstMeasures");
        }
        guard(h, Action.ACKNOWLEDGE);
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        Instant now = clock.instant();
        move(h, Action.ACKNOWLEDGE, ", acknowledged_at = :now, acknowledged_by = :by, handler_name = :handler, first_measures = :measures",
                Map.of("now", ts(now), "by", actor.username(), "handler", handlerName.strip(), "measures", firstMeasures.strip()));
        // the acknowledgement is the evidence of the unit's A10.2-hazard-acknowledgement duty (handler + first measures)
        if (h.ackDutyId() != null) {
            duties.find(h.ackDutyId()).filter(d -> d.state().awaitsSubmission()).ifPresent(d -> duties.submit(d.id(),
                    Map.of("handler", handlerName.strip(), "firstMeasures", firstMeasures.strip())));
        }
        event(id, "ACKNOWLEDGED", actor, now, handlerName.strip() + "：" + firstMeasures.strip(), null, null);
        audit.record(AuditEvent.success("hazards.acknowledge", reference(id), "handler " + handlerName.strip()
                + (now.isAfter(h.ackDueAt() == null ? now : h.ackDueAt()) ? " late" : "")));
        tellWarner(h, "acknowledged", "hazards.notice.acknowledged", List.of(h.systemName(), h.title(), handlerName.strip()),
                Notice.Severity.INFO, now);
        return load(id).orElseThrow();
    }

    /** Optional step: the unit marks the work started. */
    @Transactional
    public HazardView start(long id) {
        Actor actor = Actor.require();
        HazardView h = forUnit(id, actor);
        guard(h, Action.START);
        Instant now = clock.instant();
        move(h, Action.START);
        event(id, "STARTED", actor, now, null, null, null);
        audit.record(AuditEvent.success("hazards.start", reference(id), h.title()));
        return load(id).orElseThrow();
    }

    /**
     * 整改报告 (A10.2): what was done, when, the residual risk and at least one evidence document, in
     * writing to the warning department, copied to the supervisor. Late feedback is accepted and marked late.
     */
    @Transactional
    public HazardView feedback(long id, String measures, String residualRisk, LocalDate completedOn, List<Upload> uploads) {
        Actor actor = Actor.require();
        HazardView h = forUnit(id, actor);
        guard(h, Action.FEEDBACK);
        Instant now = clock.instant();
        LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(measures) || measures.strip().length() > 4000) {
            errors.put("measures", "hazards.error.measures");
        }
        if (residualRisk != null && residualRisk.length() > 4000) {
            errors.put("residualRisk", "hazards.error.residualRisk");
        }
        if (completedOn == null || completedOn.isAfter(today) || completedOn.isBefore(h.notifiedAt().atZone(WorkingCalendar.ZONE).toLocalDate())) {
            errors.put("completedOn", "hazards.error.completedOn");
        }
        List<Upload> files = uploads == null ? List.of() : uploads.stream().filter(u -> u != null && !blank(u.filename())).toList();
        if (files.isEmpty()) {
            errors.put("documents", "hazards.error.documents");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        // the unit's clock stops here (A10.2): overdue is decided now, before the state leaves the running ones
        markOverdue(id, now);
        move(h, Action.FEEDBACK, ", feedback_at = :now", Map.of("now", ts(now)));
        boolean late = !now.isBefore(h.effectiveDueAt());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into hazards_feedback (hazard_id, submitted_at, submitted_by, submitted_name, measures, residual_risk, completed_on, late) "
                        + "values (:hazard, :now, :by, :name, :measures, :risk, :completed, :late)")
                .param("hazard", id).param("now", ts(now)).param("by", actor.username()).param("name", actor.displayName())
                .param("measures", measures.strip()).param("risk", blank(residualRisk) ? null : residualRisk.strip())
                .param("completed", completedOn).param("late", late).update(key, "id");
        long feedbackId = key.getKey().longValue();
        for (Upload upload : files) {
            // refused files throw InvalidInput here and the whole feedback rolls back
            StoredDocument stored = documents.store(h.orgId(), upload.filename(), upload.content());
            jdbc.sql("insert into hazards_feedback_document (feedback_id, document_id, filename) values (:f, :d, :name)")
                    .param("f", feedbackId).param("d", stored.id()).param("name", stored.filename()).update();
        }
        event(id, "FEEDBACK", actor, now, measures.strip(), feedbackId, null);
        // the feedback fulfils the unit's duty of the running clock (A10.2-rectify, or the one a return raised) ...
        duties.fulfil(clockReference(h), "书面整改反馈已提交（整改报告 " + feedbackId + (late ? "，逾期" : "，按时") + "）");
        // ... and starts the warner's verification on its own clock (A11.3-rectification-follow-up)
        Duty followup = duties.raise(new DutyTrigger(RECTIFIED_EVENT, subject(h), now, reference(id) + ":feedback:" + feedbackId,
                Map.of("warnerKind", warnerKind(h), "severity", h.severity().name()), h.warnerOrgId())).stream().findFirst().orElse(null);
        jdbc.sql("update hazards_hazard set followup_duty_id = :duty, followup_due_at = :at where id = :id")
                .param("duty", followup == null ? null : followup.id()).param("at", followup == null ? null : ts(followup.dueAt()))
                .param("id", id).update();
        audit.record(AuditEvent.success("hazards.feedback", reference(id), "feedback " + feedbackId + (late ? " late" : "")
                + " documents=" + files.size()));
        List<String> args = List.of(h.systemName(), h.title(), h.orgName());
        tellWarner(h, "feedback:" + feedbackId, "hazards.notice.feedback", args, Notice.Severity.INFO, now);
        tellSupervisors(h, "feedback:" + feedbackId, "hazards.notice.feedbackCopy", args, Notice.Severity.INFO, now);
        return load(id).orElseThrow();
    }

    /** The warner verifies and closes; the catalog's duties are fulfilled (A10.2). */
    @Transactional
    public HazardView close(long id, String note) {
        Actor actor = Actor.require();
        HazardView h = forWarner(id, actor);
        guard(h, Action.CLOSE);
        // issue 17 point 4: when the catalog asks a re-test (复测), closing waits for a passed one of the current feedback
        retests.checkBeforeClose(h, warnerKind(h));
        Instant now = clock.instant();
        markOverdue(id, now);
        move(h, Action.CLOSE, ", closed_at = :now, closed_by = :by", Map.of("now", ts(now), "by", actor.username()));
        String text = blank(note) ? null : note.strip();
        decideFeedback(id, "CLOSED", now, actor, text);
        duties.fulfil(reference(id), "隐患已闭环：" + h.title() + (text == null ? "" : "（" + text + "）"));
        fulfilFollowUp(h, "核查确认整改到位" + (text == null ? "" : "：" + text));
        event(id, "CLOSED", actor, now, text, null, null);
        HazardView closed = load(id).orElseThrow();
        audit.record(AuditEvent.success("hazards.close", reference(id), h.title() + (closed.closedLate() ? " late" : " on time")));
        tellUnit(closed, "closed", "hazards.notice.closed", List.of(h.systemName(), h.title()), Notice.Severity.INFO, now);
        return closed;
    }

    /**
     * The warner records a re-test (复测) of the unit's feedback — who tested, when, the result (A10.2, issue 17 point 4).
     * Allowed whenever the feedback awaits verification; asked before closing when the catalog says so.
     */
    @Transactional
    public HazardRetests.Retest retest(long id, String testedBy, Instant testedAt, String result, String note) {
        Actor actor = Actor.require();
        HazardView h = forWarner(id, actor);
        guard(h, Action.CLOSE);
        HazardRetests.Retest r = retests.record(h, actor, testedBy, testedAt, result, note);
        event(id, "RETESTED", actor, clock.instant(), r.testedBy() + " " + r.testedAt() + " " + r.result()
                + (r.note() == null ? "" : "：" + r.note()), r.feedbackId(), null);
        audit.record(AuditEvent.success("hazards.retest", reference(id), "retest " + r.id() + " by " + r.testedBy() + " at " + r.testedAt()
                + " " + r.result()));
        return r;
    }

    /** The re-tests recorded for a hazard, newest first; the caller has checked visibility. */
    public List<HazardRetests.Retest> retests(long id) {
        return retests.all(id);
    }

    /** Whether closing this hazard waits for a passed re-test (the catalog's A10.2-retest-required). */
    public boolean retestRequired(HazardView h) {
        return retests.required(h, warnerKind(h));
    }

    /** The warner returns the feedback with a reason; the due date does not move (A10.2). */
    @Transactional
    public HazardView returnFeedback(long id, String reason) {
        Actor actor = Actor.require();
        HazardView h = forWarner(id, actor);
        guard(h, Action.RETURN);
        if (blank(reason) || reason.strip().length() < 4 || reason.strip().length() > 4000) {
            throw new InvalidInput("hazards.error.invalid", Map.of("reason", "hazards.error.reason"));
        }
        Instant now = clock.instant();
        move(h, Action.RETURN);
        decideFeedback(id, "RETURNED", now, actor, reason.strip());
        fulfilFollowUp(h, "核查未通过，已退回：" + reason.strip());
        restartUnitClock(h, now);
        event(id, "RETURNED", actor, now, reason.strip(), null, null);
        audit.record(AuditEvent.success("hazards.return", reference(id), reason.strip()));
        tellUnit(h, "returned:" + now.toEpochMilli(), "hazards.notice.returned", List.of(h.systemName(), h.title(), reason.strip()),
                Notice.Severity.WARNING, now);
        return load(id).orElseThrow();
    }

    /** The unit asks for more time, with a reason and the date it proposes; the supervisor decides. */
    @Transactional
    public Request requestExtension(long id, LocalDate proposedDueDate, String reason) {
        Actor actor = Actor.require();
        HazardView h = forUnit(id, actor);
        guard(h, Action.REQUEST_EXTENSION);
        Map<String, String> errors = new LinkedHashMap<>();
        if (proposedDueDate == null || !proposedDueDate.isAfter(h.effectiveDueDate()) || proposedDueDate.isAfter(h.effectiveDueDate().plusDays(90))) {
            errors.put("proposedDueDate", "hazards.error.proposedDueDate");
        }
        requireReason(reason, errors);
        return request(h, actor, "EXTENSION", proposedDueDate, reason, errors);
    }

    /** The unit asks that the residual risk be accepted instead of fixed; the supervisor decides. */
    @Transactional
    public Request requestRiskAcceptance(long id, String reason) {
        Actor actor = Actor.require();
        HazardView h = forUnit(id, actor);
        guard(h, Action.REQUEST_RISK_ACCEPTANCE);
        Map<String, String> errors = new LinkedHashMap<>();
        requireReason(reason, errors);
        return request(h, actor, "RISK_ACCEPTANCE", null, reason, errors);
    }

    private Request request(HazardView h, Actor actor, String kind, LocalDate proposed, String reason, Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        lock(h.id());
        if (requests(h.id()).stream().anyMatch(Request::pending)) {
            throw new RuleViolation("A10.2", "hazards.refused.requestPending");
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into hazards_request (hazard_id, kind, requested_at, requested_by, reason, proposed_due_date) "
                        + "values (:h, :kind, :now, :by, :reason, :proposed)")
                .param("h", h.id()).param("kind", kind).param("now", ts(now)).param("by", actor.username()).param("reason", reason.strip())
                .param("proposed", proposed).update(key, "id");
        long requestId = key.getKey().longValue();
        event(h.id(), kind.equals("EXTENSION") ? "EXTENSION_REQUESTED" : "RISK_ACCEPTANCE_REQUESTED", actor, now,
                reason.strip() + (proposed == null ? "" : " → " + proposed), null, requestId);
        audit.record(AuditEvent.success("hazards.request", reference(h.id()), kind + " " + reason.strip() + (proposed == null ? "" : " " + proposed)));
        tellSupervisors(h, "request:" + requestId, "hazards.notice.request", List.of(h.systemName(), h.title(), reason.strip()),
                Notice.Severity.WARNING, now);
        return requests(h.id()).stream().filter(r -> r.id() == requestId).findFirst().orElseThrow();
    }

    /**
     * The supervisor approves or rejects a request, always with a reason (A10.2). An approved
     * extension moves the hazard's due time (the catalog's original stays on record); an approved
     * risk acceptance ends the loop and fulfils the duties.
     */
    @Transactional
    public HazardView decide(long id, long requestId, boolean approve, String reason) {
        Actor actor = Actor.require();
        HazardView h = visible(id, actor);
        if (!(actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR))) {
            throw new AccessDeniedException("only the supervisor approves extensions and risk acceptance (A10.2)");
        }
        Request request = requests(id).stream().filter(r -> r.id() == requestId).findFirst()
                .orElseThrow(() -> new NotFound("request " + requestId));
        Map<String, String> errors = new LinkedHashMap<>();
        requireReason(reason, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        lock(id);
        h = load(id).orElseThrow();
        if (!request.pending()) {
            throw new RuleViolation("A10.2", "hazards.refused.requestDecided");
        }
        if (h.state().closed()) {
            throw refused(h, approve && request.kind().equals("RISK_ACCEPTANCE") ? Action.APPROVE_RISK_ACCEPTANCE : Action.REQUEST_EXTENSION);
        }
        Instant now = clock.instant();
        markOverdue(id, now);
        Instant newDueAt = null;
        String eventKind;
        if (request.kind().equals("EXTENSION")) {
            eventKind = approve ? "EXTENSION_APPROVED" : "EXTENSION_REJECTED";
            if (approve) {
                newDueAt = request.proposedDueDate().plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
                // a date the supervisor chose is exact, whatever the catalog's was
                jdbc.sql("update hazards_hazard set effective_due_date = :day, effective_due_at = :at, due_provisional = false where id = :id")
                        .param("day", request.proposedDueDate()).param("at", ts(newDueAt)).param("id", id).update();
                // the rectification duty follows, so the engine does not chase the unit for the old date
                Long clockDutyId = h.returnDutyId() != null ? h.returnDutyId() : h.rectifyDutyId();
                Duty clockDuty = clockDutyId == null ? null : duties.find(clockDutyId).orElse(null);
                duties.extend(clockDuty == null ? reference(id) : clockDuty.reference(), clockDuty == null ? RECTIFY_RULE : clockDuty.ruleId(),
                        request.proposedDueDate(), reason.strip());
            }
        } else {
            eventKind = approve ? "RISK_ACCEPTED" : "RISK_ACCEPTANCE_REJECTED";
            if (approve) {
                guard(h, Action.APPROVE_RISK_ACCEPTANCE);
                move(h, Action.APPROVE_RISK_ACCEPTANCE, ", closed_at = :now, closed_by = :by", Map.of("now", ts(now), "by", actor.username()));
                duties.fulfil(reference(id), "风险接受（市大数据中心批准）：" + reason.strip());
                if (h.awaitingVerification()) {
                    fulfilFollowUp(h, "风险接受（市大数据中心批准）：" + reason.strip());
                }
                if (h.returnDutyId() != null) {
                    duties.fulfil(clockReference(h), "风险接受（市大数据中心批准）：" + reason.strip());
                }
            }
        }
        jdbc.sql("update hazards_request set decision = :d, decided_at = :now, decided_by = :by, decision_reason = :reason, "
                        + "old_due_at = :old, new_due_at = :new where id = :id")
                .param("d", approve ? "APPROVED" : "REJECTED").param("now", ts(now)).param("by", actor.username())
                .param("reason", reason.strip()).param("old", ts(h.effectiveDueAt())).param("new", ts(newDueAt)).param("id", requestId).update();
        event(id, eventKind, actor, now, reason.strip() + (newDueAt == null ? "" : " → " + request.proposedDueDate()), null, requestId);
        audit.record(AuditEvent.success("hazards.decide", reference(id), request.kind() + " " + (approve ? "approved" : "rejected") + " "
                + reason.strip() + (newDueAt == null ? "" : " due " + h.effectiveDueDate() + " → " + request.proposedDueDate())));
        tellUnit(h, "decision:" + requestId, approve ? "hazards.notice.approved" : "hazards.notice.rejected",
                List.of(h.systemName(), h.title(), reason.strip()), approve ? Notice.Severity.INFO : Notice.Severity.WARNING, now);
        return load(id).orElseThrow();
    }

    @Override
    public Raised acknowledgeHazard(long id, String handlerName, String firstMeasures) {
        return raised(acknowledge(id, handlerName, firstMeasures));
    }

    @Override
    public Raised submitFeedback(long id, String measures, String residualRisk, LocalDate completedOn, String filename, InputStream document) {
        return raised(feedback(id, measures, residualRisk, completedOn, List.of(new Upload(filename, document))));
    }

    @Override
    public Raised closeHazard(long id, String note) {
        return raised(close(id, note));
    }

    @Override
    public Raised returnHazard(long id, String reason) {
        return raised(returnFeedback(id, reason));
    }

    private static Raised raised(HazardView v) {
        return new Raised(v.id(), v.state().name(), v.effectiveDueDate(), v.effectiveDueAt(), v.dueProvisional());
    }

    // ---- reading, scoped ---------------------------------------------------------------------

    /** The hazard if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    public HazardView visible(long id, Actor actor) {
        Scope scope = scope(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        markOverdue(id, clock.instant());
        return jdbc.sql("select * from hazards_hazard h where h.id = :id and " + scope.where()).params(params)
                .query((rs, i) -> map(rs, orgNames())).optional().orElseThrow(() -> new NotFound("hazard " + id));
    }

    public Page page(Actor actor, Filter filter, int page, int size) {
        markAllOverdue(clock.instant());
        Scope scope = scope(actor);
        Map<String, Object> params = new HashMap<>(scope.params());
        StringBuilder where = new StringBuilder(" where " + scope.where());
        if (filter.state() != null) {
            where.append(" and h.status = :state");
            params.put("state", filter.state().name());
        }
        if (filter.severity() != null) {
            where.append(" and h.severity = :severity");
            params.put("severity", filter.severity().name());
        }
        if (filter.orgId() != null) {
            where.append(" and h.org_id = :org");
            params.put("org", filter.orgId());
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " and h.overdue_at is not null" : " and h.overdue_at is null");
        }
        if (filter.open() != null) {
            where.append(filter.open() ? " and h.closed_at is null" : " and h.closed_at is not null");
        }
        if (filter.age() != null) {
            Instant now = clock.instant();
            where.append(" and h.notified_at <= :ageTo");
            params.put("ageTo", ts(filter.age().notifiedAtOrBefore(now)));
            filter.age().notifiedAfter(now).ifPresent(from -> {
                where.append(" and h.notified_at > :ageFrom");
                params.put("ageFrom", ts(from));
            });
        }
        if (filter.year() != null) {
            where.append(" and h.notified_at >= :yearStart and h.notified_at < :yearEnd");
            params.put("yearStart", ts(LocalDate.of(filter.year(), 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
            params.put("yearEnd", ts(LocalDate.of(filter.year() + 1, 1, 1).atStartOfDay(WorkingCalendar.ZONE).toInstant()));
        }
        long total = jdbc.sql("select count(*) from hazards_hazard h" + where).params(params).query(Long.class).single();
        int safeSize = Math.max(1, Math.min(size, 200));
        int safePage = Math.max(0, page);
        params.put("limit", safeSize);
        params.put("offset", (long) safePage * safeSize);
        Map<Long, String> names = orgNames();
        List<HazardView> items = jdbc.sql("select * from hazards_hazard h" + where
                        + " order by case when h.closed_at is null then 0 else 1 end, h.effective_due_at, h.id desc limit :limit offset :offset")
                .params(params).query((rs, i) -> map(rs, names)).list();
        return new Page(items, total, safePage, safeSize);
    }

    /** The open hazards the actor may see, by due time (the home page). */
    @Override
    public List<OpenHazard> openOf(Actor actor, int limit) {
        return page(actor, Filter.none(), 0, Math.max(1, limit)).items().stream().filter(HazardView::open)
                .map(h -> new OpenHazard(h.id(), h.title(), h.systemName(), h.severity(), h.state().name(), h.effectiveDueDate(), h.dueProvisional(),
                        h.overdue()))
                .toList();
    }

    public List<Event> timeline(long id) {
        return jdbc.sql("select * from hazards_event where hazard_id = :id order by at, id").param("id", id)
                .query((rs, i) -> new Event(rs.getLong("id"), rs.getString("kind"), instant(rs, "at"), rs.getString("by_user"),
                        rs.getString("by_name"), rs.getString("text"), nullableLong(rs, "feedback_id"), nullableLong(rs, "request_id")))
                .list();
    }

    /** A10.1: how the notices about this hazard went out by e-mail and robots; the caller has checked visibility. */
    public List<cn.govcloud.guard.notify.DeliveryStatus> deliveries(long id) {
        return delivery.statusOf(id);
    }

    public List<Feedback> feedbacks(long id) {
        Map<Long, List<Attachment>> docs = new HashMap<>();
        jdbc.sql("select d.feedback_id, d.document_id, d.filename from hazards_feedback_document d join hazards_feedback f on f.id = d.feedback_id "
                        + "where f.hazard_id = :id order by d.id").param("id", id)
                .query((rs, i) -> docs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Attachment(rs.getLong(2), rs.getString(3))))
                .list();
        return jdbc.sql("select * from hazards_feedback where hazard_id = :id order by submitted_at, id").param("id", id)
                .query((rs, i) -> new Feedback(rs.getLong("id"), instant(rs, "submitted_at"), rs.getString("submitted_by"),
                        rs.getString("submitted_name"), rs.getString("measures"), rs.getString("residual_risk"),
                        rs.getObject("completed_on", LocalDate.class), rs.getBoolean("late"), rs.getString("verdict"),
                        instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("reason"),
                        docs.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    public List<Request> requests(long id) {
        return jdbc.sql("select * from hazards_request where hazard_id = :id order by requested_at, id").param("id", id)
                .query((rs, i) -> new Request(rs.getLong("id"), rs.getString("kind"), instant(rs, "requested_at"), rs.getString("requested_by"),
                        rs.getString("reason"), rs.getObject("proposed_due_date", LocalDate.class), rs.getString("decision"),
                        instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_reason"), instant(rs, "old_due_at"),
                        instant(rs, "new_due_at")))
                .list();
    }

    /** A document of one of the hazard's feedbacks, after the same visibility check as the hazard. Audited. */
    public StoredDocument document(long id, long documentId, Actor actor) {
        visible(id, actor);
        boolean belongs = jdbc.sql("select count(*) from hazards_feedback_document d join hazards_feedback f on f.id = d.feedback_id "
                + "where f.hazard_id = :id and d.document_id = :doc").param("id", id).param("doc", documentId).query(Long.class).single() > 0
                // issue 17 point 3: the paper notice of a hazard recorded after the fact
                || backdating.of(id).map(b -> Long.valueOf(documentId).equals(b.documentId())).orElse(false);
        if (!belongs) {
            throw new NotFound("document " + documentId);
        }
        StoredDocument stored = documents.describe(documentId).orElseThrow(() -> new NotFound("document " + documentId));
        audit.record(AuditEvent.success("hazards.document.read", "document:" + documentId, reference(id) + " " + stored.filename()));
        return stored;
    }

    public byte[] documentContent(long documentId) {
        return documents.open(documentId);
    }

    /** Whether the actor speaks for the department that warned (it attaches a backdated notice's document, issue 17 point 3). */
    public boolean isWarnerOf(HazardView h, Actor actor) {
        return isWarner(h, actor);
    }

    /** What the actor may do next, for the pages' action forms. */
    public Set<Action> actionsOf(HazardView h, Actor actor) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        boolean unit = isUnitPerson(h, actor);
        boolean warner = isWarner(h, actor);
        boolean pending = requests(h.id()).stream().anyMatch(Request::pending);
        for (Action a : Action.values()) {
            if (!h.state().allows(a)) {
                continue;
            }
            switch (a) {
                case ACKNOWLEDGE, START, FEEDBACK -> {
                    if (unit) {
                        actions.add(a);
                    }
                }
                case REQUEST_EXTENSION, REQUEST_RISK_ACCEPTANCE -> {
                    if (unit && !pending) {
                        actions.add(a);
                    }
                }
                case CLOSE, RETURN -> {
                    if (warner) {
                        actions.add(a);
                    }
                }
                case APPROVE_RISK_ACCEPTANCE -> {
                }
            }
        }
        return actions;
    }

    public boolean maySupervise(Actor actor) {
        return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR);
    }

    // ---- figures and the 通报 -------------------------------------------------------------------

    /** Per unit within the actor's scope; the supervisor and the regulators also see units without hazards. */
    public List<UnitFigures> figures(Actor actor) {
        Instant now = clock.instant();
        markAllOverdue(now);
        Scope scope = scope(actor);
        Map<Long, String> names = orgNames();
        Map<Long, UnitFigures> rows = new LinkedHashMap<>();
        if (scope.everything()) {
            organisations.ofKind(OrgKind.UNIT).forEach(o -> rows.put(o.id(), new UnitFigures(o.id(), o.name(), 0, 0, 0, 0, 0)));
        }
        jdbc.sql("select h.org_id, "
                        + "sum(case when h.closed_at is null then 1 else 0 end), "
                        + "sum(case when h.closed_at is null and h.overdue_at is not null then 1 else 0 end), "
                        + "sum(case when h.closed_at is not null and h.overdue_at is null then 1 else 0 end), "
                        + "sum(case when h.closed_at is not null and h.overdue_at is not null then 1 else 0 end) "
                        + "from hazards_hazard h where " + scope.where() + " group by h.org_id")
                .params(scope.params())
                .query((rs, i) -> {
                    long org = rs.getLong(1);
                    long open = rs.getLong(2);
                    long overdue = rs.getLong(3);
                    long onTime = rs.getLong(4);
                    long late = rs.getLong(5);
                    rows.put(org, new UnitFigures(org, names.getOrDefault(org, "#" + org), open, overdue, onTime, late, onTime + late + overdue));
                    return org;
                }).list();
        return rows.values().stream().sorted(java.util.Comparator.comparing(UnitFigures::overdue).reversed()
                .thenComparing(UnitFigures::orgName)).toList();
    }

    /** The open hazards past their due time, by unit (the supervisor's 通报). */
    public Map<String, List<HazardView>> overdueByUnit(Actor actor) {
        markAllOverdue(clock.instant());
        Scope scope = scope(actor);
        Map<Long, String> names = orgNames();
        Map<String, List<HazardView>> byUnit = new LinkedHashMap<>();
        jdbc.sql("select * from hazards_hazard h where h.closed_at is null and h.overdue_at is not null and " + scope.where()
                        + " order by h.org_id, h.effective_due_at, h.id").params(scope.params())
                .query((rs, i) -> map(rs, names)).list()
                .forEach(h -> byUnit.computeIfAbsent(h.orgName(), k -> new ArrayList<>()).add(h));
        return byUnit;
    }

    // ---- overdue on the record --------------------------------------------------------------

    /** A10.2: the unit's clock stops at its written feedback; the warner's time to verify is not the unit's. */
    static final String UNIT_CLOCK_RUNS = "and status <> 'FEEDBACK_SUBMITTED' ";

    /**
     * Records the moment an open hazard passed its due time while the unit's clock ran. Once set it stays, through an
     * extension approved later and after closing: the unit's record shows it (A10.2).
     */
    @Transactional
    public int markAllOverdue(Instant now) {
        return jdbc.sql("update hazards_hazard set overdue_at = effective_due_at where overdue_at is null and closed_at is null "
                + UNIT_CLOCK_RUNS + "and effective_due_at <= :now").param("now", ts(now)).update();
    }

    private void markOverdue(long id, Instant now) {
        jdbc.sql("update hazards_hazard set overdue_at = effective_due_at where id = :id and overdue_at is null and closed_at is null "
                + UNIT_CLOCK_RUNS + "and effective_due_at <= :now").param("id", id).param("now", ts(now)).update();
    }

    // ---- internals ----------------------------------------------------------------------------

    /** Where the actor's view of hazards ends (A4, see the class comment for the provider). */
    record Scope(boolean everything, String column, long orgId) {
        String where() {
            return everything ? "1=1" : column == null ? "1=0" : column + " = :scopeOrgId";
        }

        Map<String, Object> params() {
            return everything || column == null ? Map.of() : Map.of("scopeOrgId", orgId);
        }
    }

    static Scope scope(Actor actor) {
        return switch (actor.orgKind()) {
            case SUPERVISOR, REGULATOR -> new Scope(true, null, 0);
            case UNIT -> new Scope(false, "h.org_id", actor.orgId());
            case PROVIDER -> new Scope(false, "h.warner_org_id", actor.orgId());
            default -> new Scope(false, null, 0);
        };
    }

    private HazardView forUnit(long id, Actor actor) {
        HazardView h = visible(id, actor);
        if (!isUnitPerson(h, actor)) {
            // A10.2: the owning unit's own people acknowledge and report; an overseer who can read it cannot
            throw new AccessDeniedException("only the owning unit's people act on its hazard");
        }
        return h;
    }

    private HazardView forWarner(long id, Actor actor) {
        HazardView h = visible(id, actor);
        if (!isWarner(h, actor)) {
            // A10.2: the feedback goes to the department that warned; another reader may not decide on it
            throw new RuleViolation("A10.2", "hazards.refused.notWarner");
        }
        return h;
    }

    /**
     * Who may start the loop (issue 17 point 2): every party the Measures name as a warner — the supervisor (A11.3), the
     * provider (A10.1), the regulators for their 整改通知 and 通报, and a unit for its own findings.
     */
    public static boolean mayWarn(Actor actor) {
        return switch (actor.orgKind()) {
            case SUPERVISOR -> actor.has(Role.SUPERVISOR);
            case PROVIDER -> actor.has(Role.PROVIDER_OPERATOR);
            case REGULATOR -> actor.has(Role.REGULATOR);
            case UNIT -> UNIT_PEOPLE.stream().anyMatch(actor::has);
            default -> false;
        };
    }

    static boolean isUnitPerson(HazardView h, Actor actor) {
        return actor.orgKind() == OrgKind.UNIT && actor.orgId() == h.orgId() && UNIT_PEOPLE.stream().anyMatch(actor::has);
    }

    /**
     * Who verifies the feedback: the department that warned; when a unit reported its own finding, the supervisor, who is
     * copied on every feedback and follows rectification up (A11.3) — a unit does not verify itself.
     */
    boolean isWarner(HazardView h, Actor actor) {
        if (warnerKindOf(h) == OrgKind.UNIT) {
            return actor.orgKind() == OrgKind.SUPERVISOR && actor.has(Role.SUPERVISOR);
        }
        return actor.orgId() == h.warnerOrgId() && (actor.has(Role.SUPERVISOR) || actor.has(Role.PROVIDER_OPERATOR) || actor.has(Role.REGULATOR));
    }

    private OrgKind warnerKindOf(HazardView h) {
        return organisations.byId(h.warnerOrgId()).map(o -> o.kind()).orElse(OrgKind.SUPERVISOR);
    }

    private void guard(HazardView h, Action action) {
        if (!h.state().allows(action)) {
            throw refused(h, action);
        }
    }

    /** 409 naming the state and the rule, e.g. "A10.2: 隐患处于「已通知」(NOTIFIED)，不能「关闭」". */
    private RuleViolation refused(HazardView h, Action action) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        String state = messages.getMessage("hazards.state." + h.state().name(), null, h.state().name(), locale);
        String act = messages.getMessage("hazards.action." + action.name(), null, action.name(), locale);
        return new RuleViolation("A10.2", messages.getMessage("hazards.refused.state",
                new Object[] {state, h.state().name(), act, action.name()}, "illegal step", locale));
    }

    /** The conditional update decides: of two concurrent steps from the same state, one wins, the other is refused. */
    private void move(HazardView h, Action action) {
        move(h, action, "", Map.of());
    }

    /** The step and the columns it sets, in one update (the table's checks tie them together). */
    private void move(HazardView h, Action action, String alsoSet, Map<String, ?> params) {
        HazardState to = HazardState.to(action, h.state());
        int updated = jdbc.sql("update hazards_hazard set status = :to" + alsoSet + " where id = :id and status = :from")
                .params(params).param("to", to.name()).param("id", h.id()).param("from", h.state().name()).update();
        if (updated != 1) {
            throw refused(load(h.id()).orElseThrow(), action);
        }
    }

    /** The reference of the duty the unit's clock runs on: the notice's, or the latest return's. */
    private String clockReference(HazardView h) {
        return h.returnDutyId() == null ? reference(h.id())
                : duties.find(h.returnDutyId()).map(Duty::reference).orElse(reference(h.id()));
    }

    private void fulfilFollowUp(HazardView h, String note) {
        if (h.followupDutyId() != null) {
            duties.find(h.followupDutyId()).ifPresent(d -> duties.fulfil(d.reference(), note));
        }
    }

    /**
     * A10.2-rectify-after-return: the catalog's time counts again from the return; the hazard's due date
     * becomes the later of that duty's and the one it had (a return never shortens the unit's time).
     */
    private void restartUnitClock(HazardView h, Instant now) {
        Long feedbackId = jdbc.sql("select max(id) from hazards_feedback where hazard_id = :id").param("id", h.id()).query(Long.class).single();
        Optional<Duty> again = duties.raise(new DutyTrigger(RETURNED_EVENT, subject(h), now, reference(h.id()) + ":returned:" + feedbackId,
                Map.of("severity", h.severity().name()))).stream().findFirst();
        if (again.isEmpty()) {
            return; // an overlay dropped the rule: the due date stands, the clock runs on against it
        }
        Duty d = again.get();
        boolean later = d.dueAt().isAfter(h.effectiveDueAt());
        jdbc.sql("update hazards_hazard set return_duty_id = :duty" + (later
                        ? ", effective_due_date = :day, effective_due_at = :at, due_provisional = :provisional" : "") + " where id = :id")
                .param("duty", d.id()).param("day", d.dueDate()).param("at", ts(d.dueAt())).param("provisional", d.dueProvisional())
                .param("id", h.id()).update();
        if (!later) {
            // the return's duty follows the hazard's (later) date, so the engine does not chase the unit earlier
            duties.extend(d.reference(), d.ruleId(), h.effectiveDueDate(), "整改期限不早于原期限");
        }
    }

    private Subject subject(HazardView h) {
        int level = systems.find(h.systemId()).map(Systems.SystemRef::mlpsLevel).orElse(0);
        return new Subject(SubjectKind.SYSTEM, h.systemId(), h.systemName(), h.orgId(), Map.of("mlpsLevel", level));
    }

    /** supervisor | provider | regulator | unit: the catalog's verification rules are chosen by it. */
    private String warnerKind(HazardView h) {
        return organisations.byId(h.warnerOrgId()).map(o -> o.kind().name().toLowerCase(java.util.Locale.ROOT)).orElse("supervisor");
    }

    private void lock(long id) {
        jdbc.sql("select id from hazards_hazard where id = :id for update").param("id", id).query(Long.class).single();
    }

    private void decideFeedback(long id, String verdict, Instant now, Actor actor, String reason) {
        jdbc.sql("update hazards_feedback set verdict = :v, decided_at = :now, decided_by = :by, reason = :reason "
                        + "where id = (select max(id) from hazards_feedback where hazard_id = :id) and verdict is null")
                .param("v", verdict).param("now", ts(now)).param("by", actor.username()).param("reason", reason).param("id", id).update();
    }

    private static void requireReason(String reason, Map<String, String> errors) {
        if (blank(reason) || reason.strip().length() < 4 || reason.strip().length() > 4000) {
            errors.put("reason", "hazards.error.reason");
        }
    }

    private void event(long id, String kind, Actor actor, Instant at, String text, Long feedbackId, Long requestId) {
        jdbc.sql("insert into hazards_event (hazard_id, kind, at, by_user, by_name, by_org_id, text, feedback_id, request_id) "
                        + "values (:h, :kind, :at, :by, :name, :org, :text, :f, :r)")
                .param("h", id).param("kind", kind).param("at", ts(at)).param("by", actor.username()).param("name", actor.displayName())
                .param("org", actor.orgId()).param("text", text).param("f", feedbackId).param("r", requestId).update();
    }

    private void tellUnit(HazardView h, String occasion, String messageKey, List<String> args, Notice.Severity severity, Instant now) {
        delivery.deliver(new Notice("hazard:" + h.id() + ":" + occasion + ":" + h.orgId(), h.orgId(), UNIT_PEOPLE, messageKey, args,
                "/hazards/" + h.id(), severity, now));
    }

    private void tellSupervisors(HazardView h, String occasion, String messageKey, List<String> args, Notice.Severity severity, Instant now) {
        for (OrganisationView org : organisations.ofKind(OrgKind.SUPERVISOR)) {
            delivery.deliver(new Notice("hazard:" + h.id() + ":" + occasion + ":" + org.id(), org.id(), Set.of(Role.SUPERVISOR), messageKey,
                    args, "/hazards/" + h.id(), severity, now));
        }
    }

    /** The warning department; when it is the supervisor itself, {@link #tellSupervisors} already covers the copy. */
    private void tellWarner(HazardView h, String occasion, String messageKey, List<String> args, Notice.Severity severity, Instant now) {
        Set<Role> roles = switch (warnerKindOf(h)) {
            case PROVIDER -> Set.of(Role.PROVIDER_OPERATOR);
            case REGULATOR -> Set.of(Role.REGULATOR);
            case UNIT -> UNIT_PEOPLE;
            default -> Set.of(Role.SUPERVISOR);
        };
        delivery.deliver(new Notice("hazard:" + h.id() + ":" + occasion + ":" + h.warnerOrgId() + ":warner", h.warnerOrgId(), roles,
                messageKey, args, "/hazards/" + h.id(), severity, now));
    }

    Optional<HazardView> load(long id) {
        return jdbc.sql("select * from hazards_hazard h where h.id = :id").param("id", id).query((rs, i) -> map(rs, orgNames())).optional();
    }

    private Map<Long, String> orgNames() {
        Map<Long, String> names = new HashMap<>();
        organisations.all().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    private HazardView map(ResultSet rs, Map<Long, String> names) throws SQLException {
        long org = rs.getLong("org_id");
        long warner = rs.getLong("warner_org_id");
        return new HazardView(rs.getLong("id"), rs.getLong("system_id"), rs.getString("system_name"), org, names.getOrDefault(org, "#" + org),
                warner, names.getOrDefault(warner, "#" + warner), rs.getString("raised_by"), rs.getString("raised_by_name"),
                rs.getString("title"), rs.getString("description"), Severity.valueOf(rs.getString("severity")), rs.getString("source"),
                rs.getString("source_ref"), HazardState.valueOf(rs.getString("status")), instant(rs, "notified_at"),
                rs.getObject("due_date", LocalDate.class), instant(rs, "due_at"), rs.getObject("effective_due_date", LocalDate.class),
                instant(rs, "effective_due_at"), rs.getBoolean("due_provisional"), instant(rs, "ack_due_at"), nullableLong(rs, "ack_duty_id"), nullableLong(rs, "rectify_duty_id"),
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("handler_name"), rs.getString("first_measures"),
                instant(rs, "overdue_at"), instant(rs, "closed_at"), rs.getString("closed_by"), instant(rs, "feedback_at"),
                nullableLong(rs, "followup_duty_id"), instant(rs, "followup_due_at"), nullableLong(rs, "return_duty_id"));
    }

    static String reference(long id) {
        return "hazard:" + id;
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import org.springframework.context.event.EventListener;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.duties.internal.DutyStore.NewDuty;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.shared.Role;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duty workflow: raising event duties, submitting evidence, review by the supervisor,
 * waivers. Every check is made here, not only at the endpoint: a duty is acted on by the people
 * of its responsible organisation, reviewed and waived by the supervisor.
 */
@Service
public class DutyService implements Duties {
    private final DutyStore store;
    private final Submissions submissions;
    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;
    private final Subjects subjects;
    private final Documents documents;
    private final DutyNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    DutyService(DutyStore store, Submissions submissions, RuleCatalog catalog, WorkingCalendar calendar, Subjects subjects,
                Documents documents, DutyNotices notices, AuditLog audit, Clock clock,
                org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.submissions = submissions;
        this.catalog = catalog;
        this.calendar = calendar;
        this.subjects = subjects;
        this.documents = documents;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- the API other modules call -----------------------------------------------------------

    /** Every {@link DutyEvent} another module publishes raises its duties in the publisher's transaction. */
    @EventListener
    void on(DutyEvent event) {
        raise(event.trigger());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Duty> raisedBy(String reference) {
        return store.byReference(reference);
    }

    @Override
    @Transactional
    public List<Duty> raise(DutyTrigger trigger) {
        Subject subject = trigger.subject();
        Map<String, Object> facts = new HashMap<>(subject.attributes());
        facts.putAll(trigger.attributes());
        Subjects.Snapshot snapshot = subjects.snapshot();
        RuleCatalog.Version version = catalog.version();
        List<NewDuty> rows = new ArrayList<>();
        for (Rule rule : catalog.triggeredBy(trigger.event())) {
            if (rule.appliesTo() != subject.kind() || !rule.appliesTo(facts)) {
                continue;
            }
            Optional<Long> org = snapshot.responsibleOrg(rule.party(), subject, trigger.actingOrgId());
            if (org.isEmpty()) {
                continue;
            }
            // a count into a year whose holiday notice is not loaded is provisional, never refused ("Working days")
            Deadline deadline = rule.due().afterEvent(calendar, trigger.at());
            boolean workingDays = rule.due().kind() == Rule.DueRule.Kind.WORKING_DAYS;
            rows.add(new NewDuty(rule.id() + "|" + subject.kind() + ":" + subject.id() + "|" + trigger.reference(), rule.id(),
                    rule.article(), version.version(), subject.kind(), subject.id(), subject.name(), org.get(), rule.party(),
                    null, trigger.event(), trigger.reference(), trigger.at(), deadline, workingDays ? trigger.at() : null,
                    workingDays ? rule.due().amount() : null));
        }
        if (store.insertMissing(rows, clock.instant()) > 0) {
            audit.record(AuditEvent.success("duty.raise", trigger.reference(),
                    trigger.event() + " " + subject.kind() + ":" + subject.id() + " rules=" + rows.stream().map(NewDuty::ruleId).toList()));
        }
        return store.byOccurrenceKeys(rows.stream().map(NewDuty::occurrenceKey).toList());
    }

    @Override
    @Transactional
    public void fulfil(String reference, String note) {
        Instant now = clock.instant();
        String text = note == null ? "" : note;
        for (Duty listed : store.byReference(reference)) {
            // locked, so a concurrent sweep cannot turn it OVERDUE between our read and our update
            Duty duty = store.findForUpdate(listed.id()).orElseThrow();
            if (duty.state().closed()) {
                continue;
            }
            long submission = submissions.insert(duty.id(), now, "system", "system", Map.of("note", text), !now.isBefore(duty.dueAt()));
            submissions.decide(submission, "ACCEPTED", now, "system", text);
            if (!store.transition(duty.id(), duty.state(), DutyState.ACCEPTED, now)) {
                throw new IllegalStateException("duty " + duty.id() + " changed state while locked");
            }
            audit.record(AuditEvent.success("duty.fulfil", "duty:" + duty.id(), reference + ": " + text));
        }
    }

    @Override
    @Transactional
    public void extend(String reference, String ruleId, LocalDate newDueDate, String reason) {
        Instant newDueAt = newDueDate.plusDays(1).atStartOfDay(cn.govcloud.guard.calendar.WorkingCalendar.ZONE).toInstant();
        for (Duty listed : store.byReference(reference)) {
            if (!listed.ruleId().equals(ruleId)) {
                continue;
            }
            Duty duty = store.findForUpdate(listed.id()).orElseThrow();
            if (duty.state().closed() || !newDueAt.isAfter(duty.dueAt())) {
                continue; // an extension only ever moves an open duty later
            }
            store.moveDue(duty.id(), newDueDate, newDueAt);
            audit.record(AuditEvent.success("duty.extend", "duty:" + duty.id(), reference + ": " + duty.dueDate() + " → " + newDueDate
                    + " " + (reason == null ? "" : reason)));
        }
    }

    @Override
    @Transactional
    public void setDue(String reference, String ruleId, LocalDate dueDate, String reason) {
        Instant dueAt = dueDate.plusDays(1).atStartOfDay(cn.govcloud.guard.calendar.WorkingCalendar.ZONE).toInstant();
        for (Duty listed : store.byReference(reference)) {
            if (!listed.ruleId().equals(ruleId)) {
                continue;
            }
            Duty duty = store.findForUpdate(listed.id()).orElseThrow();
            if (duty.state().closed() || dueAt.equals(duty.dueAt())) {
                continue;
            }
            store.moveDue(duty.id(), dueDate, dueAt);
            audit.record(AuditEvent.success("duty.due-set", "duty:" + duty.id(), reference + ": " + duty.dueDate() + " → " + dueDate
                    + " " + (reason == null ? "" : reason)));
        }
    }

    @Override
    @Transactional
    public void submit(long dutyId, Map<String, String> fields) {
        submit(dutyId, fields, List.of(), Actor.require());
    }

    @Override
    @Transactional
    public void submit(long dutyId, Map<String, String> fields, List<Attachment> documents) {
        submit(dutyId, fields, documents.stream().map(d -> new Upload(d.slot(), d.filename(), d.content())).toList(), Actor.require());
    }

    @Override
    @Transactional
    public boolean fulfil(long dutyId, Map<String, String> fields, List<Filed> filed, String note) {
        Duty duty = store.findForUpdate(dutyId).orElseThrow(() -> new NotFound("duty " + dutyId));
        if (!duty.state().awaitsSubmission()) {
            return false;
        }
        Instant now = clock.instant();
        Optional<Actor> actor = Actor.current();
        Map<String, String> record = new LinkedHashMap<>(fields);
        if (note != null) {
            record.put("note", note);
        }
        long submission = submissions.insert(duty.id(), now, actor.map(Actor::username).orElse("system"),
                actor.map(Actor::displayName).orElse("system"), record, !now.isBefore(duty.dueAt()));
        for (Filed f : filed) {
            submissions.attach(submission, f.slot(), f.documentId(), f.filename());
        }
        submissions.decide(submission, "ACCEPTED", now, "system", note);
        if (!store.transition(duty.id(), duty.state(), DutyState.ACCEPTED, now)) {
            throw new IllegalStateException("duty " + duty.id() + " changed state while locked");
        }
        audit.record(AuditEvent.success("duty.fulfil", "duty:" + duty.id(), duty.ruleId() + " " + duty.subjectName() + ": " + note));
        return true;
    }

    @Override
    public Optional<Duty> find(long id) {
        return store.find(id);
    }

    @Override
    public List<Duty> find(java.util.Collection<Long> ids) {
        return store.findAll(ids);
    }

    @Override
    public List<Duty> ofSubject(SubjectKind kind, long subjectId) {
        return store.latestOfSubject(kind, subjectId, 500);
    }

    @Override
    public List<Duty> ofSubjectAndRule(SubjectKind kind, long subjectId, String ruleId) {
        return store.page(new OrgScope(true, 0), new DutyStore.Filter(null, ruleId, null, kind, subjectId, null, null), null, Integer.MAX_VALUE);
    }

    @Override
    public List<Duty> ofRuleAndPeriod(String ruleId, LocalDate periodStart) {
        return store.ofRuleAndPeriod(ruleId, periodStart);
    }

    @Override
    public Agenda agendaOf(Actor actor, int limit) {
        OrgScope own = new OrgScope(false, actor.orgId());
        // what the organisation itself owes next; the overdue list is as wide as the actor oversees
        OrgScope oversight = OrgScope.of(actor);
        Map<DutyState, Long> ownCounts = store.countByState(own);
        Map<DutyState, Long> scopeCounts = store.countByState(oversight);
        long open = ownCounts.getOrDefault(DutyState.OPEN, 0L) + ownCounts.getOrDefault(DutyState.RETURNED, 0L);
        return new Agenda(store.nextAwaiting(own, limit), store.overdue(oversight, limit), open,
                scopeCounts.getOrDefault(DutyState.OVERDUE, 0L));
    }

    // ---- reading, scoped ---------------------------------------------------------------------

    /** The duty if the actor may see it (A4); 404 otherwise, whether or not it exists. */
    public Duty visible(long id, Actor actor) {
        return store.find(id, OrgScope.of(actor)).orElseThrow(() -> new NotFound("duty " + id));
    }

    public Rule ruleOf(Duty duty) {
        return catalog.rule(duty.ruleId()).orElseThrow(() -> new NotFound("rule " + duty.ruleId()));
    }

    public List<Submissions.Submission> submissionsOf(Duty duty) {
        return submissions.ofDuty(duty.id());
    }

    public Optional<String> waiverReason(Duty duty) {
        return duty.state() == DutyState.WAIVED ? store.waiverReason(duty.id()) : Optional.empty();
    }

    public List<Duty> page(Actor actor, DutyStore.Filter filter, DutyStore.Cursor after, int limit) {
        return store.page(OrgScope.of(actor), filter, after, limit);
    }

    public long count(Actor actor, DutyStore.Filter filter) {
        return store.count(OrgScope.of(actor), filter);
    }

    /** A document of one of the duty's submissions, after the same visibility check as the duty. */
    public StoredDocument document(long dutyId, long documentId, Actor actor) {
        visible(dutyId, actor);
        if (!submissions.documentOfDuty(dutyId, documentId)) {
            throw new NotFound("document " + documentId);
        }
        StoredDocument stored = documents.describe(documentId).orElseThrow(() -> new NotFound("document " + documentId));
        audit.record(AuditEvent.success("duty.document.read", "document:" + documentId, "duty:" + dutyId + " " + stored.filename()));
        return stored;
    }

    public byte[] documentContent(long documentId) {
        return documents.open(documentId);
    }

    /** Whether the actor acts for the duty's responsible organisation. */
    public boolean mayAct(Duty duty, Actor actor) {
        return actor.orgId() == duty.orgId() && DutyNotices.actingRoles(duty.party()).stream().anyMatch(actor::has);
    }

    public boolean mayReview(Duty duty, Actor actor) {
        return actor.has(Role.SUPERVISOR) && duty.state() == DutyState.SUBMITTED;
    }

    // ---- the workflow ------------------------------------------------------------------------

    /** A file the person attached to a document slot. */
    public record Upload(String slot, String filename, InputStream content) {
    }

    /**
     * Files evidence. Daily records and the supervisor's and regulators' own duties are accepted
     * on submission (a zero report is a declaration, not a deliverable to approve); anything else
     * goes to the supervisor for review. Late submissions are accepted and marked late.
     */
    @Transactional
    public Submissions.Submission submit(long dutyId, Map<String, String> fields, List<Upload> uploads, Actor actor) {
        Duty duty = visible(dutyId, actor);
        if (!mayAct(duty, actor)) {
            // A4: the duty stays with its responsible organisation; an overseer who can read it cannot file it
            throw new RuleViolation("A4", "duties.refused.notResponsible");
        }
        duty = store.findForUpdate(dutyId).orElseThrow();
        if (!duty.state().awaitsSubmission()) {
            throw new RuleViolation(duty.article(), "duties.refused.notAwaiting");
        }
        Rule rule = ruleOf(duty);
        Map<String, String> clean = EvidenceCheck.check(rule, fields,
                uploads.stream().map(Upload::slot).collect(java.util.stream.Collectors.toSet()));
        checkZeroReport(rule, clean);
        Instant now = clock.instant();
        boolean late = !now.isBefore(duty.dueAt());
        long submissionId = submissions.insert(duty.id(), now, actor.username(), actor.displayName(), clean, late);
        Map<String, Long> stored = new LinkedHashMap<>();
        for (Upload upload : uploads) {
            StoredDocument document = documents.store(duty.orgId(), upload.filename(), upload.content());
            submissions.attach(submissionId, upload.slot(), document.id(), document.filename());
            stored.put(upload.slot(), document.id());
        }
        boolean autoAccept = acceptedOnSubmission(rule);
        store.transition(duty.id(), duty.state(), autoAccept ? DutyState.ACCEPTED : DutyState.SUBMITTED, autoAccept ? now : null);
        if (autoAccept) {
            submissions.decide(submissionId, "ACCEPTED", now, "system", null);
        } else {
            notices.submitted(duty, rule, submissionId);
        }
        audit.record(AuditEvent.success("duty.submit", "duty:" + duty.id(), rule.id() + " " + duty.subjectName()
                + (late ? " late" : "") + " fields=" + clean.keySet() + " documents=" + uploads.size()));
        // in this transaction: the assessment ledger records an A7.2 report filed here (one filing, not two, issue 17
        // point 9); what a daily inspection reports may call for follow-up by the supervisor (issue 17 point 11)
        events.publishEvent(new cn.govcloud.guard.duties.DutySubmitted(duty.id(), rule.id(), duty.subjectKind(), duty.subjectId(),
                duty.subjectName(), duty.orgId(), duty.periodStart(), clean, stored, submissionId, actor.username(), now));
        return submissions.ofDuty(duty.id()).get(0);
    }

    static boolean acceptedOnSubmission(Rule rule) {
        return rule.trigger().cadence() == Cadence.DAILY || rule.party() == Party.SUPERVISOR || rule.party() == Party.REGULATOR
                || rule.party() == Party.SECURITY_ADMIN;
    }

    /**
     * A5.4 zero report (零报告): the daily report is a declaration either way. "No security events
     * today" must come with an event count of 0; otherwise the events are counted (at least one)
     * and described. Applies to any rule whose form has the zero-report fields.
     */
    static void checkZeroReport(Rule rule, Map<String, String> fields) {
        boolean hasZeroField = rule.evidence().fields().stream().anyMatch(f -> f.name().equals(ZERO_REPORT));
        if (!hasZeroField || !fields.containsKey(ZERO_REPORT)) {
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        boolean zero = "true".equals(fields.get(ZERO_REPORT));
        String count = fields.get(EVENT_COUNT);
        java.math.BigDecimal events = count == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(count);
        boolean wholeNumber = events.signum() >= 0 && events.stripTrailingZeros().scale() <= 0;
        if (!wholeNumber) {
            errors.put(EVENT_COUNT, "duties.evidence.wholeCount");
        } else if (zero && events.signum() != 0) {
            errors.put(EVENT_COUNT, "duties.evidence.zeroReportWithEvents");
        } else if (!zero && events.signum() == 0) {
            errors.put(EVENT_COUNT, "duties.evidence.eventsWithoutCount");
        }
        if (!zero && (fields.get(EVENT_DESCRIPTION) == null || fields.get(EVENT_DESCRIPTION).isBlank())) {
            errors.put(EVENT_DESCRIPTION, "duties.evidence.eventsUndescribed");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("duties.evidence.invalid", errors);
        }
    }

    static final String ZERO_REPORT = "noSecurityEvents";
    static final String EVENT_COUNT = "securityEventCount";
    static final String EVENT_DESCRIPTION = "securityEventDescription";

    @Transactional
    public void review(long dutyId, boolean accept, String comment, Actor actor) {
        Duty duty = visible(dutyId, actor);
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor reviews");
        }
        duty = store.findForUpdate(dutyId).orElseThrow();
        if (duty.state() != DutyState.SUBMITTED) {
            throw new RuleViolation(duty.article(), "duties.refused.notSubmitted");
        }
        if (!accept && (comment == null || comment.isBlank())) {
            throw new InvalidInput("duties.review.commentRequired", Map.of("comment", "duties.review.commentRequired"));
        }
        Instant now = clock.instant();
        long submissionId = submissions.ofDuty(dutyId).get(0).id();
        submissions.decide(submissionId, accept ? "ACCEPTED" : "RETURNED", now, actor.username(), comment == null ? null : comment.strip());
        // a returned duty keeps its original due time: if that has passed, the next sweep makes it overdue
        store.transition(dutyId, DutyState.SUBMITTED, accept ? DutyState.ACCEPTED : DutyState.RETURNED, accept ? now : null);
        if (!accept) {
            store.rearmEscalation(dutyId); // if it is overdue again, that is a new episode, escalated again
        }
        notices.reviewed(duty, ruleOf(duty), submissionId, accept);
        audit.record(AuditEvent.success(accept ? "duty.accept" : "duty.return", "duty:" + dutyId,
                duty.ruleId() + (comment == null ? "" : " " + comment)));
    }

    /** The supervisor waives a duty that does not apply in this case, with the reason on record. */
    @Transactional
    public void waive(long dutyId, String reason, Actor actor) {
        Duty duty = visible(dutyId, actor);
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor waives");
        }
        if (reason == null || reason.strip().length() < 4) {
            throw new InvalidInput("duties.waive.reasonRequired", Map.of("reason", "duties.waive.reasonRequired"));
        }
        duty = store.findForUpdate(dutyId).orElseThrow();
        if (duty.state().closed()) {
            throw new RuleViolation(duty.article(), "duties.refused.closed");
        }
        store.waive(dutyId, reason.strip(), actor.username(), clock.instant());
        audit.record(AuditEvent.success("duty.waive", "duty:" + dutyId, duty.ruleId() + " reason: " + reason.strip()));
    }
}

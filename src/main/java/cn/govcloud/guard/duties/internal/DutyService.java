package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Deadline;
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
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgScope;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duties' API to other modules ({@link Duties}): raising event duties, fulfilling, extending and re-timing them,
 * finding them, an organisation's agenda. The person-facing use cases live beside it (issue 18 point 1): reading as a
 * person may ({@link DutyReads}), filing evidence ({@link EvidenceFiling}), the supervisor's review and waiver
 * ({@link DutyReviews}). Every check is made in those, not only at the endpoint.
 */
@Service
public class DutyService implements Duties {
    private final DutyStore store;
    private final Submissions submissions;
    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;
    private final Subjects subjects;
    private final EvidenceFiling filing;
    private final AuditLog audit;
    private final Clock clock;

    DutyService(DutyStore store, Submissions submissions, RuleCatalog catalog, WorkingCalendar calendar, Subjects subjects,
                EvidenceFiling filing, AuditLog audit, Clock clock) {
        this.store = store;
        this.submissions = submissions;
        this.catalog = catalog;
        this.calendar = calendar;
        this.subjects = subjects;
        this.filing = filing;
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
        filing.submit(dutyId, fields, List.of(), Actor.require());
    }

    @Override
    @Transactional
    public void submit(long dutyId, Map<String, String> fields, List<Attachment> documents) {
        filing.submit(dutyId, fields, documents.stream().map(d -> new EvidenceFiling.Upload(d.slot(), d.filename(), d.content())).toList(), Actor.require());
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
}

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
import java.util.function.Predicate;
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
    private final DutyQueries queries;
    private final Submissions submissions;
    private final RuleCatalog catalog;
    private final WorkingCalendar calendar;
    private final Subjects subjects;
    private final EvidenceFiling filing;
    private final AuditLog audit;
    private final Clock clock;

    DutyService(DutyStore store, DutyQueries queries, Submissions submissions, RuleCatalog catalog, WorkingCalendar calendar, Subjects subjects,
                EvidenceFiling filing, AuditLog audit, Clock clock) {
        this.store = store;
        this.queries = queries;
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
        return queries.byReference(reference);
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
        return queries.byOccurrenceKeys(rows.stream().map(NewDuty::occurrenceKey).toList());
    }

    @Override
    @Transactional
    public void fulfil(String reference, String note) {
        Instant now = clock.instant();
        String text = note == null ? "" : note;
        for (Duty listed : queries.byReference(reference)) {
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
        Instant newDueAt = endOf(newDueDate);
        // an extension only ever moves an open duty later
        moveDue(reference, ruleId, newDueDate, newDueAt, reason, "duty.extend", duty -> newDueAt.isAfter(duty.dueAt()));
    }

    @Override
    @Transactional
    public void setDue(String reference, String ruleId, LocalDate dueDate, String reason) {
        Instant dueAt = endOf(dueDate);
        moveDue(reference, ruleId, dueDate, dueAt, reason, "duty.due-set", duty -> !dueAt.equals(duty.dueAt()));
    }

    /** The end of a due date in the city: a duty due that day is on time until midnight. */
    private static Instant endOf(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant();
    }

    /** Moves the open duties of {@code ruleId} raised by {@code reference} that {@code applies} to the new due date, each audited. */
    private void moveDue(String reference, String ruleId, LocalDate dueDate, Instant dueAt, String reason, String action,
                         Predicate<Duty> applies) {
        for (Duty listed : queries.byReference(reference)) {
            if (!listed.ruleId().equals(ruleId)) {
                continue;
            }
            Duty duty = store.findForUpdate(listed.id()).orElseThrow();
            if (duty.state().closed() || !applies.test(duty)) {
                continue;
            }
            store.moveDue(duty.id(), dueDate, dueAt);
            audit.record(AuditEvent.success(action, "duty:" + duty.id(), reference + ": " + duty.dueDate() + " → " + dueDate
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
        return queries.find(id);
    }

    @Override
    public List<Duty> find(java.util.Collection<Long> ids) {
        return queries.findAll(ids);
    }

    @Override
    public List<Duty> ofSubject(SubjectKind kind, long subjectId) {
        return queries.latestOfSubject(kind, subjectId, 500);
    }

    @Override
    public List<Duty> ofSubjectAndRule(SubjectKind kind, long subjectId, String ruleId) {
        return queries.page(new OrgScope(true, 0), new DutyFilter(null, ruleId, null, kind, subjectId, null, null), null, Integer.MAX_VALUE);
    }

    @Override
    public List<Duty> ofRuleAndPeriod(String ruleId, LocalDate periodStart) {
        return queries.ofRuleAndPeriod(ruleId, periodStart);
    }

    @Override
    public Agenda agendaOf(Actor actor, int limit) {
        OrgScope own = new OrgScope(false, actor.orgId());
        // what the organisation itself owes next; the overdue list is as wide as the actor oversees
        OrgScope oversight = OrgScope.of(actor);
        Map<DutyState, Long> ownCounts = queries.countByState(own);
        Map<DutyState, Long> scopeCounts = queries.countByState(oversight);
        long open = ownCounts.getOrDefault(DutyState.OPEN, 0L) + ownCounts.getOrDefault(DutyState.RETURNED, 0L);
        return new Agenda(queries.nextAwaiting(own, limit), queries.overdue(oversight, limit), open,
                scopeCounts.getOrDefault(DutyState.OVERDUE, 0L));
    }
}

package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.DutySubmitted;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.RuleViolation;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person files evidence for a duty of their organisation (A4): the form checked against the rule's evidence fields,
 * the A5.4 zero report, documents stored, accepted on submission or sent for review, {@link DutySubmitted} published in
 * the same transaction. Split from DutyService (issue 18 point 1).
 */
@Service
public class EvidenceFiling {
    private final DutyReads reads;
    private final DutyStore store;
    private final Submissions submissions;
    private final Documents documents;
    private final DutyNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    EvidenceFiling(DutyReads reads, DutyStore store, Submissions submissions, Documents documents, DutyNotices notices, AuditLog audit,
                   Clock clock, ApplicationEventPublisher events) {
        this.reads = reads;
        this.store = store;
        this.submissions = submissions;
        this.documents = documents;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

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
        Duty duty = reads.visible(dutyId, actor);
        if (!reads.mayAct(duty, actor)) {
            // A4: the duty stays with its responsible organisation; an overseer who can read it cannot file it
            throw new RuleViolation("A4", "duties.refused.notResponsible");
        }
        duty = store.findForUpdate(dutyId).orElseThrow();
        if (!duty.state().awaitsSubmission()) {
            throw new RuleViolation(duty.article(), "duties.refused.notAwaiting");
        }
        Rule rule = reads.ruleOf(duty);
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
        events.publishEvent(new DutySubmitted(duty.id(), rule.id(), duty.subjectKind(), duty.subjectId(),
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
}

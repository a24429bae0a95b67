package cn.govcloud.guard.roster.internal;

import static cn.govcloud.guard.roster.Rosters.LETTER_RULE;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.duties.Duties;
import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutySubmitted;
import cn.govcloud.guard.duties.RecurringDutiesRaised;
import cn.govcloud.guard.roster.Rosters.Letter;
import cn.govcloud.guard.roster.Rosters.Person;
import cn.govcloud.guard.roster.Rosters.Position;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The signed 网络安全责任书 and the catalog's yearly duty {@code A4-responsibility-letter} (issue 22 point 2), split from
 * {@link RosterService}: a filed letter closes its year's duty — at once, when the engine raises the duty later, or when the
 * letter is filed on the duty's own page — so the roster and the compliance matrix never disagree about a year. Both
 * listeners run in the publishing transaction.
 */
@Component
class RosterLetterDuties {
    private final RosterStore store;
    private final Documents documents;
    private final Duties duties;
    private final AuditLog audit;

    RosterLetterDuties(RosterStore store, Documents documents, Duties duties, AuditLog audit) {
        this.store = store;
        this.documents = documents;
        this.duties = duties;
        this.audit = audit;
    }

    /** Closes the yearly duty with a filed letter as its evidence, in the rule's form (catalog.yaml, A4-responsibility-letter). */
    boolean fulfil(Duty duty, LocalDate signedOn, long documentId, String filename, String principalFallback) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("signedOn", signedOn.toString());
        evidence.put("principal", store.people(duty.subjectId()).stream().filter(p -> p.position() == Position.PRINCIPAL).map(Person::name)
                .findFirst().orElse(principalFallback));
        return duties.fulfil(duty.id(), evidence, List.of(new Duties.Filed("letter", documentId, filename)),
                "安全责任名单上传的 " + duty.periodStart().getYear() + " 年度网络安全责任书（签订日期 " + signedOn + "）");
    }

    /**
     * Issue 22 point 2: a letter uploaded before its year's duty existed — in December for the next year, or by a unit the
     * engine had not yet raised the duty for — fulfils that duty as soon as the engine raises it, in the generating
     * transaction, so the compliance matrix never shows the year open while its signed letter is on the roster.
     */
    @EventListener
    void onDutiesRaised(RecurringDutiesRaised raised) {
        if (!raised.ruleIds().contains(LETTER_RULE)) {
            return;
        }
        for (int year = raised.from().getYear(); year <= raised.to().getYear(); year++) {
            Map<Long, Letter> letters = store.lettersOfYear(year);
            if (letters.isEmpty()) {
                continue;
            }
            for (Duty duty : duties.ofRuleAndPeriod(LETTER_RULE, LocalDate.of(year, 1, 1))) {
                Letter letter = letters.get(duty.subjectId());
                if (duty.subjectKind() != SubjectKind.UNIT || !duty.state().awaitsSubmission() || letter == null || letter.dutyId() != null) {
                    continue;
                }
                if (fulfil(duty, letter.signedOn(), letter.documentId(), letter.filename(), letter.uploadedBy())) {
                    store.linkLetter(letter.id(), duty.id());
                    audit.record(AuditEvent.success("roster.letter.reconcile", "organisation:" + duty.subjectId(),
                            year + " letter:" + letter.id() + " duty:" + duty.id()).by("system", "platform"));
                }
            }
        }
    }

    /**
     * A letter filed as the evidence of the duty itself (on the duty's page) is on the roster too, once: the roster
     * and the compliance matrix never disagree about a year.
     */
    @EventListener
    void onDutySubmitted(DutySubmitted submitted) {
        if (!LETTER_RULE.equals(submitted.ruleId()) || submitted.subjectKind() != SubjectKind.UNIT || store.letterForDuty(submitted.dutyId())) {
            return;
        }
        Long document = submitted.documents().get("letter");
        if (document == null) {
            return;
        }
        LocalDate signedOn = date(submitted.fields().get("signedOn"), submitted.at().atZone(WorkingCalendar.ZONE).toLocalDate());
        String filename = documents.describe(document).map(StoredDocument::filename).orElse("letter");
        store.insertLetter(submitted.subjectId(), submitted.periodStart().getYear(), signedOn, document, filename, submitted.dutyId(),
                submitted.at(), submitted.by());
        audit.record(AuditEvent.success("roster.letter.duty", "organisation:" + submitted.subjectId(),
                submitted.periodStart().getYear() + " signed " + signedOn + " duty:" + submitted.dutyId()));
    }

    private static LocalDate date(String text, LocalDate fallback) {
        try {
            return text == null ? fallback : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }
}

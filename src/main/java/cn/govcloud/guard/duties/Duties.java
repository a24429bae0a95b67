package cn.govcloud.guard.duties;

import cn.govcloud.guard.shared.Actor;
import java.util.List;
import java.util.Optional;

/** What other modules may ask of the duty engine. */
public interface Duties {

    /**
     * Creates the duties the catalog attaches to an event, in the caller's transaction, and
     * returns them with their due dates. Idempotent: raising the same event for the same subject
     * and reference again returns the existing duties. A rule whose conditions the subject does
     * not meet is skipped. A working-day due date that reaches a year whose holiday schedule is not
     * loaded is counted Monday to Friday there and comes back {@link Duty#dueProvisional()}; loading the
     * year recomputes it and publishes {@link DutyDueRecomputed}.
     */
    List<Duty> raise(DutyTrigger trigger);

    /**
     * The duties raised under a reference so far (e.g. {@code hazard:17}), oldest first; unscoped. For a producer that
     * published a {@link DutyEvent} and shows or links what it raised.
     */
    List<Duty> raisedBy(String reference);

    /**
     * Marks the duties of a reference as done by the workflow that owns it (e.g. the hazard was
     * closed with written feedback), recording who closed it and how.
     */
    void fulfil(String reference, String note);

    /**
     * Moves the due date of the open duties of one rule under a reference, after an extension the
     * workflow that owns the reference approved (e.g. the supervisor extended a hazard's rectification,
     * A10.2): reminders start again towards the new date; a duty already overdue is open again until
     * then, and its earlier overdue time stays on record. Audited. Closed duties are left alone.
     */
    void extend(String reference, String ruleId, java.time.LocalDate newDueDate, String reason);

    /**
     * Sets the due date of the open duties of one rule under a reference to a date the owning workflow decided itself,
     * earlier or later (e.g. an exit order's deadline, A11.4 "限期"): the catalog's time was only the default. Audited.
     */
    void setDue(String reference, String ruleId, java.time.LocalDate dueDate, String reason);

    /**
     * Closes one duty with evidence another module already holds (e.g. a filing of the systems' assessment ledger
     * fulfils the year's A7.2 duty, "no second filing"): recorded as a submission by the acting person (or the
     * platform) with those fields and documents, accepted, marked late when after the due time. A duty that does not
     * await evidence (submitted, accepted, waived) is left alone. Audited.
     *
     * @return whether the duty was closed by this call
     */
    boolean fulfil(long dutyId, java.util.Map<String, String> fields, List<Filed> documents, String note);

    /** A document another module stored already, for a document slot of the rule's form. */
    record Filed(String slot, long documentId, String filename) {
    }

    Optional<Duty> find(long id);

    /** Several duties at once (one query), in no particular order; unknown ids are left out. */
    List<Duty> find(java.util.Collection<Long> ids);

    /**
     * The most recent duties owed for one subject (e.g. a hosted system), at most 500, by due time;
     * unscoped: the caller has checked who may see the subject. The platform owes two duties a day, so
     * to find the duty of one rule use {@link #ofSubjectAndRule} or {@link #ofRuleAndPeriod}.
     */
    List<Duty> ofSubject(cn.govcloud.guard.rules.Rule.SubjectKind kind, long subjectId);

    /** Every duty of one rule owed for one subject, by due time; unscoped. */
    List<Duty> ofSubjectAndRule(cn.govcloud.guard.rules.Rule.SubjectKind kind, long subjectId, String ruleId);

    /** Every duty of one recurring rule for the period starting on {@code periodStart}, one per subject owed; unscoped. */
    List<Duty> ofRuleAndPeriod(String ruleId, java.time.LocalDate periodStart);

    /**
     * Files structured evidence (no documents) for a duty as the signed-in actor, with the same
     * checks as the API: the actor acts for the responsible organisation, the fields fit the rule's form.
     */
    void submit(long dutyId, java.util.Map<String, String> fields);

    /** The same with documents, each for one of the rule's document slots. */
    void submit(long dutyId, java.util.Map<String, String> fields, List<Attachment> documents);

    /** A file for a document slot of the rule's form. */
    record Attachment(String slot, String filename, java.io.InputStream content) {
    }

    /** What the actor's organisation owes: the next duties by due time and the overdue ones (scoped). */
    Agenda agendaOf(Actor actor, int limit);

    record Agenda(List<Duty> next, List<Duty> overdue, long openCount, long overdueCount) {
    }
}

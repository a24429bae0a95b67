package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.Party;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Read-only figures of duties done on time, for the annual assessment (A12): one aggregate query
 * over every organisation, and the records behind one organisation's figure. Unscoped: the caller
 * checks who may see them.
 *
 * <p>A duty counts when its due date falls in {@code [from, to]}, it is not waived, and it has
 * fallen due by {@code now} or is already done. It is done on time when submitted or accepted
 * without ever having been overdue, without a late submission, and (closed by the workflow
 * without a submission) closed by its due time.
 */
public interface DutyOutcomes {

    /**
     * Which duties: those of one party, optionally only rules whose id starts with one of
     * {@code rulePrefixes} or whose article is one of {@code articles} (empty = no restriction).
     */
    record Selection(Party party, LocalDate from, LocalDate to, List<String> rulePrefixes, List<String> articles, Instant now) {
        public Selection {
            rulePrefixes = List.copyOf(rulePrefixes);
            articles = List.copyOf(articles);
        }
    }

    record Tally(long orgId, long due, long onTime) {
    }

    /** One duty behind a figure; {@code doneAt} is the first submission or the closing, null while not done. */
    record Outcome(long id, String ruleId, String subjectName, LocalDate dueDate, Instant doneAt, String state, boolean onTime) {
    }

    /** Per organisation with at least one duty counted (one query, grouped by organisation). */
    List<Tally> tally(Selection selection);

    /** The duties counted for one organisation, by due date. */
    List<Outcome> outcomes(long orgId, Selection selection);
}

package cn.govcloud.guard.calendar;

/**
 * A module that stores deadlines counted on this calendar and keeps the provisional ones
 * ({@link Deadline#provisional()}) up to date. When the security administrator loads a year, the
 * calendar calls every implementation in the loading transaction, so a year is never in use without
 * the deadlines that reach it recomputed, and each is recomputed once, on the node that loaded it.
 *
 * <p>The rule ("Working days" in REQUIREMENTS.md): where the exact date is later than the provisional
 * one it applies; where it is earlier, the date already announced stands — nobody is made late by a
 * notice published after the fact.
 */
public interface ProvisionalDeadlines {

    /** The open deadlines that are provisional now (for the banners and the calendar page). */
    long countOpen();

    /**
     * Recomputes the open provisional deadlines that reach {@code year} on {@code calendar}, which
     * now has it: audited, and the owner told in the inbox when a date moved.
     */
    Recomputed recompute(int year, WorkingCalendar calendar);

    /** What one recomputation did: how many were recomputed, how many moved later, how many kept their date. */
    record Recomputed(int recomputed, int movedLater, int kept) implements java.io.Serializable {
        public static final Recomputed NONE = new Recomputed(0, 0, 0);

        public Recomputed plus(Recomputed other) {
            return new Recomputed(recomputed + other.recomputed, movedLater + other.movedLater, kept + other.kept);
        }
    }
}

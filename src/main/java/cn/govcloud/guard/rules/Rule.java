package cn.govcloud.guard.rules;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.calendar.Deadline;
import cn.govcloud.guard.calendar.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One duty of the Measures, as the catalog states it.
 *
 * @param id         stable id, e.g. {@code A5.4-daily-inspection}; starts with the requirement id
 * @param article    the requirement id in REQUIREMENTS.md, e.g. {@code A5.4}
 * @param title      short Chinese title
 * @param titleEn    short English title
 * @param source     the Chinese text of the Measures it comes from
 * @param party      who must act
 * @param appliesTo  what one duty is owed for
 * @param conditions all must hold for a subject to owe it (e.g. {@code mlpsLevel >= 3})
 * @param trigger    when a duty arises
 * @param due        when it is due, counted from the trigger
 * @param evidence   what a submission must contain
 * @param reminders  how long before the due time a reminder goes to the responsible party
 * @param escalation who is told, and when, once it is overdue
 * @param overridden the properties (e.g. {@code due.amount}) a district overlay changed
 */
public record Rule(String id, String article, String title, String titleEn, String source,
                   Party party, SubjectKind appliesTo, List<Condition> conditions, Trigger trigger,
                   DueRule due, Evidence evidence, List<Duration> reminders, Escalation escalation,
                   Set<String> overridden) {

    public Rule {
        conditions = List.copyOf(conditions);
        reminders = List.copyOf(reminders);
        overridden = Set.copyOf(overridden);
    }

    /** Whether a subject with these attributes (e.g. {@code mlpsLevel → 3}) owes this duty. */
    public boolean appliesTo(Map<String, ?> attributes) {
        return conditions.stream().allMatch(condition -> condition.test(attributes));
    }

    public boolean recurring() {
        return trigger.cadence() != null;
    }

    /**
     * Who must act. {@code SECURITY_ADMIN} is the big-data centre's security administrator, for the
     * platform's own upkeep (loading the next year's holiday schedule), not for any article's duty.
     */
    public enum Party { PROVIDER, UNIT, SUPERVISOR, REGULATOR, SECURITY_ADMIN }

    /** What a duty is owed for: the cloud platform as a whole, each unit, or each hosted system. */
    public enum SubjectKind { PLATFORM, UNIT, SYSTEM }

    /** {@code attribute op value}; numbers compare as numbers, anything else as text. */
    public record Condition(String attribute, Operator operator, String value) {
        public enum Operator { EQ, NE, LT, LE, GT, GE }

        public boolean test(Map<String, ?> attributes) {
            Object actual = attributes.get(attribute);
            if (actual == null) {
                return false;
            }
            int comparison;
            try {
                comparison = new java.math.BigDecimal(actual.toString()).compareTo(new java.math.BigDecimal(value));
            } catch (NumberFormatException notNumbers) {
                comparison = actual.toString().compareTo(value);
            }
            return switch (operator) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }

        @Override
        public String toString() {
            String symbol = switch (operator) {
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
            };
            return attribute + " " + symbol + " " + value;
        }
    }

    /** Exactly one of the two is set: a recurring duty has a cadence, an event duty the event's name (e.g. {@code hazard.notified}). */
    public record Trigger(Cadence cadence, String event) {
        public static Trigger every(Cadence cadence) {
            return new Trigger(cadence, null);
        }

        public static Trigger on(String event) {
            return new Trigger(null, event);
        }
    }

    /**
     * When a duty is due. For an event duty the count starts at the event; for a recurring duty
     * it starts at the end of the period the duty is for ({@code END_OF_PERIOD} is the period's
     * own end, {@code DAY_OF_NEXT_MONTH} day {@code amount} of the month after the period).
     */
    public record DueRule(Kind kind, int amount) {
        public enum Kind { WORKING_DAYS, CALENDAR_DAYS, MINUTES, DAY_OF_NEXT_MONTH, END_OF_PERIOD }

        /** The deadline of an event duty whose event happened at {@code at}. */
        public Deadline afterEvent(WorkingCalendar calendar, Instant at) {
            return switch (kind) {
                case WORKING_DAYS -> calendar.afterWorkingDays(at, amount);
                case CALENDAR_DAYS -> calendar.afterCalendarDays(at, amount);
                case MINUTES -> calendar.afterMinutes(at, amount);
                case DAY_OF_NEXT_MONTH -> calendar.byDayOfNextMonth(at, amount);
                case END_OF_PERIOD -> calendar.endOfPeriod(at, Cadence.DAILY);
            };
        }

        /** The deadline of a recurring duty for the period starting on {@code periodStart}. */
        public Deadline forPeriod(WorkingCalendar calendar, LocalDate periodStart, Cadence cadence) {
            Deadline periodEnd = calendar.endOfPeriod(periodStart.atStartOfDay(WorkingCalendar.ZONE).toInstant(), cadence);
            Instant lastDay = countedFrom(calendar, periodStart, cadence);
            return switch (kind) {
                case END_OF_PERIOD -> periodEnd;
                case WORKING_DAYS -> calendar.afterWorkingDays(lastDay, amount);
                case CALENDAR_DAYS -> calendar.afterCalendarDays(lastDay, amount);
                case MINUTES -> calendar.afterMinutes(periodEnd.dueAt(), amount);
                case DAY_OF_NEXT_MONTH -> calendar.byDayOfNextMonth(lastDay, amount);
            };
        }

        /**
         * What a recurring duty's count starts from: the last moment of its period, so "N days after it"
         * counts from the period's last day.
         */
        public Instant countedFrom(WorkingCalendar calendar, LocalDate periodStart, Cadence cadence) {
            return calendar.endOfPeriod(periodStart.atStartOfDay(WorkingCalendar.ZONE).toInstant(), cadence).dueAt().minusSeconds(1);
        }
    }

    /** What a submission must contain: structured fields and document slots. */
    public record Evidence(List<Field> fields, List<DocumentSlot> documents) {
        public Evidence {
            fields = List.copyOf(fields);
            documents = List.copyOf(documents);
        }

        public static Evidence none() {
            return new Evidence(List.of(), List.of());
        }
    }

    /** One form field; {@code options} only for {@link FieldType#CHOICE}. */
    public record Field(String name, FieldType type, boolean required, String label, String labelEn, List<String> options) {
        public Field {
            options = List.copyOf(options);
        }
    }

    public enum FieldType { TEXT, TEXTAREA, BOOLEAN, DATE, NUMBER, CHOICE, PERSON }

    public record DocumentSlot(String name, boolean required, String label, String labelEn) {
    }

    /** Once overdue by {@code after}, the {@code parties} are told (the responsible party always is). */
    public record Escalation(Duration after, Set<Party> parties) {
        public Escalation {
            parties = Set.copyOf(parties);
        }
    }
}

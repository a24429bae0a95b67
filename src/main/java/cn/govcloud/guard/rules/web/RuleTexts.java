package cn.govcloud.guard.rules.web;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.DueRule;
import cn.govcloud.guard.rules.Rule.Escalation;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Says a rule's values in the page's language ("5个工作日" / "5 working days"), so the catalog
 * reads as the Measures do rather than as ISO durations and enum names.
 */
@Component
class RuleTexts {
    private final MessageSource messages;

    RuleTexts(MessageSource messages) {
        this.messages = messages;
    }

    boolean english() {
        return RuleNames.english();
    }

    String party(Party party) {
        return get("rules.party." + party.name());
    }

    String subject(Rule.SubjectKind kind) {
        return get("rules.subject." + kind.name());
    }

    String trigger(Trigger trigger) {
        if (trigger.cadence() != null) {
            return get("rules.cadence." + trigger.cadence().name());
        }
        return event(trigger.event());
    }

    /** The event's name in words, e.g. 收到隐患通知; an event without a label shows its name. */
    String event(String event) {
        String label = messages.getMessage("rules.event." + event, null, null, LocaleContextHolder.getLocale());
        return label == null ? event : get("rules.trigger.event", label);
    }

    String due(DueRule due, Trigger trigger) {
        Cadence cadence = trigger.cadence();
        String amount = switch (due.kind()) {
            case WORKING_DAYS -> count("rules.due.WORKING_DAYS", due.amount());
            case CALENDAR_DAYS -> count("rules.due.CALENDAR_DAYS", due.amount());
            case MINUTES -> due.amount() % 60 == 0 ? count("rules.due.HOURS", due.amount() / 60) : count("rules.due.MINUTES", due.amount());
            case DAY_OF_NEXT_MONTH -> cadence == Cadence.YEARLY ? get("rules.due.DAY_OF_NEXT_MONTH.YEARLY", due.amount())
                    : get("rules.due.DAY_OF_NEXT_MONTH", due.amount());
            case END_OF_PERIOD -> get(cadence == null ? "rules.due.END_OF_PERIOD.event" : "rules.due.END_OF_PERIOD." + cadence.name());
        };
        boolean countsFromPeriodEnd = cadence != null
                && (due.kind() == DueRule.Kind.WORKING_DAYS || due.kind() == DueRule.Kind.CALENDAR_DAYS || due.kind() == DueRule.Kind.MINUTES);
        return countsFromPeriodEnd ? get("rules.due.afterPeriod", amount) : amount;
    }

    String duration(Duration duration) {
        if (duration.isZero()) {
            return get("rules.duration.zero");
        }
        List<String> parts = new ArrayList<>();
        if (duration.toDaysPart() > 0) {
            parts.add(count("rules.duration.days", duration.toDaysPart()));
        }
        if (duration.toHoursPart() > 0) {
            parts.add(count("rules.duration.hours", duration.toHoursPart()));
        }
        if (duration.toMinutesPart() > 0 || parts.isEmpty()) {
            parts.add(count("rules.duration.minutes", Math.max(duration.toMinutesPart(), duration.toSecondsPart() > 0 ? 1 : 0)));
        }
        return String.join(english() ? " " : "", parts);
    }

    String reminders(List<Duration> reminders) {
        if (reminders.isEmpty()) {
            return get("rules.reminders.none");
        }
        return get("rules.reminders.before", String.join(get("rules.list.separator"), reminders.stream().map(this::duration).toList()));
    }

    String escalation(Escalation escalation) {
        String who = escalation.parties().isEmpty() ? get("rules.escalation.responsibleOnly")
                : String.join(get("rules.list.separator"), escalation.parties().stream().sorted().map(this::party).toList());
        return escalation.after().isZero() ? get("rules.escalation.atOnce", who)
                : get("rules.escalation.after", duration(escalation.after()), who);
    }

    String fieldType(Rule.FieldType type) {
        return get("rules.fieldType." + type.name());
    }

    /** "1 day" but "2 days": a {@code .one} variant of the key is used for one. */
    String count(String key, long n) {
        String one = n == 1 ? messages.getMessage(key + ".one", null, null, LocaleContextHolder.getLocale()) : null;
        return one != null ? one : get(key, n);
    }

    String get(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] instanceof Number ? args[i].toString() : args[i]; // 1440, not MessageFormat's 1,440
        }
        return messages.getMessage(key, texts, locale);
    }

    /** ISO-8601 as people write it: P3D rather than Java's PT72H. */
    static String iso(Duration duration) {
        if (!duration.isZero() && duration.toSeconds() % 86_400 == 0) {
            return "P" + duration.toDays() + "D";
        }
        return duration.toString();
    }
}

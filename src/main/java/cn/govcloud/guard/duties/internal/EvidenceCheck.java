package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Field;
import cn.govcloud.guard.shared.InvalidInput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a submission against the evidence the rule asks for: every required field filled, every
 * value of its type, every required document present. All problems are reported at once; nothing
 * is stored when there is one.
 */
final class EvidenceCheck {
    static final int MAX_TEXT = 4000;

    private EvidenceCheck() {
    }

    /** The submitted values in the rule's order, normalised (booleans as true/false, blank optional fields dropped). */
    static Map<String, String> check(Rule rule, Map<String, String> submitted, Set<String> documentSlots) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> clean = new LinkedHashMap<>();
        for (String name : submitted.keySet()) {
            if (rule.evidence().fields().stream().noneMatch(f -> f.name().equals(name))) {
                errors.put(name, "duties.evidence.unknownField");
            }
        }
        for (Field field : rule.evidence().fields()) {
            String raw = submitted.get(field.name());
            String value = raw == null ? "" : raw.strip();
            if (field.type() == Rule.FieldType.BOOLEAN) {
                // an unticked checkbox is not sent at all: absent means "no"
                if (!value.isEmpty() && !value.equals("true") && !value.equals("false") && !value.equals("on")) {
                    errors.put(field.name(), "duties.evidence.boolean");
                    continue;
                }
                boolean yes = value.equals("true") || value.equals("on");
                if (field.required() && raw == null) {
                    errors.put(field.name(), "duties.evidence.required");
                    continue;
                }
                clean.put(field.name(), String.valueOf(yes));
                continue;
            }
            if (value.isEmpty()) {
                if (field.required()) {
                    errors.put(field.name(), "duties.evidence.required");
                }
                continue;
            }
            if (value.length() > MAX_TEXT) {
                errors.put(field.name(), "duties.evidence.tooLong");
                continue;
            }
            String problem = typeProblem(field, value);
            if (problem != null) {
                errors.put(field.name(), problem);
                continue;
            }
            clean.put(field.name(), value);
        }
        for (Rule.DocumentSlot slot : rule.evidence().documents()) {
            if (slot.required() && !documentSlots.contains(slot.name())) {
                errors.put(slot.name(), "duties.evidence.documentRequired");
            }
        }
        for (String slot : documentSlots) {
            if (rule.evidence().documents().stream().noneMatch(s -> s.name().equals(slot))) {
                errors.put(slot, "duties.evidence.unknownDocument");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("duties.evidence.invalid", errors);
        }
        return clean;
    }

    private static String typeProblem(Field field, String value) {
        switch (field.type()) {
            case NUMBER:
                try {
                    new BigDecimal(value);
                    return null;
                } catch (NumberFormatException e) {
                    return "duties.evidence.number";
                }
            case DATE:
                try {
                    LocalDate.parse(value);
                    return null;
                } catch (DateTimeParseException e) {
                    return "duties.evidence.date";
                }
            case CHOICE:
                return field.options().contains(value) ? null : "duties.evidence.choice";
            default:
                return null;
        }
    }

    /** Field values as a list for display: label and value in the rule's order. */
    static List<Field> fields(Rule rule) {
        return rule.evidence().fields();
    }
}

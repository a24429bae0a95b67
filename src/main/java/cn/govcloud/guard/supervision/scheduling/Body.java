package cn.govcloud.guard.supervision.scheduling;

import cn.govcloud.guard.shared.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an API request body field by field, collecting a message per malformed field, so a request
 * is answered 400 with every problem at once and nothing is saved.
 */
public final class Body {
    private final Map<String, Object> values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    public Body(Map<String, Object> body) {
        this.values = body == null ? Map.of() : body;
    }

    public String string(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        errors.put(field, "scheduling.error." + field);
        return null;
    }

    public Long number(String field) {
        Object v = values.get(field);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            errors.put(field, "scheduling.error." + field);
            return null;
        }
    }

    public LocalDate date(String field) {
        String v = string(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "scheduling.error." + field);
            return null;
        }
    }

    public List<String> strings(String field) {
        Object v = values.get(field);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(x == null ? null : x.toString()));
        } else if (v instanceof String s) {
            for (String part : s.split("[,，\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            errors.put(field, "scheduling.error." + field);
        }
        return out;
    }

    public List<Long> numbers(String field) {
        List<Long> out = new ArrayList<>();
        for (String s : strings(field)) {
            try {
                out.add(Long.parseLong(s.strip()));
            } catch (RuntimeException e) {
                errors.put(field, "scheduling.error." + field);
            }
        }
        return out;
    }

    /** Throws the collected problems, if any (400). */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.invalid", errors);
        }
    }
}

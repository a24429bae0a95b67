package cn.govcloud.guard.data.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.data.internal.Dataset;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the data pages read their forms (message keys {@code data.error.*}); a refusal becomes the errors beside the fields through
 * {@link cn.govcloud.guard.shared.FormRefusals}, the one adapter (issue 18 point 5).
 */
final class DataForms {

    private DataForms() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("data.error.invalid", Map.of(field, "data.error.value"));
        }
    }

    static Integer integer(Map<String, String> form, String field) {
        return field(form, field, Integer::parseInt, "data.error.range");
    }

    static Long longValue(Map<String, String> form, String field) {
        return field(form, field, Long::parseLong, "data.error.range");
    }

    static LocalDate date(Map<String, String> form, String field) {
        return field(form, field, LocalDate::parse, "data.error.date");
    }

    /** A datetime-local field, read in the platform's zone (Asia/Shanghai). */
    static Instant instant(Map<String, String> form, String field) {
        return field(form, field, v -> LocalDateTime.parse(v).atZone(WorkingCalendar.ZONE).toInstant(), "data.error.time");
    }

    /** A form field parsed, null when blank; a value that does not parse is refused naming the field. */
    static <T> T field(Map<String, String> form, String field, Function<String, T> parser, String errorKey) {
        String v = form.get(field);
        if (blank(v)) {
            return null;
        }
        try {
            return parser.apply(v.strip());
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new InvalidInput("data.error.invalid", Map.of(field, errorKey));
        }
    }

    /** A data set as its edit form shows it. */
    static Map<String, String> values(Dataset d) {
        Map<String, String> v = new HashMap<>();
        v.put("systemId", String.valueOf(d.systemId()));
        v.put("name", d.name());
        v.put("description", d.description());
        v.put("businessArea", d.businessArea());
        v.put("volume", d.volume());
        v.put("storageLocation", d.storageLocation());
        v.put("grade", d.grade().name());
        v.put("harmObject", d.harmObject().name());
        v.put("harmSeverity", d.harmSeverity().name());
        v.put("gradingNote", d.gradingNote() == null ? "" : d.gradingNote());
        for (int i = 0; i < d.parts().size(); i++) {
            Part p = d.parts().get(i);
            v.put("partName" + i, p.name());
            v.put("partKind" + i, p.kind().name());
            v.put("partGrade" + i, p.grade().name());
        }
        return v;
    }

    /** The data set form read: a part is a row with any of its three fields filled; a value that does not parse is refused naming its field. */
    static NewDataset dataset(Map<String, String> form) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = form.get("partName" + i);
            String kind = form.get("partKind" + i);
            String grade = form.get("partGrade" + i);
            if (blank(name) && blank(kind) && blank(grade)) {
                continue;
            }
            parts.add(new Part(name, parse(PartKind.class, kind, "parts"), parse(Grade.class, grade, "parts")));
        }
        Long systemId = null;
        if (!blank(form.get("systemId"))) {
            try {
                systemId = Long.parseLong(form.get("systemId").strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("data.error.invalid", Map.of("systemId", "data.error.system"));
            }
        }
        return new NewDataset(systemId, form.get("name"), form.get("description"), form.get("businessArea"), form.get("volume"),
                form.get("storageLocation"), parse(Grade.class, form.get("grade"), "grade"), parse(HarmObject.class, form.get("harmObject"), "harmObject"),
                parse(HarmSeverity.class, form.get("harmSeverity"), "harmSeverity"), form.get("gradingNote"), parts);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

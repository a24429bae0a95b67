package cn.govcloud.guard.hazards.web;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.hazards.Hazards.Severity;
import cn.govcloud.guard.hazards.internal.HazardService.Upload;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.multipart.MultipartFile;

/** Reading the hazard pages' and API's text input (query parameters, form fields, multipart files); 400 naming the field. */
final class HazardInput {
    private HazardInput() {
    }

    static long systemId(String value, Map<String, String> errors) {
        if (value != null && value.strip().matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(value.strip());
        }
        errors.put("systemId", "hazards.error.systemId");
        return 0;
    }

    /** CRITICAL, HIGH, MEDIUM or LOW, in any case. */
    static Severity severity(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put("severity", "hazards.error.severity");
            return null;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("severity", "hazards.error.severity");
            return null;
        }
    }

    /** A {@code datetime-local} value (Beijing wall-clock time without an offset). */
    static Instant localInstant(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(WorkingCalendar.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "hazards.error.instant");
            return null;
        }
    }

    /** As {@link #localInstant(String, String, Map)}, 400 at once when malformed. */
    static Instant localInstant(String field, String value) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant at = localInstant(field, value, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput("hazards.error.invalid", errors);
        }
        return at;
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("hazards.error.invalid", Map.of(field, "hazards.error.date"));
        }
    }

    static List<Upload> uploads(List<MultipartFile> files) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (f != null && !f.isEmpty()) {
                    uploads.add(new Upload(f.getOriginalFilename(), f.getInputStream()));
                }
            }
        }
        return uploads;
    }
}

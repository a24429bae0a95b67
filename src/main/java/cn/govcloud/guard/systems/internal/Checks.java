package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.calendar.WorkingCalendar;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.Role;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/** The small checks every use case of the register shares: who acts, blank texts, an upload's size, the 400 of a form. */
final class Checks {
    static final String INVALID = "systems.error.invalid";

    private Checks() {
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String stripped(String s) {
        return blank(s) ? null : s.strip();
    }

    /** A 400 naming each field, unless there is none. */
    static void valid(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInput(INVALID, errors);
        }
    }

    static void requireReason(String reason) {
        if (blank(reason)) {
            throw new InvalidInput(INVALID, Map.of("reason", "systems.error.reason"));
        }
    }

    static Actor requireUnit(Actor actor) {
        if (!actor.isUnitUser()) {
            throw new AccessDeniedException("only a unit's people register and maintain its systems");
        }
        return actor;
    }

    static Actor requireSupervisor(Actor actor) {
        if (!actor.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("only the supervisor verifies, admits, suspends and orders exits");
        }
        return actor;
    }

    static byte[] read(InputStream in) {
        try {
            byte[] content = in.readNBytes((int) Documents.MAX_BYTES + 1);
            if (content.length > Documents.MAX_BYTES) {
                throw new InvalidInput(INVALID, Map.of("file", "systems.error.tooLarge"));
            }
            return content;
        } catch (IOException e) {
            throw new InvalidInput(INVALID, Map.of("file", "systems.error.file"));
        }
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
    }
}

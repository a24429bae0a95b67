package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.OrgKind;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.access.AccessDeniedException;

/** The field checks and the writer rule every use case of the module shares (message keys {@code data.error.*}). */
final class DataChecks {

    private DataChecks() {
    }

    /** Only a unit's people write the data catalog, backups and transfers of their own unit. */
    static Actor writer() {
        Actor actor = Actor.require();
        if (actor.orgKind() != OrgKind.UNIT) {
            throw new AccessDeniedException("only a unit keeps its data catalog");
        }
        return actor;
    }

    static void requireValid(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInput("data.error.invalid", errors);
        }
    }

    static void text(Map<String, String> errors, String field, String value, int max, boolean required) {
        if (blank(value)) {
            if (required) {
                errors.put(field, "data.error.required");
            }
        } else if (value.strip().length() > max) {
            errors.put(field, "data.error.tooLong");
        }
    }

    static void required(Map<String, String> errors, String field, Object value) {
        if (value == null) {
            errors.put(field, "data.error.required");
        }
    }

    static void range(Map<String, String> errors, String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                errors.put(field, "data.error.required");
            }
        } else if (value < min || value > max) {
            errors.put(field, "data.error.range");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String stripped(String s) {
        return blank(s) ? null : s.strip();
    }

    static OffsetDateTime now(Clock clock) {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static <T> Map<Long, T> byId(List<T> list, Function<T, Long> id) {
        Map<Long, T> m = new LinkedHashMap<>();
        list.forEach(x -> m.put(id.apply(x), x));
        return m;
    }
}

package cn.govcloud.guard.duties.internal;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.Instant;
import java.util.Map;

/** Where a page of duties by due time ends: the last duty's (dueAt, id), the key of the next page ({@link DutyQueries#page}). */
public record DutyCursor(Instant dueAt, long id) {

    public static DutyCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int sep = text.indexOf('_');
        int dot = text.indexOf('.');
        try {
            // epoch seconds and nanoseconds: due times carry microseconds, a millisecond cursor would repeat rows
            Instant at = Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1, sep)));
            return new DutyCursor(at, Long.parseLong(text.substring(sep + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInput("The cursor is not one this server gave out.", Map.of("cursor", "invalid"));
        }
    }

    public static String of(Duty last) {
        return last.dueAt().getEpochSecond() + "." + last.dueAt().getNano() + "_" + last.id();
    }
}

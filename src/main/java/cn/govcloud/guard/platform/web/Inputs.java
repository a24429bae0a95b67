package cn.govcloud.guard.platform.web;

import cn.govcloud.guard.platform.internal.Certifications;
import cn.govcloud.guard.platform.internal.Exit.TaskState;
import cn.govcloud.guard.platform.internal.SupplyChainQueries;
import cn.govcloud.guard.platform.internal.SupplyItem;
import cn.govcloud.guard.shared.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * Text from forms, query strings and multipart fields turned into values for the registers: blank is null, a value
 * that does not parse is a 400 naming its field (with the register's own message), for the pages and the API alike.
 */
final class Inputs {

    private Inputs() {
    }

    private static <T> T parse(String value, Function<String, T> parser, String message, String field, String fieldKey) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInput(message, Map.of(field, fieldKey));
        }
    }

    static LocalDate date(String field, String value) {
        return parse(value, LocalDate::parse, "platform.cert.error.invalid", field, "platform.cert.error.date");
    }

    /** Minutes of a DR test (A5.1). */
    static Integer number(String field, String value) {
        return parse(value, Integer::valueOf, "platform.bc.error.invalid", field, "platform.bc.error.minutes");
    }

    static SupplyItem.Kind supplyKind(String value) {
        return parse(value, SupplyItem.Kind::valueOf, "platform.supply.error.invalid", "kind", "platform.supply.error.kind");
    }

    static Certifications.Kind certificationKind(String value) {
        return parse(value, Certifications.Kind::valueOf, "platform.cert.error.invalid", "kind", "platform.cert.error.kind");
    }

    static TaskState taskState(String value) {
        return parse(value, TaskState::valueOf, "platform.exit.error.invalid", "state", "platform.exit.error.taskState");
    }

    /** The line an interface hangs on (A6.3), by id. */
    static Long lineId(String value) {
        return parse(value, Long::valueOf, "platform.if.error.invalid", "lineId", "platform.if.error.line");
    }

    /** The supply-chain register's filter (A5.5): a state (or REMOVED), a kind, a search text, findings only, at most 1–5000 rows. */
    static SupplyChainQueries.Filter supplyFilter(String state, String kind, String q, boolean findings, int limit) {
        if (state != null && !state.isBlank() && !state.equals("REMOVED")) {
            parse(state, SupplyItem.State::valueOf, "platform.supply.error.invalid", "state", "platform.supply.error.state");
        }
        if (q != null && q.length() > 200) {
            throw new InvalidInput("platform.supply.error.invalid", Map.of("q", "platform.supply.error.q"));
        }
        SupplyItem.Kind k = supplyKind(kind);
        return new SupplyChainQueries.Filter(state, k == null ? null : k.name(), q, findings, Math.max(1, Math.min(limit, 5000)));
    }

    /** A checkbox or yes/no choice; anything else is "not said". */
    static Boolean bool(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value) {
            case "true", "on", "yes" -> Boolean.TRUE;
            case "false", "off", "no" -> Boolean.FALSE;
            default -> null;
        };
    }
}

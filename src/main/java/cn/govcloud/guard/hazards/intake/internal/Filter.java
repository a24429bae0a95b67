package cn.govcloud.guard.hazards.intake.internal;

import java.util.Locale;
import java.util.Map;

/** Filters of the finding and alert lists; null means any. {@code before} is the keyset cursor: rows with a smaller id. */
public record Filter(String severity, Long systemId, String state, Long before, int limit) {
    public Filter {
        limit = limit <= 0 ? 50 : Math.min(limit, 200);
    }

    /** Appends the filters as {@code and …} predicates on the table alias, their values to {@code params}. */
    void appendTo(StringBuilder sql, Map<String, Object> params, String alias) {
        if (severity != null && !severity.isBlank()) {
            sql.append(" and ").append(alias).append(".severity = :severity");
            params.put("severity", severity.strip().toUpperCase(Locale.ROOT));
        }
        if (systemId != null) {
            sql.append(" and ").append(alias).append(".system_id = :systemId");
            params.put("systemId", systemId);
        }
        if (state != null && !state.isBlank()) {
            sql.append(" and ").append(alias).append(".state = :state");
            params.put("state", state.strip().toUpperCase(Locale.ROOT));
        }
        if (before != null) {
            sql.append(" and ").append(alias).append(".id < :before");
            params.put("before", before);
        }
    }
}

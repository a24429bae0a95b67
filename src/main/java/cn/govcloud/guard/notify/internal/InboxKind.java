package cn.govcloud.guard.notify.internal;

import java.util.List;
import java.util.Map;

/**
 * What a notice is about, for the inbox's filter and groups (issue 23 point 6), read off the notice's
 * message key: the module that sent it. A key no kind claims is {@link #OTHER}.
 */
public enum InboxKind {
    DUTY(List.of("duties."), List.of()),
    ALERT(List.of("hazards.intake."), List.of()),
    HAZARD(List.of("hazards."), List.of("hazards.intake.")),
    INCIDENT(List.of("incident", "drill"), List.of()),
    SUPERVISION(List.of("scheduling.", "supervision.", "assessment."), List.of()),
    ACCESS(List.of("access.", "data."), List.of()),
    OTHER(List.of(), List.of());

    private final List<String> prefixes;
    private final List<String> except;

    InboxKind(List<String> prefixes, List<String> except) {
        this.prefixes = prefixes;
        this.except = except;
    }

    public static InboxKind of(String messageKey) {
        for (InboxKind kind : values()) {
            if (kind != OTHER && kind.prefixes.stream().anyMatch(messageKey::startsWith) && kind.except.stream().noneMatch(messageKey::startsWith)) {
                return kind;
            }
        }
        return OTHER;
    }

    /** The SQL condition on {@code n.message_key}; its parameters are added to {@code params}. */
    String where(Map<String, Object> params) {
        if (this == OTHER) {
            StringBuilder none = new StringBuilder("(1 = 1");
            int i = 0;
            for (InboxKind kind : values()) {
                for (String prefix : kind.prefixes) {
                    String p = "kindOther" + i++;
                    params.put(p, prefix + "%");
                    none.append(" and n.message_key not like :").append(p);
                }
            }
            return none.append(")").toString();
        }
        StringBuilder sql = new StringBuilder("((1 = 0");
        int i = 0;
        for (String prefix : prefixes) {
            String p = "kindIn" + i++;
            params.put(p, prefix + "%");
            sql.append(" or n.message_key like :").append(p);
        }
        sql.append(")");
        for (String prefix : except) {
            String p = "kindOut" + i++;
            params.put(p, prefix + "%");
            sql.append(" and n.message_key not like :").append(p);
        }
        return sql.append(")").toString();
    }
}

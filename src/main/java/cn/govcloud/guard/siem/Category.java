package cn.govcloud.guard.siem;

import java.util.Locale;

/**
 * What an operation-log record is about, read from its action, so a destination can take only some of the
 * stream. Every record falls in exactly one; {@link #AUDIT} is everything else (sign-ins, administration,
 * the request log), so a destination with all five receives the whole log.
 */
public enum Category {
    AUDIT, ALERT, HAZARD, INCIDENT, DUTY;

    /** The category of an audit action, e.g. {@code hazards.acknowledge} → HAZARD, {@code intake.alert.record} → ALERT. */
    public static Category of(String action) {
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.startsWith("hazards.") || a.startsWith("intake.hazard.")) {
            return HAZARD;
        }
        if (a.startsWith("intake.")) {
            return ALERT; // alerts received (API, Suricata EVE, scanner imports) and their triage (A10.1)
        }
        if (a.startsWith("incident.") || a.startsWith("incidents.")) {
            return INCIDENT;
        }
        if (a.startsWith("duty.") || a.startsWith("duties.")) {
            return DUTY;
        }
        return AUDIT;
    }

    /** The lower-case name used as the syslog MSGID and in JSON lines. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

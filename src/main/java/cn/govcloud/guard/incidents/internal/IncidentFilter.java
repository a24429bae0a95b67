package cn.govcloud.guard.incidents.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The incident list's search and filters (A10.4, A10.5; issue 23 point 11); null means any. {@code q}: a keyword in the
 * title, description, affected system or owning unit; {@code month} the dashboard's drill-down (month confirmed);
 * {@code from}/{@code to}: confirmed on those days or between them (Beijing time).
 */
public record IncidentFilter(String q, String grade, String status, Long orgId, YearMonth month, LocalDate from, LocalDate to) {
    public static final List<String> GRADES = List.of("I", "II", "III", "IV");
    public static final List<String> STATUSES = List.of("OPEN", "CONTAINED", "RESOLVED");

    public static IncidentFilter none() {
        return new IncidentFilter(null, null, null, null, null, null, null);
    }
}

package cn.govcloud.guard.incidents.internal;

import java.time.LocalDate;

/**
 * The drill list's search (A10.3; issue 23 point 11); null means any. {@code q}: a keyword in the title, the organiser or
 * an invited unit's name; {@code unit}: drills that unit was invited to; {@code year}: held that year; {@code from}/{@code
 * to}: held between those days (the dashboard's half-year drill-down).
 */
public record DrillFilter(String q, Long unit, Integer year, LocalDate from, LocalDate to) {
    public static DrillFilter none() {
        return new DrillFilter(null, null, null, null, null);
    }
}

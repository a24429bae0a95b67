/**
 * The Chinese working-day calendar and deadline arithmetic (A5.2, A10.2, "Working days" in
 * REQUIREMENTS.md): the State Council's holiday schedule per year, loaded as data, and
 * deadlines in working days, calendar days, minutes, "by day D of the next month" and "by
 * the end of the period". Public API: {@link cn.govcloud.guard.calendar.WorkingCalendar}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Working-day calendar",
        allowedDependencies = {"shared", "audit"})
package cn.govcloud.guard.calendar;

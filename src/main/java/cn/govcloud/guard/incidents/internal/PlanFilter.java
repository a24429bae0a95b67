package cn.govcloud.guard.incidents.internal;

/**
 * The emergency-plan compliance list's search (A10.3; issue 23 point 11); null means any. {@code q}: a keyword in the
 * platform's or system's name, its unit or the plan in force; {@code unit}: the owning organisation; {@code inForce}:
 * rows with (true) or without (false) a plan in force today.
 */
public record PlanFilter(String q, Long unit, Boolean inForce) {
    public static PlanFilter none() {
        return new PlanFilter(null, null, null);
    }
}

/**
 * Alerts and hazards (A10.1, A10.2, A11.3): the provider's 7×24 alerts and scan findings matched
 * to systems, hazard notices delivered and acknowledged, the 5-working-day closed loop with
 * written feedback to the warning department, verification, and the figures per unit.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts and hazards",
        allowedDependencies = {"shared", "audit", "identity", "calendar", "rules", "documents", "notify", "duties", "systems", "systems :: inventory"})
package cn.govcloud.guard.hazards;

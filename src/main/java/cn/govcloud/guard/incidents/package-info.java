/**
 * Security incidents, emergency plans and drills (A10.3, A10.4, A10.5): incidents classified after
 * the national scheme (GB/Z 20986, 《国家网络安全事件应急预案》) and graded I–IV with a suggestion from
 * the grading criteria; for grades I–III the 30-minute initial report clock from the catalog
 * (event {@code incident.confirmed}), progress reports while open ({@code incident.reported}) and a
 * final analysis report after resolution ({@code incident.closed}); every report goes to the
 * regulators, who acknowledge it, and is rendered as a Chinese PDF. Emergency plans (the provider's
 * overall plan, each unit's plan per system) are versioned; drills record their scenarios, the units
 * taking part and their findings, which become hazard notices.
 *
 * <p>Public API: {@link cn.govcloud.guard.incidents.Incidents}; the events {@link cn.govcloud.guard.incidents.IncidentConfirmed},
 * {@link cn.govcloud.guard.incidents.IncidentReported} and {@link cn.govcloud.guard.incidents.IncidentClosed}, published in
 * the transaction of the change, on which the duty engine raises the report clocks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents, emergency plans and drills",
        allowedDependencies = {"shared", "audit", "identity", "calendar", "rules", "documents", "notify", "duties", "systems", "hazards"})
package cn.govcloud.guard.incidents;

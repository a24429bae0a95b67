/**
 * Ticketing (issue 21 point 5, A10.1, A10.2): hazard notices (and, by 「开工单」, alerts) open a ticket in the owning unit's (or the provider's) service
 * desk through a signed webhook delivered from an outbox, and the desk's signed callbacks acknowledge the hazard or submit
 * its rectification feedback through the hazards module's public API, as the unit would. The platform stays the record.
 * Public API: {@link cn.govcloud.guard.ticketing.ServiceDesks}, {@link cn.govcloud.guard.ticketing.Tickets}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ticketing",
        allowedDependencies = {"shared", "crypto", "audit", "identity", "hazards", "hazards :: intake", "duties"})
package cn.govcloud.guard.ticketing;

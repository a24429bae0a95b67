/**
 * Supervision (A11.3, A12): the supervisor's monthly scheduling, quarterly special inspections and
 * notices (A11.3), the annual assessment and ranking of units with the provider's record and the
 * report for the regulators (A12), and the dashboards. It only reads what the other modules record,
 * through their public APIs, and owns only its own tables ({@code supervision_*}). It publishes
 * {@link cn.govcloud.guard.supervision.SchedulingActionAssigned} and {@link cn.govcloud.guard.supervision.NoticeIssued},
 * on which the duty engine raises the assigned action's and the notice's acknowledgement duties.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supervision",
        allowedDependencies = {"shared", "audit", "identity", "calendar", "rules", "documents", "notify", "duties", "systems", "systems :: ledger", "hazards", "hazards :: intake", "incidents", "platform", "access"})
package cn.govcloud.guard.supervision;

/**
 * Supervision (A11.3, A12): monthly scheduling, quarterly inspections, notices, annual assessment, dashboards and reports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supervision")
package cn.govcloud.guard.supervision;

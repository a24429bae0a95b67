/**
 * Hosted systems (云上政务信息系统, A7, A11): the register of each unit's systems with their
 * protection level, exposure and addresses; the lifecycle the aggregate guards — registration,
 * the signed responsibility agreement (A11.1), the supervisor's item-by-item admission check and
 * the internet / external-exchange gate (A11.2), suspension and ordered exit (A11.4) — with a
 * timeline of every transition; protection measures (A7.1) and contractors (A7.2). Publishes
 * admitted systems to the duty engine as subjects and raises its events. Public API:
 * {@link cn.govcloud.guard.systems.Systems}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Hosted systems",
        allowedDependencies = {"shared", "crypto", "audit", "identity", "calendar", "rules", "documents", "notify", "duties"})
package cn.govcloud.guard.systems;

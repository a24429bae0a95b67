/**
 * Duties: what each party owes under the rule catalog, when it is due, and whether it was done
 * (all articles). The engine creates recurring duties for every subject a rule applies to and
 * event duties when another module reports an event; due times, reminders and escalation run on
 * db-scheduler; submissions carry the evidence the rule asks for; the compliance matrix shows,
 * for the platform, each unit and each system, every rule's state.
 *
 * <p>Public API: {@link cn.govcloud.guard.duties.Duties} (raise event duties, fulfil them, read
 * an actor's agenda) and {@link cn.govcloud.guard.duties.SubjectSource} (a module that owns
 * subjects, e.g. hosted systems, lists them for the engine).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Duties and compliance",
        allowedDependencies = {"shared", "audit", "identity", "calendar", "rules", "documents", "notify"})
package cn.govcloud.guard.duties;

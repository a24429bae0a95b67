/**
 * The Measures as a versioned rule catalog (A13–A15): one rule per duty, with who must act, what
 * it applies to, its trigger, its due rule, the evidence it asks for, reminders and escalation.
 * The catalog ships as YAML in the product; a district overlay changes values without copying
 * it. Public API: {@link cn.govcloud.guard.rules.RuleCatalog} and the {@link cn.govcloud.guard.rules.Rule} model.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rule catalog",
        allowedDependencies = {"shared", "audit", "calendar"})
package cn.govcloud.guard.rules;

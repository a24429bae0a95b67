/**
 * The shared kernel every module may use: roles, organisation kinds, the acting user, the
 * endpoint authorisation annotation and the rule-violation exception. It depends on nothing
 * but Spring Security's context, so {@code audit}, {@code crypto} and {@code calendar} stay
 * free of other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel",
        allowedDependencies = {})
package cn.govcloud.guard.shared;

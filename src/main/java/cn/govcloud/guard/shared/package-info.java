/**
 * The shared kernel every module may use: roles, organisation kinds, the acting user, the
 * endpoint authorisation annotation and the rule-violation exception, and the base of the H2
 * counter triggers ({@link cn.govcloud.guard.shared.CounterTrigger}) that duties and hazards both
 * use. It depends on nothing but Spring Security's context and H2's trigger interface, so
 * {@code audit}, {@code crypto} and {@code calendar} stay free of other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel",
        allowedDependencies = {})
package cn.govcloud.guard.shared;

package cn.govcloud.guard.hazards.intake.syslog;

import java.time.Instant;

/**
 * One mapping rule (issue 21 point 3): which lines it takes and how their fields make an alert.
 *
 * @param kind            {@code REGEX}: {@code pattern} with named groups is the extraction; {@code KV}: key=value pairs of
 *                        the message (values quoted or bare), {@code pattern} an optional filter whose named groups are
 *                        fields too; {@code JSON}: the message's JSON object flattened to dotted keys, {@code pattern} an
 *                        optional filter
 * @param appFilter       only lines whose APP-NAME / TAG is this (case-insensitive); null: any
 * @param title           template: text with {@code {field}} placeholders
 * @param severity        template giving the device's severity, translated by {@code severityMap} ({@code value=SEVERITY,…},
 *                        case-insensitive) or taken as is when it names one of ours; else {@code defaultSeverity}
 * @param systemId        every alert of this rule goes to this system; null: matched by address (destination first)
 */
public record MappingRule(Long id, String name, int position, boolean enabled, String kind, String appFilter, String pattern,
                          String title, String severity, String severityMap, String defaultSeverity, String sourceAddress,
                          String destAddress, String signature, Long systemId, boolean builtin, String sample, Instant updatedAt,
                          String updatedBy) {
}

package cn.govcloud.guard.duties;

import java.time.Instant;
import java.util.Map;

/**
 * An event another module reports, e.g. {@code hazard.notified} for hazard 17 of system 5.
 *
 * @param event       the event name the catalog's triggers use
 * @param subject     what the duty is owed for
 * @param at          when it happened; the due time counts from it (e.g. 5 working days after)
 * @param reference   the record that caused it, e.g. {@code hazard:17}; one duty per rule, subject and reference
 * @param attributes  facts of the event that rule conditions may test besides the subject's, e.g. {@code grade → 2}
 * @param actingOrgId the organisation the event names as the one to act, or null: e.g. the department that
 *                    warned of a hazard verifies the unit's feedback (A10.2 "预警部门"), which may be one
 *                    regulator among several. It is used for a rule whose party is of that organisation's
 *                    kind; any other rule of the event falls back to the party's usual organisation.
 */
public record DutyTrigger(String event, Subject subject, Instant at, String reference, Map<String, ?> attributes, Long actingOrgId) {
    public DutyTrigger {
        attributes = Map.copyOf(attributes);
    }

    public DutyTrigger(String event, Subject subject, Instant at, String reference, Map<String, ?> attributes) {
        this(event, subject, at, reference, attributes, null);
    }

    public DutyTrigger(String event, Subject subject, Instant at, String reference) {
        this(event, subject, at, reference, Map.of(), null);
    }
}

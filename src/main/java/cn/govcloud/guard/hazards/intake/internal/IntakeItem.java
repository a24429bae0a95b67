package cn.govcloud.guard.hazards.intake.internal;

import static cn.govcloud.guard.hazards.intake.internal.Columns.clip;

import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.parse.Severity;
import cn.govcloud.guard.shared.RuleViolation;

/**
 * A finding or an alert under triage (A10.1, A10.2), the aggregate whose state machine the intake guards:
 * {@code TRIAGE} (matched no system) → {@code OPEN} by assigning a system; {@code TRIAGE} or {@code OPEN} →
 * {@code DISMISSED} with a reason; {@code OPEN} on a system → {@code RAISED} as a hazard notice. An illegal
 * step throws naming the rule.
 */
public record IntakeItem(Kind kind, long id, Long systemId, String state, String title, String severity, String detail) {
    /** Which table a triage or hazard action works on. */
    public enum Kind {
        FINDING("intake_finding", "finding"), ALERT("intake_alert", "alert");

        final String table;
        final String ref;

        Kind(String table, String ref) {
            this.table = table;
            this.ref = ref;
        }

        /** How the hazard names its source ({@code FINDING}, {@code ALERT}). */
        String source() {
            return name();
        }
    }

    /** The reference other records use, e.g. {@code finding:17}. */
    String ref() {
        return kind.ref + ":" + id;
    }

    /** A10.1: only what waits in triage is assigned to a system. */
    IntakeItem assign() {
        if (!state.equals("TRIAGE")) {
            throw new RuleViolation("A10.1", "hazards.intake.error.notInTriage");
        }
        return with("OPEN");
    }

    /** A10.1: a false positive or an address outside the cloud is dismissed while it is in triage or open. */
    IntakeItem dismiss() {
        if (!(state.equals("TRIAGE") || state.equals("OPEN"))) {
            throw new RuleViolation("A10.1", "hazards.intake.error.notOpen");
        }
        return with("DISMISSED");
    }

    /** A10.2: an open item on a known system becomes a hazard notice; this is the notice it asks for. */
    Hazards.NewHazard hazard() {
        if (!state.equals("OPEN") || systemId == null) {
            throw new RuleViolation("A10.2", "hazards.intake.error.notRaisable");
        }
        return new Hazards.NewHazard(systemId, clip(title, 200), Hazards.Severity.valueOf(Severity.valueOf(severity).hazardSeverity()), detail,
                null, kind.source(), ref());
    }

    private IntakeItem with(String next) {
        return new IntakeItem(kind, id, systemId, next, title, severity, detail);
    }
}

package cn.govcloud.guard.systems;

import java.util.List;

/**
 * Read-only admission figures for the annual assessment (A12, after A11.1 and A11.2), as the
 * register stands now: a unit's systems count when they run on the platform (admitted, suspended
 * or ordered to exit) or have internet access; one is compliant with a signed agreement and every
 * verification item accepted. Unscoped: the caller checks who may see them.
 */
public interface AdmissionOutcomes {

    record Tally(long orgId, long systems, long compliant) {
    }

    record Outcome(long id, String name, String state, boolean agreementSigned, boolean verificationPassed, boolean internetAccess,
                   boolean compliant) {
    }

    /** Per unit with at least one system counted (one query, grouped by unit). */
    List<Tally> tally();

    /** The systems counted for one unit, by name. */
    List<Outcome> outcomes(long orgId);
}

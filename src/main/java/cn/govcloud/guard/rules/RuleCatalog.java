package cn.govcloud.guard.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The catalog in force: the product's catalog with the district overlay (if any) applied. It
 * can change at run time (a new overlay), so callers ask it each time rather than caching rules.
 */
public interface RuleCatalog {

    Version version();

    /** Every rule, in catalog order. */
    List<Rule> rules();

    Optional<Rule> rule(String id);

    /** The rules an event (e.g. {@code hazard.notified}) triggers, in catalog order. */
    List<Rule> triggeredBy(String event);

    /**
     * The catalog's identity, printed on every duty and finding (A14, A15).
     *
     * @param id         e.g. {@code 包府办发〔2025〕77号}
     * @param version    e.g. {@code 2025.12.16-r1}, plus {@code +<overlay name>@<overlay version>} when an overlay is in force
     * @param validFrom  A15: 2025-12-16
     * @param validUntil the last day it is valid (five years)
     */
    record Version(String id, String title, String version, LocalDate validFrom, LocalDate validUntil, String overlay) {
        public boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && !day.isAfter(validUntil);
        }
    }
}

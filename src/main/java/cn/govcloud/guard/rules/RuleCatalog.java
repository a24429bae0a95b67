package cn.govcloud.guard.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The catalog in force: the product's catalog with the district overlay (if any) applied. It
 * can change at run time (a new overlay), so callers ask it each time rather than caching rules.
 *
 * <p>How the rules are meant to be read:
 * <ul>
 * <li>{@link Rule#conditions()} are tested on the attributes of the subject (a system:
 *     {@code mlpsLevel}, {@code yearsSinceMlpsAssessment}, {@code dataGrade}, {@code cii}) together with those of
 *     the triggering event ({@code certification.issued}: {@code kind}; {@code supply-chain.item-proposed}:
 *     {@code itemType}; {@code incident.*}: {@code grade}); a missing attribute fails its condition.</li>
 * <li>An event names its subject. A rule triggered by it is owed when its {@link Rule#appliesTo()} is
 *     the subject's kind ({@code incident.confirmed} about a system triggers A10.5, about the platform
 *     A10.4), or by every subject of that kind under it when the rule is finer ({@code exit.requested}
 *     about the platform: A5.6-system-migration for every hosted system).</li>
 * </ul>
 */
public interface RuleCatalog {

    Version version();

    /** Every rule, in catalog order. */
    List<Rule> rules();

    Optional<Rule> rule(String id);

    /** The rules an event (e.g. {@code hazard.notified}) triggers, in catalog order. */
    List<Rule> triggeredBy(String event);

    /**
     * The catalog's minimum backup policies per data grade (A7.1, A8.2), in catalog order; a
     * district overlay does not change them.
     */
    default List<BackupMinimum> backupMinimums() {
        return List.of();
    }

    /** The minimum for a grade ({@code core}, {@code important}, {@code general}). */
    default Optional<BackupMinimum> backupMinimum(String grade) {
        return backupMinimums().stream().filter(m -> m.grade().equals(grade)).findFirst();
    }

    /**
     * How units are scored in the annual assessment (A12), with the district overlay's weights and
     * deductions applied when one is in force.
     */
    default AssessmentModel assessment() {
        return AssessmentModel.none();
    }

    /** The values the Measures leave open (issue 17 point 16), with the district overlay's values, in catalog order. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** A parameter of the catalog in force, e.g. {@code A9.2-channel-max-window}; the product catalog has every one the code reads. */
    default Parameter parameter(String id) {
        return parameters().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the rule catalog has no parameter " + id));
    }

    /** Every event some rule waits for, in catalog order: what the other modules must publish. */
    default List<String> events() {
        return rules().stream().map(rule -> rule.trigger().event()).filter(java.util.Objects::nonNull).distinct().toList();
    }

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

package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog in force at one moment, immutable, so a caller reading several rules sees one
 * version even if an overlay changes meanwhile.
 */
public final class CatalogSnapshot {
    private final RuleCatalog.Version version;
    private final List<Rule> rules;
    private final Map<String, Rule> byId = new LinkedHashMap<>();
    private final Map<String, List<Rule>> byEvent = new LinkedHashMap<>();
    private final StoredOverlay overlay;
    private final List<String> warnings;
    private final StoredOverlay notApplied;
    private final List<String> problems;
    private final cn.govcloud.guard.rules.AssessmentModel assessment;
    private final List<cn.govcloud.guard.rules.Parameter> parameters;

    /**
     * @param overlay    the overlay in force, or null
     * @param warnings   about the overlay in force (e.g. written for another product version)
     * @param notApplied the active stored overlay when it no longer fits the product catalog, else null
     * @param problems   why it does not fit
     */
    CatalogSnapshot(RuleCatalog.Version version, List<Rule> rules, StoredOverlay overlay, List<String> warnings,
                    StoredOverlay notApplied, List<String> problems, cn.govcloud.guard.rules.AssessmentModel assessment,
                    List<cn.govcloud.guard.rules.Parameter> parameters) {
        this.version = version;
        this.parameters = List.copyOf(parameters);
        this.assessment = assessment;
        this.rules = List.copyOf(rules);
        this.overlay = overlay;
        this.warnings = List.copyOf(warnings);
        this.notApplied = notApplied;
        this.problems = List.copyOf(problems);
        for (Rule rule : this.rules) {
            byId.put(rule.id(), rule);
            if (rule.trigger().event() != null) {
                byEvent.computeIfAbsent(rule.trigger().event(), e -> new ArrayList<>()).add(rule);
            }
        }
        byEvent.replaceAll((event, list) -> List.copyOf(list));
    }

    public RuleCatalog.Version version() {
        return version;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public List<Rule> triggeredBy(String event) {
        return event == null ? List.of() : byEvent.getOrDefault(event, List.of());
    }

    /** Every event some rule waits for, in catalog order. */
    public List<String> events() {
        return Collections.unmodifiableList(new ArrayList<>(byEvent.keySet()));
    }

    /** The annual assessment's items, weights and deductions in force (A12, A13). */
    public cn.govcloud.guard.rules.AssessmentModel assessment() {
        return assessment;
    }

    /** The values the Measures leave open, with the overlay's values applied (issue 17 point 16). */
    public List<cn.govcloud.guard.rules.Parameter> parameters() {
        return parameters;
    }

    public Optional<StoredOverlay> overlay() {
        return Optional.ofNullable(overlay);
    }

    long overlayId() {
        return overlay != null ? overlay.id() : notApplied != null ? notApplied.id() : 0;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Optional<StoredOverlay> notApplied() {
        return Optional.ofNullable(notApplied);
    }

    public List<String> problems() {
        return problems;
    }
}

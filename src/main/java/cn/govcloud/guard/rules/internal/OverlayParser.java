package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.DueRule;
import cn.govcloud.guard.rules.Rule.Escalation;
import cn.govcloud.guard.rules.internal.Overlay.RuleChange;
import cn.govcloud.guard.rules.internal.YamlTree.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and checks a district overlay (A13) against the product catalog:
 * <pre>
 * overlay: {name: 昆都仑区, version: 2026-1, basedOn: 2025.12.16-r1}
 * rules:
 *   A10.2-rectify: {due: {workingDays: 3}, remind: [P1D]}
 *   A5.4-daily-inspection: {escalate: {after: PT2H, to: [supervisor, regulator]}}
 *   # the annual assessment (A12): weights and incident deductions of the catalog's items
 * assessment:
 *   items:
 *     hazards: {weight: 40}
 *     incidents: {weight: 10, deductions: {III: 20}}
 * </pre>
 * An overlay gives {@code rules}, {@code assessment} or both. In {@code assessment} a catalog
 * item's {@code weight} and (kind incidents) {@code deductions} per grade may change, nothing else
 * of it; a district adds an item by giving it whole under a new id, as the catalog states items
 * (e.g. {@code drills: {kind: duties, rules: [A10.3-], title: …, titleEn: …, weight: 10, note: …}});
 * a new id with only a weight is refused as unknown. The weights after the change must add up to
 * 100, else the whole overlay is refused.
 * Only values may change: {@code due}, {@code remind}, {@code escalate}, {@code when} and the
 * {@code required} flags of the evidence. Who must act, what a duty is owed for, when it arises
 * and the text of the Measures stay as the product states them; an overlay that tries is refused
 * whole, with every problem and its line.
 */
public final class OverlayParser {
    static final List<String> CHANGEABLE = List.of("due", "remind", "escalate", "when", "evidence");
    /** A10.2's own number: the ceiling of every rectification rule, whatever a district overlays. */
    static final int RECTIFY_CEILING_WORKING_DAYS = 5;
    static final Set<String> FIXED = Set.of("id", "article", "title", "titleEn", "source", "party", "appliesTo", "trigger", "note", "noteEn");

    private final ProductCatalog product;

    public OverlayParser(ProductCatalog product) {
        this.product = product;
    }

    /**
     * @param sameBase whether an overlay written for another product version is refused (uploads,
     *                 the configured file) or only warned about (a stored overlay after a product upgrade)
     * @throws CatalogInvalid listing every problem
     */
    public Overlay parse(String file, String text, boolean sameBase) {
        YamlTree yaml = new YamlTree(file);
        Overlay overlay = read(yaml, yaml.parse(text), sameBase);
        if (!yaml.ok() || overlay == null) {
            throw new CatalogInvalid("The overlay " + file, yaml.problems());
        }
        return overlay;
    }

    private Overlay read(YamlTree yaml, Node root, boolean sameBase) {
        if (root == null) {
            return null;
        }
        Map<String, Entry> top = yaml.mapping(root, "");
        if (top == null) {
            return null;
        }
        yaml.keys(top, root, "", List.of("overlay"), List.of("rules", "assessment", "parameters"));
        if (!top.containsKey("rules") && !top.containsKey("assessment") && !top.containsKey("parameters")) {
            yaml.problem(root, "rules", "is required (or assessment, parameters): an overlay must change something");
        }
        List<String> warnings = new ArrayList<>();
        Overlay header = top.containsKey("overlay") ? header(yaml, top.get("overlay").value(), sameBase, warnings) : null;
        Map<String, RuleChange> changes = top.containsKey("rules") ? rules(yaml, top.get("rules").value()) : Map.of();
        Map<String, AssessmentParts.ItemChange> assessment = top.containsKey("assessment")
                ? AssessmentParts.overlay(yaml, top.get("assessment").value(), product.assessment(), product.entries()) : Map.of();
        Map<String, cn.govcloud.guard.rules.Parameter> parameters = top.containsKey("parameters")
                ? ParameterParts.overlay(yaml, top.get("parameters").value(), product.parameters()) : Map.of();
        if (header == null) {
            return null;
        }
        return new Overlay(header.name(), header.version(), header.basedOn(), changes, assessment, parameters, warnings, header.versionLine());
    }

    private Overlay header(YamlTree yaml, Node node, boolean sameBase, List<String> warnings) {
        Map<String, Entry> e = yaml.mapping(node, "overlay");
        if (e == null) {
            return null;
        }
        yaml.keys(e, node, "overlay", List.of("name", "version", "basedOn"), List.of());
        String name = e.containsKey("name") ? yaml.text(e.get("name").value(), "overlay.name") : null;
        if (name != null && (name.length() > 100 || name.contains("+") || name.contains("@"))) {
            yaml.problem(e.get("name").value(), "overlay.name", "must be at most 100 characters without '+' or '@'");
            name = null;
        }
        String version = e.containsKey("version") ? yaml.text(e.get("version").value(), "overlay.version") : null;
        if (version != null && !CatalogParser.VERSION.matcher(version).matches()) {
            yaml.problem(e.get("version").value(), "overlay.version", "must be letters, digits, '.', '-' or '_' (at most 50), e.g. 2026-1");
            version = null;
        }
        String basedOn = e.containsKey("basedOn") ? yaml.text(e.get("basedOn").value(), "overlay.basedOn") : null;
        String productVersion = product.version().version();
        if (basedOn != null && !basedOn.equals(productVersion)) {
            String message = "was written for catalog " + basedOn + " but the product catalog is " + productVersion
                    + "; check the overlay against it and set basedOn: " + productVersion;
            if (sameBase) {
                yaml.problem(e.get("basedOn").value(), "overlay.basedOn", message);
                basedOn = null;
            } else {
                warnings.add("overlay.basedOn " + message);
            }
        }
        if (name == null || version == null || basedOn == null) {
            return null;
        }
        return new Overlay(name, version, basedOn, Map.of(), Map.of(), Map.of(), List.of(), YamlTree.line(e.get("version").value()));
    }

    private Map<String, RuleChange> rules(YamlTree yaml, Node node) {
        Map<String, Entry> rules = yaml.mapping(node, "rules");
        if (rules == null) {
            return Map.of();
        }
        if (rules.isEmpty()) {
            yaml.problem(node, "rules", "an overlay must change at least one rule");
        }
        Map<String, RuleChange> changes = new LinkedHashMap<>();
        rules.forEach((id, entry) -> {
            String path = "rules[" + id + "]";
            CatalogEntry base = product.entry(id).orElse(null);
            if (base == null) {
                yaml.problem(entry.key(), path, "no rule '" + YamlTree.shorten(id) + "' in catalog " + product.version().version());
                return;
            }
            RuleChange change = change(yaml, entry.value(), path, base.rule());
            if (change != null) {
                changes.put(id, change);
            }
        });
        return changes;
    }

    private RuleChange change(YamlTree yaml, Node node, String path, Rule base) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        if (e.isEmpty()) {
            yaml.problem(node, path, "changes nothing; give one of " + String.join(", ", CHANGEABLE));
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, Entry> key : e.entrySet()) {
            if (FIXED.contains(key.getKey())) {
                yaml.problem(key.getValue().key(), path + "." + key.getKey(), "may not be overridden: a district overlay changes only "
                        + String.join(", ", CHANGEABLE) + " (required flags), never who must act, what for or when a duty arises (A13)");
                ok = false;
            } else if (!CHANGEABLE.contains(key.getKey())) {
                yaml.problem(key.getValue().key(), path + "." + key.getKey(), "unknown key; an overlay may change " + String.join(", ", CHANGEABLE));
                ok = false;
            }
        }
        RuleParts parts = new RuleParts(yaml);
        DueRule due = e.containsKey("due") ? parts.due(e.get("due").value(), path + ".due") : null;
        // A10.2 "于5个工作日内": a district may shorten the rectification time, never lengthen it (issue 17 point 4)
        if (due != null && base.id().startsWith("A10.2-rectify")
                && (due.kind() != DueRule.Kind.WORKING_DAYS || due.amount() > RECTIFY_CEILING_WORKING_DAYS)) {
            yaml.problem(e.get("due").key(), path + ".due", "A10.2: the Measures' " + RECTIFY_CEILING_WORKING_DAYS
                    + " working days are the ceiling of a rectification; give {workingDays: n} with n ≤ " + RECTIFY_CEILING_WORKING_DAYS);
            ok = false;
        }
        List<Duration> reminders = e.containsKey("remind") ? parts.reminders(e.get("remind").value(), path + ".remind") : null;
        Escalation escalation = e.containsKey("escalate") ? parts.escalation(e.get("escalate").value(), path + ".escalate") : null;
        List<Condition> conditions = e.containsKey("when") ? parts.conditions(e.get("when").value(), path + ".when") : null;
        Map<String, Boolean> fields = new HashMap<>();
        Map<String, Boolean> documents = new HashMap<>();
        if (e.containsKey("evidence")) {
            ok &= evidence(yaml, e.get("evidence").value(), path + ".evidence", base, fields, documents);
        }
        ok &= (due != null) == e.containsKey("due") && (reminders != null) == e.containsKey("remind")
                && (escalation != null) == e.containsKey("escalate") && (conditions != null) == e.containsKey("when");
        return ok ? new RuleChange(due, reminders, escalation, conditions, fields, documents) : null;
    }

    /** {@code evidence: {fields: {devicesOk: {required: true}}, documents: {report: {required: false}}}} */
    private static boolean evidence(YamlTree yaml, Node node, String path, Rule base, Map<String, Boolean> fields,
                                    Map<String, Boolean> documents) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return false;
        }
        yaml.keys(e, node, path, List.of(), List.of("fields", "documents"));
        Set<String> fieldNames = base.evidence().fields().stream().map(Rule.Field::name).collect(Collectors.toSet());
        Set<String> documentNames = base.evidence().documents().stream().map(Rule.DocumentSlot::name).collect(Collectors.toSet());
        boolean ok = true;
        if (e.containsKey("fields")) {
            ok &= flags(yaml, e.get("fields").value(), path + ".fields", fieldNames, "field", fields);
        }
        if (e.containsKey("documents")) {
            ok &= flags(yaml, e.get("documents").value(), path + ".documents", documentNames, "document", documents);
        }
        return ok;
    }

    private static boolean flags(YamlTree yaml, Node node, String path, Set<String> known, String what, Map<String, Boolean> into) {
        Map<String, Entry> items = yaml.mapping(node, path);
        if (items == null) {
            return false;
        }
        boolean ok = true;
        for (Map.Entry<String, Entry> item : items.entrySet()) {
            String at = path + "." + item.getKey();
            if (!known.contains(item.getKey())) {
                yaml.problem(item.getValue().key(), at, "the rule has no evidence " + what + " '" + YamlTree.shorten(item.getKey()) + "'");
                ok = false;
                continue;
            }
            Map<String, Entry> flag = yaml.mapping(item.getValue().value(), at);
            if (flag == null) {
                ok = false;
                continue;
            }
            for (Map.Entry<String, Entry> key : flag.entrySet()) {
                if (!key.getKey().equals("required")) {
                    yaml.problem(key.getValue().key(), at + "." + key.getKey(), "may not be overridden: only required can change");
                    ok = false;
                }
            }
            if (!flag.containsKey("required")) {
                yaml.problem(item.getValue().value(), at + ".required", "is required");
                ok = false;
                continue;
            }
            Boolean required = yaml.bool(flag.get("required").value(), at + ".required");
            if (required == null) {
                ok = false;
            } else {
                into.put(item.getKey(), required);
            }
        }
        return ok;
    }
}

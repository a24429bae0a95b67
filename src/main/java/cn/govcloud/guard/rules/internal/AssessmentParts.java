package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.AssessmentModel;
import cn.govcloud.guard.rules.AssessmentModel.Item;
import cn.govcloud.guard.rules.AssessmentModel.Kind;
import cn.govcloud.guard.rules.internal.YamlTree.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the catalog's {@code assessment} section (A12) and a district overlay's changes to it
 * (A13): weights and incident deductions only; the items, their kinds and what they count stay as
 * the product states them. Either way the weights must add up to {@link AssessmentModel#TOTAL}.
 */
final class AssessmentParts {
    static final Map<String, Kind> KINDS = YamlTree.names(Kind.class);
    /** Points per incident of a grade (I … IV), and per late, missing or concealed report (迟报、漏报、瞒报, issue 17 point 15). */
    static final List<String> GRADES = List.of("I", "II", "III", "IV", "late", "missing", "concealed");
    private static final Pattern ITEM_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private AssessmentParts() {
    }

    /** A district's change to one item (null means unchanged), or an item the district adds ({@code added}). */
    record ItemChange(Integer weight, Map<String, Integer> deductions, Item added) {
        ItemChange {
            deductions = Map.copyOf(deductions);
        }
    }

    /** {@code assessment: {items: [{id, kind, title, titleEn, weight, deductions?, rules?, articles?, note}]}} */
    static AssessmentModel catalog(YamlTree yaml, Node node, List<CatalogEntry> entries) {
        Map<String, Entry> top = yaml.mapping(node, "assessment");
        if (top == null) {
            return null;
        }
        yaml.keys(top, node, "assessment", List.of("items"), List.of());
        List<Node> nodes = top.containsKey("items") ? yaml.list(top.get("items").value(), "assessment.items") : null;
        if (nodes == null) {
            return null;
        }
        List<Item> items = new ArrayList<>();
        YamlTree.Seen ids = new YamlTree.Seen();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            Item item = item(yaml, nodes.get(i), "assessment.items[" + i + "]", entries, ids, null);
            ok &= item != null;
            if (item != null) {
                items.add(item);
            }
        }
        AssessmentModel model = new AssessmentModel(items);
        if (ok && model.totalWeight() != AssessmentModel.TOTAL) {
            yaml.problem(node, "assessment.items", "the weights add up to " + model.totalWeight() + "; they must add up to " + AssessmentModel.TOTAL);
        }
        return ok ? model : null;
    }

    /** @param fixedId the id an overlay gives as the key of an item it adds; null in the catalog (then {@code id} is a key) */
    private static Item item(YamlTree yaml, Node node, String path, List<CatalogEntry> entries, YamlTree.Seen ids, String fixedId) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        List<String> required = fixedId == null ? List.of("id", "kind", "title", "titleEn", "weight", "note") : List.of("kind", "title", "titleEn", "weight", "note");
        yaml.keys(e, node, path, required, List.of("deductions", "rules", "articles", "noteEn"));
        String id = fixedId != null ? fixedId : e.containsKey("id") ? yaml.text(e.get("id").value(), path + ".id") : null;
        if (id != null && !ITEM_ID.matcher(id).matches()) {
            yaml.problem(fixedId != null ? node : e.get("id").value(), path + (fixedId != null ? "" : ".id"),
                    "'" + YamlTree.shorten(id) + "' is not an item id like hazards (lower-case letters, digits, -)");
            id = null;
        }
        if (id != null && ids != null) {
            Integer first = ids.firstLine(id, YamlTree.line(node));
            if (first != null) {
                yaml.problem(e.get("id").value(), path + ".id", "duplicate item id '" + id + "' (first at line " + first + ")");
                id = null;
            }
        }
        Kind kind = e.containsKey("kind") ? yaml.oneOf(e.get("kind").value(), path + ".kind", KINDS) : null;
        String title = e.containsKey("title") ? yaml.text(e.get("title").value(), path + ".title") : null;
        String titleEn = e.containsKey("titleEn") ? yaml.text(e.get("titleEn").value(), path + ".titleEn") : null;
        String note = e.containsKey("note") ? yaml.text(e.get("note").value(), path + ".note") : null;
        Integer weight = e.containsKey("weight") ? yaml.integer(e.get("weight").value(), path + ".weight", 0, AssessmentModel.TOTAL) : null;
        Map<String, Integer> deductions = Map.of();
        boolean ok = true;
        if (e.containsKey("deductions")) {
            deductions = deductions(yaml, e.get("deductions").value(), path + ".deductions");
            ok = deductions != null;
            if (kind != null && kind != Kind.INCIDENTS) {
                yaml.problem(e.get("deductions").key(), path + ".deductions", "only an item of kind incidents has deductions");
                ok = false;
            }
        } else if (kind == Kind.INCIDENTS) {
            yaml.problem(node, path + ".deductions", "is required for kind incidents (points per incident of grade I, II, III, IV)");
            ok = false;
        }
        List<String> prefixes = e.containsKey("rules") ? texts(yaml, e.get("rules").value(), path + ".rules") : List.of();
        List<String> articles = e.containsKey("articles") ? texts(yaml, e.get("articles").value(), path + ".articles") : List.of();
        if ((e.containsKey("rules") || e.containsKey("articles")) && kind != null && kind != Kind.DUTIES) {
            yaml.problem(node, path, "only an item of kind duties may name rules or articles");
            ok = false;
        }
        if (prefixes != null) {
            for (String prefix : prefixes) {
                if (entries.stream().noneMatch(c -> c.rule().id().startsWith(prefix))) {
                    yaml.problem(e.get("rules").value(), path + ".rules", "no rule of this catalog starts with '" + YamlTree.shorten(prefix) + "'");
                    ok = false;
                }
            }
        }
        if (articles != null) {
            for (String article : articles) {
                if (entries.stream().noneMatch(c -> c.rule().article().equals(article))) {
                    yaml.problem(e.get("articles").value(), path + ".articles", "no rule of this catalog has article '" + YamlTree.shorten(article) + "'");
                    ok = false;
                }
            }
        }
        if (!ok || id == null || kind == null || title == null || titleEn == null || note == null || weight == null || deductions == null
                || prefixes == null || articles == null) {
            return null;
        }
        return new Item(id, kind, title, titleEn, weight, deductions, prefixes, articles, note, Set.of());
    }

    /** {@code {I: 20, II: 10, III: 5, IV: 0, late: 5, missing: 10, concealed: 20}}: points per incident or failed report, each key at most once. */
    private static Map<String, Integer> deductions(YamlTree yaml, Node node, String path) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Entry> grade : e.entrySet()) {
            if (!GRADES.contains(grade.getKey())) {
                yaml.problem(grade.getValue().key(), path + "." + grade.getKey(), "not a grade; use " + String.join(", ", GRADES));
                ok = false;
                continue;
            }
            Integer points = yaml.integer(grade.getValue().value(), path + "." + grade.getKey(), 0, AssessmentModel.TOTAL);
            if (points == null) {
                ok = false;
            } else {
                result.put(grade.getKey(), points);
            }
        }
        return ok ? result : null;
    }

    private static List<String> texts(YamlTree yaml, Node node, String path) {
        List<Node> nodes = yaml.list(node, path);
        if (nodes == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String value = yaml.text(nodes.get(i), path + "[" + i + "]");
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /**
     * An overlay's {@code assessment: {items: {hazards: {weight: 40}, incidents: {deductions: {III: 20}}}}}:
     * weights and deductions of the catalog's items, and items the district adds, each given whole as
     * in the catalog (kind, title, titleEn, weight, note, and deductions / rules / articles); the
     * weights after the change must still add up to 100.
     */
    static Map<String, ItemChange> overlay(YamlTree yaml, Node node, AssessmentModel base, List<CatalogEntry> entries) {
        Map<String, Entry> top = yaml.mapping(node, "assessment");
        if (top == null) {
            return Map.of();
        }
        yaml.keys(top, node, "assessment", List.of("items"), List.of());
        Map<String, Entry> items = top.containsKey("items") ? yaml.mapping(top.get("items").value(), "assessment.items") : null;
        if (items == null) {
            return Map.of();
        }
        if (items.isEmpty()) {
            yaml.problem(node, "assessment.items", "changes nothing; name an item and its weight or deductions");
        }
        Map<String, ItemChange> changes = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Entry> entry : items.entrySet()) {
            String path = "assessment.items." + entry.getKey();
            Item item = base.item(entry.getKey()).orElse(null);
            Map<String, Entry> given = yaml.mapping(entry.getValue().value(), path);
            if (item == null && given != null && given.containsKey("kind")) {
                Item added = item(yaml, entry.getValue().value(), path, entries, null, entry.getKey());
                ok &= added != null;
                if (added != null) {
                    changes.put(added.id(), new ItemChange(null, Map.of(), added));
                }
                continue;
            }
            if (item == null) {
                yaml.problem(entry.getValue().key(), path, "no assessment item '" + YamlTree.shorten(entry.getKey()) + "' in the catalog (items are "
                        + String.join(", ", base.items().stream().map(Item::id).toList()) + "); to add one, give kind, title, titleEn, weight and note");
                ok = false;
                continue;
            }
            Map<String, Entry> e = given;
            if (e == null) {
                ok = false;
                continue;
            }
            for (Map.Entry<String, Entry> key : e.entrySet()) {
                if (!key.getKey().equals("weight") && !key.getKey().equals("deductions")) {
                    yaml.problem(key.getValue().key(), path + "." + key.getKey(), "may not be overridden: a district overlay changes only weight and deductions");
                    ok = false;
                }
            }
            if (e.isEmpty()) {
                yaml.problem(entry.getValue().value(), path, "changes nothing; give weight or deductions");
                ok = false;
            }
            Integer weight = e.containsKey("weight") ? yaml.integer(e.get("weight").value(), path + ".weight", 0, AssessmentModel.TOTAL) : null;
            ok &= weight != null || !e.containsKey("weight");
            Map<String, Integer> deductions = Map.of();
            if (e.containsKey("deductions")) {
                if (item.kind() != Kind.INCIDENTS) {
                    yaml.problem(e.get("deductions").key(), path + ".deductions", "only an item of kind incidents has deductions");
                    ok = false;
                } else {
                    deductions = deductions(yaml, e.get("deductions").value(), path + ".deductions");
                    ok &= deductions != null;
                }
            }
            if (ok) {
                changes.put(item.id(), new ItemChange(weight, deductions == null ? Map.of() : deductions, null));
            }
        }
        if (ok) {
            int total = apply(base, changes).totalWeight();
            if (total != AssessmentModel.TOTAL) {
                yaml.problem(node, "assessment.items", "with this overlay the weights add up to " + total + "; they must add up to " + AssessmentModel.TOTAL);
            }
        }
        return changes;
    }

    /** The model with a district's changes, each changed value marked as overridden. */
    static AssessmentModel apply(AssessmentModel base, Map<String, ItemChange> changes) {
        List<Item> items = new ArrayList<>();
        for (Item item : base.items()) {
            ItemChange change = changes.get(item.id());
            if (change == null) {
                items.add(item);
                continue;
            }
            Set<String> overridden = new LinkedHashSet<>(item.overridden());
            int weight = item.weight();
            if (change.weight() != null && change.weight() != weight) {
                overridden.add("weight");
                weight = change.weight();
            }
            Map<String, Integer> deductions = new LinkedHashMap<>(item.deductions());
            change.deductions().forEach((grade, points) -> {
                if (!points.equals(deductions.get(grade))) {
                    overridden.add("deductions." + grade);
                }
                deductions.put(grade, points);
            });
            items.add(new Item(item.id(), item.kind(), item.title(), item.titleEn(), weight, deductions, item.rulePrefixes(), item.articles(),
                    item.note(), overridden));
        }
        changes.values().stream().filter(c -> c.added() != null).map(ItemChange::added)
                .forEach(a -> items.add(new Item(a.id(), a.kind(), a.title(), a.titleEn(), a.weight(), a.deductions(), a.rulePrefixes(),
                        a.articles(), a.note(), Set.of("added"))));
        return new AssessmentModel(items);
    }
}

package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.Parameter;
import cn.govcloud.guard.rules.Parameter.Kind;
import cn.govcloud.guard.rules.internal.YamlTree.Entry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the catalog's {@code parameters} section — values the Measures leave open, each with a
 * note (issue 17 point 16) — and a district overlay's changes to them (A13): the value only, never
 * the id, the options or the note.
 * <pre>
 * parameters:                          # catalog
 *   - {id: A9.2-channel-max-window, article: A9.2, title: …, titleEn: …, duration: PT8H, note: …}
 *   - {id: A10.3-comprehensive-drill, …, choices: [networkAttack, …], options: [networkAttack, …]}
 *   - {id: A10.4-grading-thresholds, …, thresholds: {criticalOutageHours: {I: 6, II: 2, III: 0.5}}}
 *   - {id: A10.4-grading-data, …, grades: {CORE: I, IMPORTANT: II}}
 * parameters:                          # overlay
 *   A9.2-channel-max-window: {duration: PT4H}
 *   A10.4-grading-thresholds: {thresholds: {criticalOutageHours: {I: 4}}}
 * </pre>
 */
final class ParameterParts {
    static final List<String> GRADES = List.of("I", "II", "III");
    static final List<String> ALL_GRADES = List.of("I", "II", "III", "IV");
    private static final Map<String, Kind> VALUE_KEYS = Map.of("duration", Kind.DURATION, "choices", Kind.CHOICES,
            "thresholds", Kind.THRESHOLDS, "grades", Kind.GRADES, "when", Kind.WHEN);
    private static final Pattern ID = Pattern.compile("A\\d+(\\.\\d+)?(-[a-z0-9]+)+");

    private ParameterParts() {
    }

    /** The catalog's parameters; null when any is wrong (the problems are in {@code yaml}). */
    static List<Parameter> catalog(YamlTree yaml, Node node, Requirements requirements) {
        List<Node> items = yaml.list(node, "parameters");
        if (items == null) {
            return null;
        }
        List<Parameter> parameters = new ArrayList<>();
        YamlTree.Seen ids = new YamlTree.Seen();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String path = "parameters[" + i + "]";
            Map<String, Entry> e = yaml.mapping(items.get(i), path);
            if (e == null) {
                ok = false;
                continue;
            }
            yaml.keys(e, items.get(i), path, List.of("id", "article", "title", "titleEn", "note"),
                    List.of("duration", "choices", "options", "thresholds", "grades", "when", "noteEn"));
            String id = e.containsKey("id") ? yaml.text(e.get("id").value(), path + ".id") : null;
            if (id != null && !ID.matcher(id).matches()) {
                yaml.problem(e.get("id").value(), path + ".id", "'" + YamlTree.shorten(id) + "' is not an id like A9.2-channel-max-window");
                id = null;
            }
            if (id != null && ids.firstLine(id, YamlTree.line(items.get(i))) != null) {
                yaml.problem(e.get("id").value(), path + ".id", "duplicate parameter id '" + id + "'");
                id = null;
            }
            String article = e.containsKey("article") ? yaml.text(e.get("article").value(), path + ".article") : null;
            if (article != null && !requirements.contains(article)) {
                yaml.problem(e.get("article").value(), path + ".article", "'" + YamlTree.shorten(article) + "' is not a requirement id");
                article = null;
            }
            String title = e.containsKey("title") ? yaml.text(e.get("title").value(), path + ".title") : null;
            String titleEn = e.containsKey("titleEn") ? yaml.text(e.get("titleEn").value(), path + ".titleEn") : null;
            String note = e.containsKey("note") ? yaml.text(e.get("note").value(), path + ".note") : null;
            List<String> valueKeys = e.keySet().stream().filter(VALUE_KEYS::containsKey).toList();
            if (valueKeys.size() != 1) {
                yaml.problem(items.get(i), path, "give exactly one value: duration, choices, thresholds, grades or when");
                ok = false;
                continue;
            }
            Kind kind = VALUE_KEYS.get(valueKeys.get(0));
            List<String> options = null;
            if (kind == Kind.CHOICES) {
                options = e.containsKey("options") ? names(yaml, e.get("options").value(), path + ".options", null) : null;
                if (!e.containsKey("options")) {
                    yaml.problem(items.get(i), path + ".options", "is required with choices");
                }
            } else if (e.containsKey("options")) {
                yaml.problem(e.get("options").key(), path + ".options", "only choices have options");
            }
            Value value = value(yaml, e.get(valueKeys.get(0)).value(), path + "." + valueKeys.get(0), kind, options, null);
            if (id == null || article == null || title == null || titleEn == null || note == null || value == null
                    || (kind == Kind.CHOICES && options == null)) {
                ok = false;
                continue;
            }
            parameters.add(new Parameter(id, article, title, titleEn, note, kind, value.duration, value.choices, options,
                    value.thresholds, value.grades, Set.of(), value.when));
        }
        return ok ? parameters : null;
    }

    /** An overlay's {@code parameters}: id → the parameter with the district's value. */
    static Map<String, Parameter> overlay(YamlTree yaml, Node node, List<Parameter> product) {
        Map<String, Entry> entries = yaml.mapping(node, "parameters");
        Map<String, Parameter> changed = new LinkedHashMap<>();
        if (entries == null) {
            return changed;
        }
        entries.forEach((id, entry) -> {
            String path = "parameters[" + id + "]";
            Parameter base = product.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (base == null) {
                yaml.problem(entry.key(), path, "no parameter '" + YamlTree.shorten(id) + "' in the catalog");
                return;
            }
            Map<String, Entry> e = yaml.mapping(entry.value(), path);
            if (e == null) {
                return;
            }
            String key = base.kind().name().toLowerCase(java.util.Locale.ROOT);
            yaml.keys(e, entry.value(), path, List.of(key), List.of());
            if (!e.containsKey(key)) {
                return;
            }
            Value value = value(yaml, e.get(key).value(), path + "." + key, base.kind(), base.options(), base);
            if (value != null) {
                changed.put(id, base.with(value.duration, value.kind == Kind.CHOICES ? value.choices : null,
                        value.kind == Kind.THRESHOLDS ? value.thresholds : null, value.kind == Kind.GRADES ? value.grades : null, value.when));
            }
        });
        return changed;
    }

    private record Value(Kind kind, Duration duration, List<String> choices, Map<String, Map<String, BigDecimal>> thresholds,
                         Map<String, String> grades, Parameter.When when) {
        Value(Kind kind, Duration duration, List<String> choices, Map<String, Map<String, BigDecimal>> thresholds, Map<String, String> grades) {
            this(kind, duration, choices, thresholds, grades, null);
        }
    }

    /** @param base the catalog's parameter when reading an overlay (thresholds merge cell by cell; rows and answers stay the catalog's) */
    private static Value value(YamlTree yaml, Node node, String path, Kind kind, List<String> options, Parameter base) {
        switch (kind) {
            case DURATION -> {
                Duration d = yaml.duration(node, path, false);
                return d == null ? null : new Value(kind, d, null, null, null);
            }
            case CHOICES -> {
                List<String> chosen = names(yaml, node, path, options);
                if (chosen != null && chosen.isEmpty()) {
                    yaml.problem(node, path, "choose at least one of " + options);
                    return null;
                }
                return chosen == null ? null : new Value(kind, null, chosen, null, null);
            }
            case THRESHOLDS -> {
                Map<String, Map<String, BigDecimal>> table = thresholds(yaml, node, path, base);
                return table == null ? null : new Value(kind, null, null, table, null);
            }
            case GRADES -> {
                Map<String, String> grades = grades(yaml, node, path, base);
                return grades == null ? null : new Value(kind, null, null, null, grades);
            }
            case WHEN -> {
                Parameter.When when = when(yaml, node, path);
                return when == null ? null : new Value(kind, null, null, null, null, when);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** {@code {required: true|false, conditions: ["severity == CRITICAL", …]}}; conditions as a rule's {@code when}. */
    private static Parameter.When when(YamlTree yaml, Node node, String path) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        yaml.keys(e, node, path, List.of("required"), List.of("conditions"));
        Boolean required = e.containsKey("required") ? yaml.bool(e.get("required").value(), path + ".required") : null;
        List<cn.govcloud.guard.rules.Rule.Condition> conditions = e.containsKey("conditions")
                ? new RuleParts(yaml).conditions(e.get("conditions").value(), path + ".conditions") : List.of();
        return required == null || conditions == null ? null : new Parameter.When(required, conditions);
    }

    private static List<String> names(YamlTree yaml, Node node, String path, List<String> allowed) {
        List<Node> items = yaml.list(node, path);
        if (items == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = yaml.text(items.get(i), path + "[" + i + "]");
            if (name == null) {
                return null;
            }
            if (allowed != null && !allowed.contains(name)) {
                yaml.problem(items.get(i), path + "[" + i + "]", "'" + YamlTree.shorten(name) + "' is not one of " + allowed);
                return null;
            }
            if (names.contains(name)) {
                yaml.problem(items.get(i), path + "[" + i + "]", "'" + name + "' is given twice");
                return null;
            }
            names.add(name);
        }
        return names;
    }

    /** criterion → {I, II, III} → least value (≥ 0); {@code ~} removes a grade; I ≥ II ≥ III after the change. */
    private static Map<String, Map<String, BigDecimal>> thresholds(YamlTree yaml, Node node, String path, Parameter base) {
        Map<String, Entry> rows = yaml.mapping(node, path);
        if (rows == null) {
            return null;
        }
        Map<String, Map<String, BigDecimal>> table = new LinkedHashMap<>();
        if (base != null) {
            base.thresholds().forEach((row, cells) -> table.put(row, new LinkedHashMap<>(cells)));
        }
        boolean ok = true;
        for (Map.Entry<String, Entry> row : rows.entrySet()) {
            String at = path + "." + row.getKey();
            if (base != null && !base.thresholds().containsKey(row.getKey())) {
                yaml.problem(row.getValue().key(), at, "no criterion '" + YamlTree.shorten(row.getKey()) + "'; the criteria are "
                        + base.thresholds().keySet());
                ok = false;
                continue;
            }
            Map<String, Entry> cells = yaml.mapping(row.getValue().value(), at);
            if (cells == null) {
                ok = false;
                continue;
            }
            yaml.keys(cells, row.getValue().value(), at, List.of(), GRADES);
            Map<String, BigDecimal> values = table.computeIfAbsent(row.getKey(), k -> new LinkedHashMap<>());
            for (String grade : GRADES) {
                if (!cells.containsKey(grade)) {
                    continue;
                }
                Node cell = cells.get(grade).value();
                if (cell instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                    values.remove(grade);
                    continue;
                }
                BigDecimal number = number(yaml, cell, at + "." + grade);
                if (number == null) {
                    ok = false;
                } else {
                    values.put(grade, number);
                }
            }
            BigDecimal previous = null;
            for (String grade : GRADES) {
                BigDecimal v = values.get(grade);
                if (v != null && previous != null && v.compareTo(previous) > 0) {
                    yaml.problem(row.getValue().value(), at, "a lower grade's threshold may not be above a higher grade's (I ≥ II ≥ III): " + values);
                    ok = false;
                    break;
                }
                previous = v != null ? v : previous;
            }
        }
        return ok ? table : null;
    }

    private static BigDecimal number(YamlTree yaml, Node node, String path) {
        String text = node instanceof ScalarNode s ? s.getValue().strip() : "";
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.signum() < 0) {
                yaml.problem(node, path, "must not be negative");
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            yaml.problem(node, path, "must be a number (was '" + YamlTree.shorten(text) + "')");
            return null;
        }
    }

    /** answer → grade (I … IV); an overlay changes the grades of the catalog's answers only. */
    private static Map<String, String> grades(YamlTree yaml, Node node, String path, Parameter base) {
        Map<String, Entry> answers = yaml.mapping(node, path);
        if (answers == null) {
            return null;
        }
        Map<String, String> grades = new LinkedHashMap<>(base != null ? base.grades() : Map.of());
        boolean ok = true;
        for (Map.Entry<String, Entry> a : answers.entrySet()) {
            String at = path + "." + a.getKey();
            if (base != null && !base.grades().containsKey(a.getKey())) {
                yaml.problem(a.getValue().key(), at, "no answer '" + YamlTree.shorten(a.getKey()) + "'; the answers are " + base.grades().keySet());
                ok = false;
                continue;
            }
            String grade = yaml.text(a.getValue().value(), at);
            if (grade == null || !ALL_GRADES.contains(grade)) {
                if (grade != null) {
                    yaml.problem(a.getValue().value(), at, "'" + YamlTree.shorten(grade) + "' is not one of " + ALL_GRADES);
                }
                ok = false;
                continue;
            }
            grades.put(a.getKey(), grade);
        }
        return ok ? grades : null;
    }
}

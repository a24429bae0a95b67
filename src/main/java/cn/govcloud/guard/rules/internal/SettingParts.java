package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.CatalogSetting;
import cn.govcloud.guard.rules.internal.YamlTree.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The catalog's {@code settings} (values the Measures leave open that are not a rule's deadline) and
 * an overlay's changes to them (A13): an overlay gives a new {@code value} of the same type, never a
 * new setting, type or option list.
 * <pre>
 * settings:                                   # catalog
 *   - {id: A10.1-alert-burst-window, article: A10.1, title: …, titleEn: …, type: duration, value: PT1H, note: …}
 * settings:                                   # overlay
 *   A10.1-alert-burst-window: PT2H
 * </pre>
 */
final class SettingParts {
    private static final Pattern ID = Pattern.compile("A\\d+(\\.\\d+)?(-[a-z0-9]+)+");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    private SettingParts() {
    }

    static List<CatalogSetting> catalog(YamlTree yaml, Node node, Predicate<String> knownArticle) {
        List<Node> items = yaml.list(node, "settings");
        if (items == null) {
            return List.of();
        }
        List<CatalogSetting> settings = new ArrayList<>();
        YamlTree.Seen ids = new YamlTree.Seen();
        for (int i = 0; i < items.size(); i++) {
            String path = "settings[" + i + "]";
            Node item = items.get(i);
            Map<String, Entry> e = yaml.mapping(item, path);
            if (e == null) {
                continue;
            }
            yaml.keys(e, item, path, List.of("id", "article", "title", "titleEn", "type", "value", "note"), List.of("options"));
            String id = text(yaml, e, "id", path);
            String article = text(yaml, e, "article", path);
            if (article != null && !knownArticle.test(article)) {
                yaml.problem(e.get("article").value(), path + ".article", "'" + YamlTree.shorten(article) + "' is not a requirement id of REQUIREMENTS.md");
                article = null;
            }
            if (id != null && (!ID.matcher(id).matches() || article != null && !id.startsWith(article + "-"))) {
                yaml.problem(e.get("id").value(), path + ".id", "'" + YamlTree.shorten(id) + "' is not a setting id like A10.1-alert-burst-window "
                        + "(its article, then lower-case words joined by -)");
                id = null;
            }
            if (id != null) {
                Integer first = ids.firstLine(id, YamlTree.line(item));
                if (first != null) {
                    yaml.problem(item, path + ".id", "duplicate setting id '" + id + "' (first at line " + first + ")");
                    id = null;
                }
            }
            String type = text(yaml, e, "type", path);
            if (type != null && !CatalogSetting.TYPES.contains(type)) {
                yaml.problem(e.get("type").value(), path + ".type", "'" + YamlTree.shorten(type) + "' is not one of " + CatalogSetting.TYPES);
                type = null;
            }
            List<String> options = List.of();
            if ("choice".equals(type)) {
                options = options(yaml, e.get("options"), item, path);
            } else if (e.containsKey("options")) {
                yaml.problem(e.get("options").key(), path + ".options", "only a setting of type choice has options");
            }
            String value = type != null && options != null && e.containsKey("value")
                    ? value(yaml, e.get("value").value(), path + ".value", type, options) : null;
            String title = text(yaml, e, "title", path);
            String titleEn = text(yaml, e, "titleEn", path);
            String note = text(yaml, e, "note", path);
            if (id != null && article != null && type != null && options != null && value != null && title != null && titleEn != null && note != null) {
                settings.add(new CatalogSetting(id, article, title, titleEn, type, value, options, note, false));
            }
        }
        return settings;
    }

    private static List<String> options(YamlTree yaml, Entry entry, Node item, String path) {
        if (entry == null) {
            yaml.problem(item, path + ".options", "is required for a setting of type choice");
            return null;
        }
        List<Node> nodes = yaml.list(entry.value(), path + ".options");
        if (nodes == null) {
            return null;
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String option = yaml.text(nodes.get(i), path + ".options[" + i + "]");
            if (option == null) {
                return null;
            }
            options.add(option);
        }
        if (options.isEmpty()) {
            yaml.problem(entry.value(), path + ".options", "must name at least one option");
            return null;
        }
        return options;
    }

    /** The value checked against the setting's type; null (with a problem) when it does not fit. */
    static String value(YamlTree yaml, Node node, String path, String type, List<String> options) {
        if (!(node instanceof ScalarNode)) {
            yaml.problem(node, path, "must be a single value");
            return null;
        }
        return switch (type) {
            case "duration" -> {
                java.time.Duration d = yaml.duration(node, path, false);
                yield d == null ? null : d.toString();
            }
            case "number" -> {
                String v = yaml.text(node, path);
                if (v != null && !NUMBER.matcher(v).matches()) {
                    yaml.problem(node, path, "must be a whole number from 0 to 999999999");
                    yield null;
                }
                yield v;
            }
            default -> {
                String v = yaml.text(node, path);
                if (v != null && !options.contains(v)) {
                    yaml.problem(node, path, "'" + YamlTree.shorten(v) + "' is not one of " + options);
                    yield null;
                }
                yield v;
            }
        };
    }

    /** An overlay's {@code settings}: id → new value, each a setting of the product catalog and of its type. */
    static Map<String, String> overlay(YamlTree yaml, Node node, List<CatalogSetting> product) {
        Map<String, Entry> items = yaml.mapping(node, "settings");
        Map<String, String> changes = new LinkedHashMap<>();
        if (items == null) {
            return changes;
        }
        if (items.isEmpty()) {
            yaml.problem(node, "settings", "an overlay must change at least one setting");
        }
        items.forEach((id, entry) -> {
            String path = "settings[" + id + "]";
            CatalogSetting base = product.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
            if (base == null) {
                yaml.problem(entry.key(), path, "no setting '" + YamlTree.shorten(id) + "' in the catalog");
                return;
            }
            String value = value(yaml, entry.value(), path, base.type(), base.options());
            if (value != null) {
                changes.put(id, value);
            }
        });
        return changes;
    }

    /** The catalog's settings with an overlay's values, each marked when its value changed. */
    static List<CatalogSetting> apply(List<CatalogSetting> product, Map<String, String> changes) {
        return product.stream().map(s -> changes.containsKey(s.id()) ? s.overriddenWith(changes.get(s.id())) : s).toList();
    }

    private static String text(YamlTree yaml, Map<String, Entry> e, String key, String path) {
        return e.containsKey(key) ? yaml.text(e.get(key).value(), path + "." + key) : null;
    }
}

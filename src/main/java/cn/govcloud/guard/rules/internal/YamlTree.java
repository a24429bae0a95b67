package cn.govcloud.guard.rules.internal;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML document as SnakeYAML's node tree (compose, never construct), so every value keeps
 * its line and nothing is turned into Java objects by the YAML library. Each reader method checks
 * one value, records a {@link CatalogProblem} with file, line and path when it is wrong and returns
 * {@code null}; a parser reads on after a problem, so one run reports all of them.
 */
final class YamlTree {
    /** Large enough for the catalog, small enough that a hostile upload cannot exhaust memory. */
    static final int MAX_CHARACTERS = 1_000_000;
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+");

    private final String file;
    private final List<CatalogProblem> problems = new ArrayList<>();

    YamlTree(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    List<CatalogProblem> problems() {
        return problems;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** The document's root node, or null (with a problem) when it is empty or not YAML. */
    Node parse(String text) {
        if (text == null || text.isBlank()) {
            problem(1, "(document)", "is empty");
            return null;
        }
        if (text.length() > MAX_CHARACTERS) {
            problem(1, "(document)", "is larger than " + MAX_CHARACTERS + " characters");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CHARACTERS * 2);
        options.setAllowRecursiveKeys(false);
        try {
            Node root = new Yaml(options).compose(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
            if (root == null) {
                problem(1, "(document)", "is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            String problem = e.getProblem() != null ? e.getProblem() : "not valid YAML";
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + (e.getContextMark() != null ? " started at line " + (e.getContextMark().getLine() + 1) : "") + ")";
            problem(line, "(syntax)", "not valid YAML: " + problem + context);
            return null;
        } catch (YAMLException e) {
            problem(1, "(syntax)", "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    void problem(Node at, String path, String message) {
        problem(line(at), path, message);
    }

    void problem(int line, String path, String message) {
        problems.add(new CatalogProblem(file, line, path, message));
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    /**
     * The entries of a mapping by key, in document order; null (with a problem) when the node is
     * not a mapping. Duplicate keys are reported (the YAML library would silently keep the last).
     */
    Map<String, Entry> mapping(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "must be a mapping (key: value)");
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getValue().isBlank()) {
                problem(tuple.getKeyNode(), path, "keys must be plain names");
                continue;
            }
            String name = key.getValue();
            Entry first = entries.get(name);
            if (first != null) {
                problem(key, child(path, name), "duplicate key (first at line " + line(first.key()) + ")");
                continue;
            }
            entries.put(name, new Entry(key, tuple.getValueNode()));
        }
        return entries;
    }

    /** Reports missing required keys (at the mapping) and keys that are neither required nor optional. */
    void keys(Map<String, Entry> entries, Node mapping, String path, Collection<String> required, Collection<String> optional) {
        for (String name : required) {
            if (!entries.containsKey(name)) {
                problem(mapping, child(path, name), "is required");
            }
        }
        entries.forEach((name, entry) -> {
            if (!required.contains(name) && !optional.contains(name)) {
                problem(entry.key(), child(path, name), "unknown key; expected one of " + String.join(", ", allOf(required, optional)));
            }
        });
    }

    private static List<String> allOf(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A non-empty scalar. */
    String text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problem(node, path, node instanceof ScalarNode ? "must not be empty" : "must be a text value");
            return null;
        }
        String value = scalar.getValue().strip();
        if (value.isEmpty()) {
            problem(node, path, "must not be empty");
            return null;
        }
        return value;
    }

    /** A whole number in [min, max]; {@code positive} only shapes the message ("must be a positive integer"). */
    Integer integer(Node node, String path, int min, int max) {
        String value = node instanceof ScalarNode scalar ? scalar.getValue().strip() : null;
        String wanted = min == 1 ? "must be a positive integer" : "must be an integer from " + min + " to " + max;
        if (value == null || !NUMBER.matcher(value).matches()) {
            problem(node, path, wanted);
            return null;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException tooLong) {
            problem(node, path, wanted);
            return null;
        }
        if (number < min) {
            problem(node, path, wanted);
            return null;
        }
        if (number > max) {
            problem(node, path, "must be at most " + max);
            return null;
        }
        return (int) number;
    }

    Boolean bool(Node node, String path) {
        String value = node instanceof ScalarNode scalar ? scalar.getValue().strip().toLowerCase(Locale.ROOT) : "";
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                problem(node, path, "must be true or false");
                yield null;
            }
        };
    }

    /** An ISO-8601 duration such as PT4H or P3D; zero only when allowed, never negative. */
    Duration duration(Node node, String path, boolean zeroAllowed) {
        String value = node instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            problem(node, path, "must be an ISO-8601 duration such as PT30M, PT4H or P3D (was '" + shorten(value) + "')");
            return null;
        }
        if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
            problem(node, path, zeroAllowed ? "must not be negative" : "must be longer than zero");
            return null;
        }
        return duration;
    }

    LocalDate date(Node node, String path) {
        String value = node instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problem(node, path, "must be a date like 2025-12-16");
            return null;
        }
    }

    /** The items of a sequence; null (with a problem) when the node is not one. */
    List<Node> list(Node node, String path) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path, "must be a list");
            return null;
        }
        return sequence.getValue();
    }

    /** One of the names (case-insensitive), e.g. "provider" for {@code Party.PROVIDER}. */
    <T> T oneOf(Node node, String path, Map<String, T> names) {
        String value = text(node, path);
        if (value == null) {
            return null;
        }
        T found = names.get(value.toLowerCase(Locale.ROOT));
        if (found == null) {
            problem(node, path, "'" + shorten(value) + "' is not one of " + String.join(", ", names.keySet()));
        }
        return found;
    }

    /** Lower-case names of an enum's constants, with {@code _} as {@code -} (HALF_YEARLY → half-yearly). */
    static <E extends Enum<E>> Map<String, E> names(Class<E> type) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            names.put(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'), constant);
        }
        return names;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    /** One key with its value node; the key node gives the line for "unknown key" problems. */
    record Entry(Node key, Node value) {
    }

    /** Counts names to find duplicates across a document. */
    static final class Seen {
        private final Map<String, Integer> lines = new HashMap<>();

        /** The line where the name was first seen, or null the first time. */
        Integer firstLine(String name, int line) {
            return lines.putIfAbsent(name, line);
        }

        Set<String> names() {
            return lines.keySet();
        }
    }
}

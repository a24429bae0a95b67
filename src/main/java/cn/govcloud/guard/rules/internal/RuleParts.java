package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.calendar.Cadence;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.DocumentSlot;
import cn.govcloud.guard.rules.Rule.DueRule;
import cn.govcloud.guard.rules.Rule.Escalation;
import cn.govcloud.guard.rules.Rule.Evidence;
import cn.govcloud.guard.rules.Rule.Field;
import cn.govcloud.guard.rules.Rule.FieldType;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.Trigger;
import cn.govcloud.guard.rules.internal.YamlTree.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The parts of a rule that the product catalog and a district overlay write the same way
 * (trigger, due, reminders, escalation, conditions, evidence), so both are checked by one code.
 */
final class RuleParts {
    static final Map<String, Cadence> CADENCES = cadences();
    static final Map<String, Party> PARTIES = YamlTree.names(Party.class);
    static final Map<String, FieldType> FIELD_TYPES = YamlTree.names(FieldType.class);
    static final List<String> DUE_KINDS = List.of("endOfPeriod", "workingDays", "calendarDays", "minutes", "dayOfNextMonth");
    /** e.g. hazard.notified, platform.remote-operation.requested */
    static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    private final YamlTree yaml;

    RuleParts(YamlTree yaml) {
        this.yaml = yaml;
    }

    private static Map<String, Cadence> cadences() {
        Map<String, Cadence> names = new LinkedHashMap<>();
        names.put("day", Cadence.DAILY);
        names.put("week", Cadence.WEEKLY);
        names.put("month", Cadence.MONTHLY);
        names.put("quarter", Cadence.QUARTERLY);
        names.put("half-year", Cadence.HALF_YEARLY);
        names.put("year", Cadence.YEARLY);
        return names;
    }

    /** {@code {every: month}} or {@code {event: hazard.notified}}: exactly one. */
    Trigger trigger(Node node, String path) {
        Map<String, Entry> entries = yaml.mapping(node, path);
        if (entries == null) {
            return null;
        }
        yaml.keys(entries, node, path, List.of(), List.of("every", "event"));
        boolean every = entries.containsKey("every");
        boolean event = entries.containsKey("event");
        if (every == event) {
            yaml.problem(node, path, every ? "give either every or event, not both" : "needs every (day, week, month, quarter, half-year, year) or event");
            return null;
        }
        if (every) {
            Cadence cadence = yaml.oneOf(entries.get("every").value(), path + ".every", CADENCES);
            return cadence == null ? null : Trigger.every(cadence);
        }
        String name = yaml.text(entries.get("event").value(), path + ".event");
        if (name == null) {
            return null;
        }
        if (!EVENT.matcher(name).matches()) {
            yaml.problem(entries.get("event").value(), path + ".event",
                    "'" + YamlTree.shorten(name) + "' is not an event name like hazard.notified (lower case, dotted)");
            return null;
        }
        return Trigger.on(name);
    }

    /** Exactly one of endOfPeriod: true, workingDays, calendarDays, minutes, dayOfNextMonth. */
    DueRule due(Node node, String path) {
        Map<String, Entry> entries = yaml.mapping(node, path);
        if (entries == null) {
            return null;
        }
        yaml.keys(entries, node, path, List.of(), DUE_KINDS);
        List<String> given = DUE_KINDS.stream().filter(entries::containsKey).toList();
        if (given.size() != 1) {
            yaml.problem(node, path, given.isEmpty() ? "needs one of " + String.join(", ", DUE_KINDS)
                    : "give only one of " + String.join(", ", DUE_KINDS) + " (found " + String.join(", ", given) + ")");
            return null;
        }
        String kind = given.get(0);
        Node value = entries.get(kind).value();
        String at = path + "." + kind;
        return switch (kind) {
            case "endOfPeriod" -> {
                Boolean flag = yaml.bool(value, at);
                if (Boolean.FALSE.equals(flag)) {
                    yaml.problem(value, at, "can only be true; use another due kind instead");
                }
                yield Boolean.TRUE.equals(flag) ? new DueRule(DueRule.Kind.END_OF_PERIOD, 0) : null;
            }
            case "workingDays" -> amount(DueRule.Kind.WORKING_DAYS, yaml.integer(value, at, 1, 366));
            case "calendarDays" -> amount(DueRule.Kind.CALENDAR_DAYS, yaml.integer(value, at, 1, 3660));
            case "minutes" -> amount(DueRule.Kind.MINUTES, yaml.integer(value, at, 1, 525_600));
            default -> amount(DueRule.Kind.DAY_OF_NEXT_MONTH, yaml.integer(value, at, 1, 31));
        };
    }

    private static DueRule amount(DueRule.Kind kind, Integer amount) {
        return amount == null ? null : new DueRule(kind, amount);
    }

    /** Durations before the due time, each positive, none twice. */
    List<Duration> reminders(Node node, String path) {
        List<Node> items = yaml.list(node, path);
        if (items == null) {
            return null;
        }
        List<Duration> reminders = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Duration d = yaml.duration(items.get(i), path + "[" + i + "]", false);
            if (d == null) {
                ok = false;
            } else if (reminders.contains(d)) {
                yaml.problem(items.get(i), path + "[" + i + "]", "the same reminder twice");
                ok = false;
            } else {
                reminders.add(d);
            }
        }
        return ok ? reminders : null;
    }

    /** {@code {after: PT0S, to: [supervisor]}}; {@code to} may be empty (only the responsible party is told). */
    Escalation escalation(Node node, String path) {
        Map<String, Entry> entries = yaml.mapping(node, path);
        if (entries == null) {
            return null;
        }
        yaml.keys(entries, node, path, List.of("after", "to"), List.of());
        if (!entries.containsKey("after") || !entries.containsKey("to")) {
            return null;
        }
        Duration after = yaml.duration(entries.get("after").value(), path + ".after", true);
        List<Node> to = yaml.list(entries.get("to").value(), path + ".to");
        if (to == null) {
            return null;
        }
        Set<Party> parties = EnumSet.noneOf(Party.class);
        boolean ok = after != null;
        for (int i = 0; i < to.size(); i++) {
            Party party = yaml.oneOf(to.get(i), path + ".to[" + i + "]", PARTIES);
            if (party == null) {
                ok = false;
            } else if (!parties.add(party)) {
                yaml.problem(to.get(i), path + ".to[" + i + "]", "the same party twice");
                ok = false;
            }
        }
        return ok ? new Escalation(after, parties) : null;
    }

    /** A list of condition strings, all of which must hold. */
    List<Condition> conditions(Node node, String path) {
        List<Node> items = yaml.list(node, path);
        if (items == null) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            String text = yaml.text(items.get(i), at);
            if (text == null) {
                ok = false;
                continue;
            }
            try {
                conditions.add(Conditions.parse(text));
            } catch (IllegalArgumentException e) {
                yaml.problem(items.get(i), at, e.getMessage());
                ok = false;
            }
        }
        return ok ? conditions : null;
    }

    /** Form fields and document slots; names are unique across both, as a submission names them. */
    Evidence evidence(Node node, String path) {
        Map<String, Entry> entries = yaml.mapping(node, path);
        if (entries == null) {
            return null;
        }
        yaml.keys(entries, node, path, List.of(), List.of("fields", "documents"));
        Set<String> names = new HashSet<>();
        List<Field> fields = new ArrayList<>();
        List<DocumentSlot> documents = new ArrayList<>();
        boolean ok = true;
        if (entries.containsKey("fields")) {
            List<Node> items = yaml.list(entries.get("fields").value(), path + ".fields");
            ok &= items != null;
            for (int i = 0; items != null && i < items.size(); i++) {
                Field field = field(items.get(i), path + ".fields[" + i + "]", names);
                ok &= field != null;
                if (field != null) {
                    fields.add(field);
                }
            }
        }
        if (entries.containsKey("documents")) {
            List<Node> items = yaml.list(entries.get("documents").value(), path + ".documents");
            ok &= items != null;
            for (int i = 0; items != null && i < items.size(); i++) {
                DocumentSlot slot = document(items.get(i), path + ".documents[" + i + "]", names);
                ok &= slot != null;
                if (slot != null) {
                    documents.add(slot);
                }
            }
        }
        return ok ? new Evidence(fields, documents) : null;
    }

    private Field field(Node node, String path, Set<String> names) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        yaml.keys(e, node, path, List.of("name", "type", "label", "labelEn"), List.of("required", "options"));
        String name = name(e, node, path, names);
        FieldType type = e.containsKey("type") ? yaml.oneOf(e.get("type").value(), path + ".type", FIELD_TYPES) : null;
        boolean required = e.containsKey("required") && Boolean.TRUE.equals(yaml.bool(e.get("required").value(), path + ".required"));
        String label = e.containsKey("label") ? yaml.text(e.get("label").value(), path + ".label") : null;
        String labelEn = e.containsKey("labelEn") ? yaml.text(e.get("labelEn").value(), path + ".labelEn") : null;
        List<String> options = e.containsKey("options") ? options(e.get("options").value(), path + ".options") : List.of();
        if (type == FieldType.CHOICE && !e.containsKey("options")) {
            yaml.problem(node, path + ".options", "a choice field needs options");
            return null;
        }
        if (type != null && type != FieldType.CHOICE && e.containsKey("options")) {
            yaml.problem(e.get("options").key(), path + ".options", "only choice fields have options");
            return null;
        }
        if (name == null || type == null || label == null || labelEn == null || options == null) {
            return null;
        }
        return new Field(name, type, required, label, labelEn, options);
    }

    private List<String> options(Node node, String path) {
        List<Node> items = yaml.list(node, path);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            yaml.problem(node, path, "a choice field needs at least one option");
            return null;
        }
        Set<String> options = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String option = yaml.text(items.get(i), path + "[" + i + "]");
            if (option == null) {
                return null;
            }
            if (!options.add(option)) {
                yaml.problem(items.get(i), path + "[" + i + "]", "the option '" + option + "' twice");
                return null;
            }
        }
        return List.copyOf(options);
    }

    private DocumentSlot document(Node node, String path, Set<String> names) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        yaml.keys(e, node, path, List.of("name", "label", "labelEn"), List.of("required"));
        String name = name(e, node, path, names);
        boolean required = e.containsKey("required") && Boolean.TRUE.equals(yaml.bool(e.get("required").value(), path + ".required"));
        String label = e.containsKey("label") ? yaml.text(e.get("label").value(), path + ".label") : null;
        String labelEn = e.containsKey("labelEn") ? yaml.text(e.get("labelEn").value(), path + ".labelEn") : null;
        return name == null || label == null || labelEn == null ? null : new DocumentSlot(name, required, label, labelEn);
    }

    private String name(Map<String, Entry> e, Node node, String path, Set<String> names) {
        if (!e.containsKey("name")) {
            return null;
        }
        Node at = e.get("name").value();
        String name = yaml.text(at, path + ".name");
        if (name == null) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            yaml.problem(at, path + ".name", "'" + YamlTree.shorten(name) + "' is not a field name like devicesOk (letters and digits, starting lower case)");
            return null;
        }
        if (!names.add(name)) {
            yaml.problem(at, path + ".name", "the name '" + name + "' is used twice in this rule's evidence");
            return null;
        }
        return name;
    }
}

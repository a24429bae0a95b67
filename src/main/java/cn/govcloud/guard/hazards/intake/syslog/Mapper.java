package cn.govcloud.guard.hazards.intake.syslog;

import cn.govcloud.guard.hazards.intake.parse.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping rules compiled (issue 21 point 3): a line is tried against the enabled rules in position order and the
 * first that matches makes the alert. Not a bean: one per version of the rules; thread-safe (compiled patterns only).
 * A pattern runs against the line through {@link Bounded}: a pathological regex gives up after {@link #MATCH_BUDGET}
 * characters read instead of holding the receiver.
 */
public final class Mapper {
    /** How many characters one rule's regex may read on one line (catastrophic backtracking gives up here). */
    static final long MATCH_BUDGET = 2_000_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.@\\-]+)}");
    private static final Pattern KV = Pattern.compile("([A-Za-z0-9_.\\-]+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S*))");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a line became: the alert, or why none. */
    public record Outcome(SyslogMessage message, Long ruleId, String ruleName, Map<String, String> fields, Mapped alert, String reason,
                          List<Tried> tried) {
        public boolean mapped() {
            return alert != null;
        }
    }

    /** A rule tried on the way, and why it did not take the line (a message key). */
    public record Tried(String rule, String reason) {
    }

    /** The alert a line maps to; {@code systemId} when the rule names the system, else matched by address. */
    public record Mapped(String title, Severity severity, String signature, String sourceAddress, String destAddress, Long systemId,
                         Instant occurredAt) {
    }

    private record Compiled(MappingRule rule, Pattern pattern, Map<String, Severity> severities) {
    }

    private final List<Compiled> rules;

    private Mapper(List<Compiled> rules) {
        this.rules = rules;
    }

    /** The enabled rules in position order; a rule that no longer compiles is left out (the editor refuses such rules). */
    public static Mapper of(List<MappingRule> all) {
        List<Compiled> compiled = new ArrayList<>();
        all.stream().filter(MappingRule::enabled).sorted((a, b) -> a.position() != b.position() ? Integer.compare(a.position(), b.position())
                : Long.compare(a.id() == null ? 0 : a.id(), b.id() == null ? 0 : b.id())).forEach(r -> {
            try {
                compiled.add(new Compiled(r, r.pattern() == null || r.pattern().isBlank() ? null : Pattern.compile(r.pattern()),
                        severities(r.severityMap())));
            } catch (IllegalArgumentException e) {
                // skipped: validated on save, so only a rule edited in the database directly gets here
            }
        });
        return new Mapper(compiled);
    }

    public int size() {
        return rules.size();
    }

    /** {@code value=SEVERITY,…} → lower-cased value → severity; throws IllegalArgumentException naming the bad entry. */
    public static Map<String, Severity> severities(String map) {
        Map<String, Severity> out = new HashMap<>();
        if (map == null || map.isBlank()) {
            return out;
        }
        for (String entry : map.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(entry.strip());
            }
            try {
                out.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        Severity.valueOf(entry.substring(eq + 1).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(entry.strip());
            }
        }
        return out;
    }

    /**
     * @param sender the address the line came from ({@code syslog.sender})
     * @param now    the receipt time: the alert's time when the line has none, or one more than five minutes ahead
     */
    public Outcome map(SyslogMessage m, String sender, Instant now) {
        Map<String, String> header = header(m, sender);
        List<Tried> tried = new ArrayList<>();
        for (Compiled c : rules) {
            MappingRule r = c.rule();
            if (r.appFilter() != null && !r.appFilter().isBlank() && (m.appName() == null || !r.appFilter().strip().equalsIgnoreCase(m.appName()))) {
                tried.add(new Tried(r.name(), "hazards.intake.syslog.why.app"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>(header);
            String why = extract(c, m.message(), fields);
            if (why != null) {
                tried.add(new Tried(r.name(), why));
                continue;
            }
            String title = fill(r.title(), fields);
            if (title == null) {
                tried.add(new Tried(r.name(), "hazards.intake.syslog.why.title"));
                continue;
            }
            Instant at = m.timestamp() == null || m.timestamp().isAfter(now.plusSeconds(300)) ? now : m.timestamp();
            Mapped alert = new Mapped(clip(title, 500), severity(c, fields), clip(fill(r.signature(), fields), 150),
                    clip(fill(r.sourceAddress(), fields), 64), clip(fill(r.destAddress(), fields), 64), r.systemId(), at);
            return new Outcome(m, r.id(), r.name(), fields, alert, null, tried);
        }
        return new Outcome(m, null, null, header, null, rules.isEmpty() ? "hazards.intake.syslog.why.noRules" : "hazards.intake.syslog.why.none",
                tried);
    }

    private static Map<String, String> header(SyslogMessage m, String sender) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "syslog.sender", sender);
        put(f, "syslog.format", m.format());
        if (m.severity() >= 0) {
            put(f, "syslog.severity", String.valueOf(m.severity()));
            put(f, "syslog.facility", String.valueOf(m.facility()));
        }
        put(f, "syslog.host", m.hostname());
        put(f, "syslog.app", m.appName());
        put(f, "syslog.procid", m.procId());
        put(f, "syslog.msgid", m.msgId());
        f.putAll(m.structuredData());
        put(f, "syslog.message", m.message());
        return f;
    }

    /** Fills {@code fields}; null when the rule takes the line, else why not (a message key). */
    private static String extract(Compiled c, String message, Map<String, String> fields) {
        MappingRule r = c.rule();
        Matcher matcher = null;
        if (c.pattern() != null) {
            matcher = c.pattern().matcher(new Bounded(message, MATCH_BUDGET));
            try {
                if (!matcher.find()) {
                    return "hazards.intake.syslog.why.pattern";
                }
            } catch (Bounded.Exhausted e) {
                return "hazards.intake.syslog.why.budget";
            }
            for (String group : groupNames(c.pattern())) {
                put(fields, group, matcher.group(group));
            }
        }
        switch (r.kind()) {
            case "KV" -> {
                Matcher kv = KV.matcher(message);
                int n = 0;
                while (kv.find()) {
                    String value = kv.group(2) != null ? kv.group(2).replaceAll("\\\\(.)", "$1") : kv.group(3);
                    fields.putIfAbsent(kv.group(1), value);
                    n++;
                }
                if (n == 0) {
                    return "hazards.intake.syslog.why.noPairs";
                }
            }
            case "JSON" -> {
                int brace = message.indexOf('{');
                if (brace < 0) {
                    return "hazards.intake.syslog.why.notJson";
                }
                try {
                    JsonNode node = JSON.readTree(message.substring(brace));
                    if (!node.isObject()) {
                        return "hazards.intake.syslog.why.notJson";
                    }
                    flatten("", node, fields);
                } catch (JacksonException e) {
                    return "hazards.intake.syslog.why.notJson";
                }
            }
            default -> {
                if (matcher == null) {
                    return "hazards.intake.syslog.why.pattern";
                }
            }
        }
        return null;
    }

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** The named groups of a pattern (Java 17 has no Pattern.namedGroups()). */
    static List<String> groupNames(Pattern p) {
        List<String> names = new ArrayList<>();
        Matcher m = GROUP_NAME.matcher(p.pattern());
        while (m.find()) {
            if (m.start() == 0 || p.pattern().charAt(m.start() - 1) != '\\') {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
        if (fields.size() > 500) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), fields);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && i < 50; i++) {
                flatten(prefix + "." + i, node.get(i), fields);
            }
        } else if (!node.isNull()) {
            fields.putIfAbsent(prefix, node.asString());
        }
    }

    private static Severity severity(Compiled c, Map<String, String> fields) {
        String value = fill(c.rule().severity(), fields);
        if (value != null) {
            Severity s = c.severities().get(value.toLowerCase(Locale.ROOT));
            if (s != null) {
                return s;
            }
            try {
                return Severity.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // not one of ours: the rule's default
            }
        }
        return Severity.valueOf(c.rule().defaultSeverity());
    }

    /** The template with its placeholders filled (a missing field is empty), spaces collapsed; null when nothing is left. */
    static String fill(String template, Map<String, String> fields) {
        if (template == null || template.isBlank()) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = fields.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(sb);
        String out = sb.toString().replaceAll("\\s+", " ").strip();
        return out.isEmpty() ? null : out;
    }

    /** The field names a template uses. */
    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }

    private static String clip(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    /** A line as the regex sees it: reading more than the budget throws, ending a runaway match. */
    static final class Bounded implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("regex budget exhausted", null, false, false);
            }
        }

        private final String s;
        private final long[] left;

        Bounded(String s, long budget) {
            this(s, new long[] {budget});
        }

        private Bounded(String s, long[] left) {
            this.s = s;
            this.left = left;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Bounded(s.substring(start, end), left);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}

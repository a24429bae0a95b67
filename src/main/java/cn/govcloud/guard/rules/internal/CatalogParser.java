package cn.govcloud.guard.rules.internal;

import cn.govcloud.guard.rules.BackupMinimum;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Condition;
import cn.govcloud.guard.rules.Rule.DueRule;
import cn.govcloud.guard.rules.Rule.Escalation;
import cn.govcloud.guard.rules.Rule.Evidence;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.Rule.Trigger;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.rules.internal.YamlTree.Entry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and checks the product catalog. Everything is checked before anything is used, and every
 * problem is reported with file, line and path, so a bad catalog stops the start-up with a list a
 * person can work through (see {@link CatalogInvalid}).
 */
public final class CatalogParser {
    static final List<String> RULE_REQUIRED = List.of("id", "article", "title", "titleEn", "source", "party", "appliesTo",
            "trigger", "due", "escalate");
    static final List<String> RULE_OPTIONAL = List.of("when", "evidence", "remind", "note", "noteEn");
    static final Map<String, SubjectKind> SUBJECTS = YamlTree.names(SubjectKind.class);
    /** A version is printed after findings and joined with an overlay's by + and @, so neither may appear in it. */
    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,49}");
    private static final Pattern RULE_ID = Pattern.compile("A\\d+(\\.\\d+)?(-[a-z0-9]+)+");

    private final Requirements requirements;

    public CatalogParser(Requirements requirements) {
        this.requirements = requirements;
    }

    /** @throws CatalogInvalid listing every problem */
    public ProductCatalog parse(String file, String text) {
        YamlTree yaml = new YamlTree(file);
        ProductCatalog catalog = read(yaml, yaml.parse(text));
        if (!yaml.ok() || catalog == null) {
            throw new CatalogInvalid("The rule catalog " + file, yaml.problems());
        }
        return catalog;
    }

    private ProductCatalog read(YamlTree yaml, Node root) {
        if (root == null) {
            return null;
        }
        Map<String, Entry> top = yaml.mapping(root, "");
        if (top == null) {
            return null;
        }
        yaml.keys(top, root, "", List.of("catalog", "rules"), List.of("backupMinimums", "assessment", "parameters"));
        RuleCatalog.Version version = top.containsKey("catalog") ? header(yaml, top.get("catalog").value()) : null;
        List<CatalogEntry> entries = top.containsKey("rules") ? rules(yaml, top.get("rules").value()) : List.of();
        List<BackupMinimum> minimums = top.containsKey("backupMinimums") ? minimums(yaml, top.get("backupMinimums").value(), entries) : List.of();
        cn.govcloud.guard.rules.AssessmentModel assessment = top.containsKey("assessment")
                ? AssessmentParts.catalog(yaml, top.get("assessment").value(), entries) : cn.govcloud.guard.rules.AssessmentModel.none();
        // issue 17 point 16: the values the Measures leave open, each with its note
        List<cn.govcloud.guard.rules.Parameter> parameters = top.containsKey("parameters")
                ? ParameterParts.catalog(yaml, top.get("parameters").value(), requirements) : List.of();
        return version == null || assessment == null || parameters == null ? null
                : new ProductCatalog(version, entries, minimums, assessment, parameters);
    }

    static final List<String> DATA_GRADES = List.of("core", "important", "general");

    /** A7.1, A8.2: the least backup policy per data grade; each grade once, naming a rule of this catalog. */
    private static List<BackupMinimum> minimums(YamlTree yaml, Node node, List<CatalogEntry> entries) {
        List<Node> items = yaml.list(node, "backupMinimums");
        if (items == null) {
            return List.of();
        }
        List<BackupMinimum> minimums = new ArrayList<>();
        YamlTree.Seen grades = new YamlTree.Seen();
        for (int i = 0; i < items.size(); i++) {
            String path = "backupMinimums[" + i + "]";
            Node item = items.get(i);
            Map<String, Entry> e = yaml.mapping(item, path);
            if (e == null) {
                continue;
            }
            yaml.keys(e, item, path, List.of("grade", "rule", "offsite", "maxEveryHours", "minRetentionDays", "graceHours"), List.of());
            String grade = text(yaml, e, "grade", path);
            if (grade != null && !DATA_GRADES.contains(grade)) {
                yaml.problem(e.get("grade").value(), path + ".grade", "'" + YamlTree.shorten(grade) + "' is not one of " + DATA_GRADES);
                grade = null;
            }
            if (grade != null) {
                Integer first = grades.firstLine(grade, YamlTree.line(item));
                if (first != null) {
                    yaml.problem(item, path + ".grade", "duplicate minimum for grade '" + grade + "' (first at line " + first + ")");
                    grade = null;
                }
            }
            String rule = text(yaml, e, "rule", path);
            if (rule != null && entries.stream().noneMatch(c -> c.rule().id().equals(rule))) {
                yaml.problem(e.get("rule").value(), path + ".rule", "'" + YamlTree.shorten(rule) + "' is not a rule of this catalog");
            }
            Boolean offsite = e.containsKey("offsite") ? yaml.bool(e.get("offsite").value(), path + ".offsite") : null;
            Integer every = e.containsKey("maxEveryHours") ? yaml.integer(e.get("maxEveryHours").value(), path + ".maxEveryHours", 1, 8784) : null;
            Integer retention = e.containsKey("minRetentionDays")
                    ? yaml.integer(e.get("minRetentionDays").value(), path + ".minRetentionDays", 1, 36600) : null;
            Integer grace = e.containsKey("graceHours") ? yaml.integer(e.get("graceHours").value(), path + ".graceHours", 0, 720) : null;
            if (grade != null && rule != null && offsite != null && every != null && retention != null && grace != null) {
                minimums.add(new BackupMinimum(grade, rule, offsite, every, retention, grace));
            }
        }
        return minimums;
    }

    private RuleCatalog.Version header(YamlTree yaml, Node node) {
        Map<String, Entry> e = yaml.mapping(node, "catalog");
        if (e == null) {
            return null;
        }
        yaml.keys(e, node, "catalog", List.of("id", "title", "version", "validFrom", "validYears"), List.of("titleEn"));
        String id = e.containsKey("id") ? yaml.text(e.get("id").value(), "catalog.id") : null;
        String title = e.containsKey("title") ? yaml.text(e.get("title").value(), "catalog.title") : null;
        String version = e.containsKey("version") ? yaml.text(e.get("version").value(), "catalog.version") : null;
        if (version != null && !VERSION.matcher(version).matches()) {
            yaml.problem(e.get("version").value(), "catalog.version", "must be letters, digits, '.', '-' or '_' (at most 50), e.g. 2025.12.16-r1");
            version = null;
        }
        LocalDate validFrom = e.containsKey("validFrom") ? yaml.date(e.get("validFrom").value(), "catalog.validFrom") : null;
        // A15: valid five years from issue; the last valid day is the day before the fifth anniversary
        Integer years = e.containsKey("validYears") ? yaml.integer(e.get("validYears").value(), "catalog.validYears", 1, 100) : null;
        if (id == null || title == null || version == null || validFrom == null || years == null) {
            return null;
        }
        return new RuleCatalog.Version(id, title, version, validFrom, validFrom.plusYears(years).minusDays(1), null);
    }

    private List<CatalogEntry> rules(YamlTree yaml, Node node) {
        List<Node> items = yaml.list(node, "rules");
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            yaml.problem(node, "rules", "the catalog has no rules");
        }
        List<CatalogEntry> entries = new ArrayList<>();
        YamlTree.Seen ids = new YamlTree.Seen();
        for (int i = 0; i < items.size(); i++) {
            CatalogEntry entry = rule(yaml, items.get(i), "rules[" + i + "]", ids);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private CatalogEntry rule(YamlTree yaml, Node node, String path, YamlTree.Seen ids) {
        Map<String, Entry> e = yaml.mapping(node, path);
        if (e == null) {
            return null;
        }
        yaml.keys(e, node, path, RULE_REQUIRED, RULE_OPTIONAL);
        RuleParts parts = new RuleParts(yaml);
        String article = e.containsKey("article") ? article(yaml, e.get("article").value(), path + ".article") : null;
        String id = e.containsKey("id") ? id(yaml, e.get("id").value(), path + ".id", article, ids) : null;
        String title = text(yaml, e, "title", path);
        String titleEn = text(yaml, e, "titleEn", path);
        String source = text(yaml, e, "source", path);
        Party party = e.containsKey("party") ? yaml.oneOf(e.get("party").value(), path + ".party", RuleParts.PARTIES) : null;
        SubjectKind subject = e.containsKey("appliesTo") ? yaml.oneOf(e.get("appliesTo").value(), path + ".appliesTo", SUBJECTS) : null;
        List<Condition> conditions = e.containsKey("when") ? parts.conditions(e.get("when").value(), path + ".when") : List.of();
        Trigger trigger = e.containsKey("trigger") ? parts.trigger(e.get("trigger").value(), path + ".trigger") : null;
        DueRule due = e.containsKey("due") ? parts.due(e.get("due").value(), path + ".due") : null;
        Evidence evidence = e.containsKey("evidence") ? parts.evidence(e.get("evidence").value(), path + ".evidence") : Evidence.none();
        List<Duration> reminders = e.containsKey("remind") ? parts.reminders(e.get("remind").value(), path + ".remind") : List.of();
        Escalation escalation = e.containsKey("escalate") ? parts.escalation(e.get("escalate").value(), path + ".escalate") : null;
        String note = e.containsKey("note") ? yaml.text(e.get("note").value(), path + ".note") : null;
        String noteEn = e.containsKey("noteEn") ? yaml.text(e.get("noteEn").value(), path + ".noteEn") : null;
        if (id == null || article == null || title == null || titleEn == null || source == null || party == null || subject == null
                || conditions == null || trigger == null || due == null || evidence == null || reminders == null || escalation == null) {
            return null;
        }
        Rule rule = new Rule(id, article, title, titleEn, source, party, subject, conditions, trigger, due, evidence, reminders,
                escalation, Set.of());
        return new CatalogEntry(rule, note, noteEn, YamlTree.line(node));
    }

    private static String text(YamlTree yaml, Map<String, Entry> e, String key, String path) {
        return e.containsKey(key) ? yaml.text(e.get(key).value(), path + "." + key) : null;
    }

    private String article(YamlTree yaml, Node node, String path) {
        String article = yaml.text(node, path);
        if (article != null && !requirements.contains(article)) {
            yaml.problem(node, path, "'" + YamlTree.shorten(article) + "' is not a requirement id of REQUIREMENTS.md (e.g. A5.4, A10.2, A12)");
            return null;
        }
        return article;
    }

    private static String id(YamlTree yaml, Node node, String path, String article, YamlTree.Seen ids) {
        String id = yaml.text(node, path);
        if (id == null) {
            return null;
        }
        if (!RULE_ID.matcher(id).matches()) {
            yaml.problem(node, path, "'" + YamlTree.shorten(id) + "' is not a rule id like A10.2-rectify (requirement id, then lower-case words joined by -)");
            return null;
        }
        if (article != null && !id.startsWith(article + "-")) {
            yaml.problem(node, path, "'" + id + "' must start with its article " + article + " followed by '-'");
            return null;
        }
        Integer first = ids.firstLine(id, YamlTree.line(node));
        if (first != null) {
            yaml.problem(node, path, "duplicate rule id '" + id + "' (first at line " + first + ")");
            return null;
        }
        return id;
    }
}

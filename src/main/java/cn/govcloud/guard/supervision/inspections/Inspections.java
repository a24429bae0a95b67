package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.identity.IdentityManagement.OrganisationView;
import cn.govcloud.guard.identity.OrganisationDirectory;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.shared.NotFound;
import cn.govcloud.guard.shared.OrgKind;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.scheduling.Db;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quarterly special inspections (季度专项检查, A11.3): a scope of units and systems, a checklist drawn
 * from the rule catalog (every chosen article's system rules once per system in scope, its unit rules
 * once per unit), a result per item; a failed item becomes a hazard notice on the system — for a unit
 * rule on the system of that unit the inspector names (its only system when it has one).
 */
@Service
public class Inspections {
    static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    static final Set<String> RESULTS = Set.of("PASS", "FAIL", "NOT_APPLICABLE");

    private final JdbcClient jdbc;
    private final RuleCatalog catalog;
    private final Systems systems;
    private final Hazards hazards;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final Clock clock;

    Inspections(JdbcClient jdbc, RuleCatalog catalog, Systems systems, Hazards hazards, OrganisationDirectory organisations, AuditLog audit,
                Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.systems = systems;
        this.hazards = hazards;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code articles}: requirement ids or prefixes ({@code A8} takes A8.1, A8.2 …); {@code ruleIds}: single rules besides. */
    public record NewInspection(String quarter, String topic, List<String> articles, List<String> ruleIds, List<Long> unitIds,
                                List<Long> systemIds) {
    }

    public record Inspection(long id, String quarter, String topic, String articles, String state, Instant createdAt, String createdBy,
                             Instant completedAt, String completedBy, Long reportDocumentId, String reportFilename, Long dutyId) {
        public boolean inProgress() {
            return "IN_PROGRESS".equals(state);
        }
    }

    public record Item(long id, long inspectionId, String ruleId, String ruleTitle, String subjectKind, long subjectId, String subjectName,
                       long orgId, String result, String remark, String inspector, Instant recordedAt, Long hazardId, Long hazardSystemId) {
    }

    /** The quarter as {@code yyyy-Qn}; blank means the current quarter. */
    public String quarter(String text) {
        if (Db.blank(text)) {
            LocalDate today = Db.today(clock);
            return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        }
        if (!QUARTER.matcher(text.strip()).matches()) {
            throw new InvalidInput("scheduling.error.invalid", Map.of("quarter", "scheduling.error.quarter"));
        }
        return text.strip();
    }

    public static LocalDate quarterStart(String quarter) {
        var m = QUARTER.matcher(quarter);
        if (!m.matches()) {
            throw new IllegalArgumentException(quarter);
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
    }

    @Transactional
    public Inspection create(NewInspection n) {
        Db.supervisor();
        Map<String, String> errors = new LinkedHashMap<>();
        String quarter = null;
        try {
            quarter = quarter(n.quarter());
        } catch (InvalidInput e) {
            errors.putAll(e.fieldErrors());
        }
        if (Db.blank(n.topic()) || n.topic().strip().length() > 200) {
            errors.put("topic", "scheduling.error.topic");
        }
        List<String> articles = clean(n.articles());
        List<String> ruleIds = clean(n.ruleIds());
        List<Rule> rules = catalog.rules().stream().filter(r -> r.appliesTo() != SubjectKind.PLATFORM)
                .filter(r -> ruleIds.contains(r.id()) || articles.stream().anyMatch(a -> r.article().equals(a) || r.article().startsWith(a + ".")))
                .toList();
        if (rules.isEmpty()) {
            errors.put("articles", "scheduling.error.articles");
        }
        Map<Long, OrganisationView> units = new LinkedHashMap<>();
        for (Long unitId : n.unitIds() == null ? List.<Long>of() : n.unitIds()) {
            Optional<OrganisationView> unit = unitId == null ? Optional.empty() : organisations.byId(unitId).filter(o -> o.kind() == OrgKind.UNIT);
            if (unit.isEmpty()) {
                errors.put("unitIds", "scheduling.error.unitIds");
            } else {
                units.put(unit.get().id(), unit.get());
            }
        }
        Map<Long, SystemRef> scopeSystems = new LinkedHashMap<>();
        List<Long> systemIds = n.systemIds() == null ? List.of() : n.systemIds().stream().filter(java.util.Objects::nonNull).toList();
        List<SystemRef> chosen = systems.find(systemIds);
        if (chosen.size() != new LinkedHashSet<>(systemIds).size()) {
            errors.put("systemIds", "scheduling.error.systemIds");
        }
        chosen.forEach(s -> scopeSystems.put(s.id(), s));
        // the chosen units' systems on the platform: one query, not one per unit
        systems.onPlatform().stream().filter(s -> units.containsKey(s.orgId())).forEach(s -> scopeSystems.putIfAbsent(s.id(), s));
        for (SystemRef s : chosen) {
            organisations.byId(s.orgId()).ifPresent(o -> units.putIfAbsent(o.id(), o));
        }
        if (units.isEmpty() && errors.isEmpty()) {
            errors.put("unitIds", "scheduling.error.scope");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.invalid", errors);
        }
        Actor actor = Actor.require();
        long id = Db.insertedId(jdbc.sql("insert into supervision_inspection (period_quarter, topic, articles, state, created_at, created_by) "
                        + "values (:q, :t, :a, 'IN_PROGRESS', :at, :by)")
                .param("q", quarter).param("t", n.topic().strip()).param("a", cut(String.join(",", joinScope(articles, ruleIds)), 500))
                .param("at", Db.ts(clock.instant())).param("by", actor.username()));
        int count = 0;
        for (Rule rule : rules) {
            if (rule.appliesTo() == SubjectKind.SYSTEM) {
                for (SystemRef s : scopeSystems.values()) {
                    insertItem(id, rule, "SYSTEM", s.id(), s.name(), s.orgId());
                    count++;
                }
            } else {
                for (OrganisationView unit : units.values()) {
                    insertItem(id, rule, "UNIT", unit.id(), unit.name(), unit.id());
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new InvalidInput("scheduling.error.invalid", Map.of("systemIds", "scheduling.error.noItems"));
        }
        audit.record(AuditEvent.success("inspection.create", "inspection:" + id, quarter + " " + n.topic().strip() + " rules="
                + rules.size() + " units=" + units.size() + " systems=" + scopeSystems.size() + " items=" + count));
        return require(id);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static List<String> joinScope(List<String> articles, List<String> ruleIds) {
        List<String> all = new java.util.ArrayList<>(articles);
        ruleIds.stream().filter(r -> !all.contains(r)).forEach(all::add);
        return all;
    }

    static boolean onPlatform(SystemRef s) {
        return Set.of("ADMITTED", "SUSPENDED", "EXIT_ORDERED").contains(s.state());
    }

    private static List<String> clean(Collection<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !Db.blank(v)).map(String::strip).distinct().toList();
    }

    private void insertItem(long inspection, Rule rule, String kind, long subjectId, String subjectName, long orgId) {
        jdbc.sql("insert into supervision_inspection_item (inspection_id, rule_id, rule_title, subject_kind, subject_id, subject_name, org_id, result) "
                        + "values (:i, :r, :t, :k, :s, :n, :o, 'PENDING')")
                .param("i", inspection).param("r", rule.id()).param("t", rule.title()).param("k", kind).param("s", subjectId)
                .param("n", subjectName).param("o", orgId).update();
    }

    /** A result for one item: {@code PASS}, {@code FAIL} (raises a hazard, so a system is needed) or {@code NOT_APPLICABLE}. */
    public record Result(String result, String remark, String inspector, Long hazardSystemId, String severity) {
    }

    @Transactional
    public Item record(long inspectionId, long itemId, Result r) {
        Db.supervisor();
        Inspection inspection = require(inspectionId);
        if (!inspection.inProgress()) {
            throw new RuleViolation("A11.3", "scheduling.inspection.refused.completed");
        }
        Item item = item(inspectionId, itemId);
        if ("FAIL".equals(item.result())) {
            throw new RuleViolation("A11.3", "scheduling.inspection.refused.failed");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String result = r.result() == null ? "" : r.result().strip().toUpperCase(Locale.ROOT);
        if (!RESULTS.contains(result)) {
            errors.put("result", "scheduling.error.result");
        }
        if (Db.blank(r.inspector()) || r.inspector().strip().length() > 100) {
            errors.put("inspector", "scheduling.error.inspector");
        }
        Hazards.Severity severity = null;
        Long systemId = null;
        if ("FAIL".equals(result)) {
            if (Db.blank(r.remark())) {
                errors.put("remark", "scheduling.error.remark");
            }
            try {
                severity = Hazards.Severity.valueOf(Db.blank(r.severity()) ? "MEDIUM" : r.severity().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("severity", "scheduling.error.severity");
            }
            systemId = hazardSystem(item, r.hazardSystemId(), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.invalid", errors);
        }
        Actor actor = Actor.require();
        Long hazardId = null;
        if ("FAIL".equals(result)) {
            hazardId = hazards.raise(new Hazards.NewHazard(systemId, "专项检查不符合：" + item.ruleTitle(), severity,
                    r.remark().strip() + "（" + item.ruleId() + "，" + inspection.quarter() + " " + inspection.topic() + "）", clock.instant(),
                    "INSPECTION", "inspection-item:" + itemId)).id();
        }
        jdbc.sql("update supervision_inspection_item set result = :r, remark = :m, inspector = :i, recorded_at = :at, hazard_id = :h, "
                        + "hazard_system_id = :s where id = :id")
                .param("r", result).param("m", Db.blank(r.remark()) ? null : r.remark().strip()).param("i", r.inspector().strip())
                .param("at", Db.ts(clock.instant())).param("h", hazardId).param("s", systemId).param("id", itemId).update();
        audit.record(AuditEvent.success("inspection.result", "inspection:" + inspectionId, "item " + itemId + " " + item.ruleId() + " "
                + item.subjectName() + " " + result + (hazardId == null ? "" : " hazard " + hazardId) + " by " + actor.username()));
        return item(inspectionId, itemId);
    }

    private Long hazardSystem(Item item, Long chosen, Map<String, String> errors) {
        if (item.subjectKind().equals("SYSTEM")) {
            return item.subjectId();
        }
        List<SystemRef> own = systems.ofOrganisation(item.orgId()).stream().filter(Inspections::onPlatform).toList();
        if (chosen != null) {
            if (own.stream().noneMatch(s -> s.id() == chosen)) {
                errors.put("hazardSystemId", "scheduling.error.hazardSystemId");
            }
            return chosen;
        }
        if (own.size() == 1) {
            return own.get(0).id();
        }
        errors.put("hazardSystemId", "scheduling.error.hazardSystemId");
        return null;
    }

    public Inspection require(long id) {
        return jdbc.sql("select * from supervision_inspection where id = :id").param("id", id).query(this::map).optional()
                .orElseThrow(() -> new NotFound("inspection " + id));
    }

    public List<Inspection> list() {
        return jdbc.sql("select * from supervision_inspection order by period_quarter desc, id desc").query(this::map).list();
    }

    public List<Item> items(long inspectionId) {
        return jdbc.sql("select * from supervision_inspection_item where inspection_id = :i order by id").param("i", inspectionId)
                .query(this::mapItem).list();
    }

    /** The items of every inspection that concern one unit. */
    public List<Item> itemsOfOrganisation(long orgId) {
        return jdbc.sql("select * from supervision_inspection_item where org_id = :o order by inspection_id desc, id").param("o", orgId)
                .query(this::mapItem).list();
    }

    public Item item(long inspectionId, long itemId) {
        return jdbc.sql("select * from supervision_inspection_item where id = :id and inspection_id = :i").param("id", itemId)
                .param("i", inspectionId).query(this::mapItem).optional().orElseThrow(() -> new NotFound("inspection item " + itemId));
    }

    private Inspection map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Inspection(rs.getLong("id"), rs.getString("period_quarter"), rs.getString("topic"), rs.getString("articles"),
                rs.getString("state"), Db.instant(rs, "created_at"), rs.getString("created_by"), Db.instant(rs, "completed_at"),
                rs.getString("completed_by"), Db.nullableLong(rs, "report_document_id"), rs.getString("report_filename"),
                Db.nullableLong(rs, "duty_id"));
    }

    private Item mapItem(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Item(rs.getLong("id"), rs.getLong("inspection_id"), rs.getString("rule_id"), rs.getString("rule_title"),
                rs.getString("subject_kind"), rs.getLong("subject_id"), rs.getString("subject_name"), rs.getLong("org_id"),
                rs.getString("result"), rs.getString("remark"), rs.getString("inspector"), Db.instant(rs, "recorded_at"),
                Db.nullableLong(rs, "hazard_id"), Db.nullableLong(rs, "hazard_system_id"));
    }
}

package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

    private final InspectionRepository store;
    private final RuleCatalog catalog;
    private final Systems systems;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final Clock clock;

    Inspections(InspectionRepository store, RuleCatalog catalog, Systems systems, OrganisationDirectory organisations, AuditLog audit, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.systems = systems;
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

        /** A11.3: a completed inspection's report is final; nothing more is recorded on it. */
        Inspection requireInProgress() {
            if (!inProgress()) {
                throw new RuleViolation("A11.3", "scheduling.inspection.refused.completed");
            }
            return this;
        }
    }

    public record Item(long id, long inspectionId, String ruleId, String ruleTitle, String subjectKind, long subjectId, String subjectName,
                       long orgId, String result, String remark, String inspector, Instant recordedAt, Long hazardId, Long hazardSystemId) {

        /** A failed item has raised its hazard notice; its result stands. */
        Item requireRecordable() {
            if ("FAIL".equals(result)) {
                throw new RuleViolation("A11.3", "scheduling.inspection.refused.failed");
            }
            return this;
        }
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
        long id = store.insert(quarter, n.topic().strip(), cut(String.join(",", joinScope(articles, ruleIds)), 500), clock.instant(),
                actor.username());
        int count = 0;
        for (Rule rule : rules) {
            if (rule.appliesTo() == SubjectKind.SYSTEM) {
                for (SystemRef s : scopeSystems.values()) {
                    store.insertItem(id, rule, "SYSTEM", s.id(), s.name(), s.orgId());
                    count++;
                }
            } else {
                for (OrganisationView unit : units.values()) {
                    store.insertItem(id, rule, "UNIT", unit.id(), unit.name(), unit.id());
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

    /** A result for one item: {@code PASS}, {@code FAIL} (raises a hazard, so a system is needed) or {@code NOT_APPLICABLE}. */
    public record Result(String result, String remark, String inspector, Long hazardSystemId, String severity) {
    }

    @Transactional(readOnly = true)
    public Inspection require(long id) {
        return store.find(id).orElseThrow(() -> new NotFound("inspection " + id));
    }

    @Transactional(readOnly = true)
    public List<Inspection> list() {
        return store.list();
    }

    /** Issue 23 point 11: a keyword in the topic, quarter or articles, and the state ({@code IN_PROGRESS}, {@code COMPLETED}); null is any. */
    public record Search(String keyword, String state) {
        public Search {
            keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
            state = "IN_PROGRESS".equals(state) || "COMPLETED".equals(state) ? state : null;
        }
    }

    @Transactional(readOnly = true)
    public List<Inspection> search(Search search, int limit, int offset) {
        return store.search(search, limit, offset);
    }

    @Transactional(readOnly = true)
    public long count(Search search) {
        return store.count(search);
    }

    @Transactional(readOnly = true)
    public List<Item> items(long inspectionId) {
        return store.items(inspectionId);
    }

    /** The items of every inspection that concern one unit. */
    @Transactional(readOnly = true)
    public List<Item> itemsOfOrganisation(long orgId) {
        return store.itemsOfOrganisation(orgId);
    }

    public Item item(long inspectionId, long itemId) {
        return store.item(inspectionId, itemId);
    }
}

package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.supervision.inspections.Inspections.Inspection;
import cn.govcloud.guard.supervision.inspections.Inspections.Item;
import cn.govcloud.guard.supervision.inspections.Inspections.Result;
import cn.govcloud.guard.supervision.scheduling.Db;
import cn.govcloud.guard.systems.Systems;
import cn.govcloud.guard.systems.Systems.SystemRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording the results of a quarterly special inspection's checklist (A11.3): one item over the API, or several items in
 * one save from the page (issue 23 point 10) — all of them or none, each refusal named by its row, and the inspector
 * remembered for the next save.
 */
@Service
public class Recording {
    static final Set<String> RESULTS = Set.of("PASS", "FAIL", "NOT_APPLICABLE");

    private final Inspections inspections;
    private final InspectionRepository store;
    private final Systems systems;
    private final Hazards hazards;
    private final AuditLog audit;
    private final Clock clock;

    Recording(Inspections inspections, InspectionRepository store, Systems systems, Hazards hazards, AuditLog audit, Clock clock) {
        this.inspections = inspections;
        this.store = store;
        this.systems = systems;
        this.hazards = hazards;
        this.audit = audit;
        this.clock = clock;
    }

    /** One row of a multi-item save: which checklist item and its result; the inspector is the form's, once for all rows. */
    public record Row(Long itemId, String result, String remark, Long hazardSystemId, String severity) {
        boolean blank() {
            return itemId == null && Db.blank(result) && Db.blank(remark);
        }
    }

    /** A checked result, ready to be written. */
    private record Checked(Item item, String result, String remark, Hazards.Severity severity, Long systemId) {
    }

    @Transactional
    public Item record(long inspectionId, long itemId, Result r) {
        Db.supervisor();
        Inspection inspection = inspections.require(inspectionId).requireInProgress();
        Item item = inspections.item(inspectionId, itemId).requireRecordable();
        Map<String, String> errors = new LinkedHashMap<>();
        String inspector = inspector(r.inspector(), errors);
        Checked checked = check(item, r.result(), r.remark(), r.hazardSystemId(), r.severity(), errors, "");
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.invalid", errors);
        }
        write(inspection, checked, inspector);
        return inspections.item(inspectionId, itemId);
    }

    /**
     * Several items in one save (issue 23 point 10): every row is checked before anything is written, so one bad row saves
     * nothing; a refusal is keyed {@code field-<row>} (e.g. {@code remark-2}) so the page shows it beside that row's field.
     * Rows left wholly blank are skipped (the page offers spare rows).
     */
    @Transactional
    public List<Item> recordAll(long inspectionId, String inspectorText, List<Row> rows) {
        Db.supervisor();
        Inspection inspection = inspections.require(inspectionId).requireInProgress();
        Map<String, String> errors = new LinkedHashMap<>();
        String inspector = inspector(inspectorText, errors);
        Map<Long, Item> checklist = new LinkedHashMap<>();
        inspections.items(inspectionId).forEach(x -> checklist.put(x.id(), x));
        List<Checked> checked = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.blank()) {
                continue;
            }
            Item item = row.itemId() == null ? null : checklist.get(row.itemId());
            if (item == null) {
                errors.put("itemId-" + i, "scheduling.error.item");
            } else if ("FAIL".equals(item.result())) {
                errors.put("itemId-" + i, "scheduling.inspection.refused.failed");
            } else if (!seen.add(item.id())) {
                errors.put("itemId-" + i, "scheduling.error.itemTwice");
            } else {
                checked.add(check(item, row.result(), row.remark(), row.hazardSystemId(), row.severity(), errors, "-" + i));
            }
        }
        if (checked.isEmpty() && errors.isEmpty()) {
            errors.put("itemId-0", "scheduling.error.noRows");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("scheduling.error.rows", errors);
        }
        checked.forEach(c -> write(inspection, c, inspector));
        return checked.stream().map(c -> inspections.item(inspectionId, c.item().id())).toList();
    }

    /** The inspector name the form offers: the one this person last entered, else their own name. */
    @Transactional(readOnly = true)
    public String rememberedInspector(Actor actor) {
        return store.lastInspector(actor.username()).orElse(actor.displayName());
    }

    private static String inspector(String text, Map<String, String> errors) {
        if (Db.blank(text) || text.strip().length() > 100) {
            errors.put("inspector", "scheduling.error.inspector");
            return null;
        }
        return text.strip();
    }

    private Checked check(Item item, String resultText, String remark, Long hazardSystemId, String severityText, Map<String, String> errors,
                          String suffix) {
        String result = resultText == null ? "" : resultText.strip().toUpperCase(Locale.ROOT);
        if (!RESULTS.contains(result)) {
            errors.put("result" + suffix, "scheduling.error.result");
        }
        Hazards.Severity severity = null;
        Long systemId = null;
        if ("FAIL".equals(result)) {
            if (Db.blank(remark)) {
                errors.put("remark" + suffix, "scheduling.error.remark");
            }
            try {
                severity = Hazards.Severity.valueOf(Db.blank(severityText) ? "MEDIUM" : severityText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("severity" + suffix, "scheduling.error.severity");
            }
            systemId = hazardSystem(item, hazardSystemId, errors, suffix);
        }
        return new Checked(item, result, Db.blank(remark) ? null : remark.strip(), severity, systemId);
    }

    private void write(Inspection inspection, Checked c, String inspector) {
        Actor actor = Actor.require();
        Item item = c.item();
        Long hazardId = null;
        if ("FAIL".equals(c.result())) {
            hazardId = hazards.raise(new Hazards.NewHazard(c.systemId(), "专项检查不符合：" + item.ruleTitle(), c.severity(),
                    c.remark() + "（" + item.ruleId() + "，" + inspection.quarter() + " " + inspection.topic() + "）", clock.instant(),
                    "INSPECTION", "inspection-item:" + item.id())).id();
        }
        store.recordResult(item.id(), c.result(), c.remark(), inspector, actor.username(), clock.instant(), hazardId, c.systemId());
        audit.record(AuditEvent.success("inspection.result", "inspection:" + inspection.id(), "item " + item.id() + " " + item.ruleId() + " "
                + item.subjectName() + " " + c.result() + (hazardId == null ? "" : " hazard " + hazardId) + " by " + actor.username()));
    }

    private Long hazardSystem(Item item, Long chosen, Map<String, String> errors, String suffix) {
        if (item.subjectKind().equals("SYSTEM")) {
            return item.subjectId();
        }
        List<SystemRef> own = systems.ofOrganisation(item.orgId()).stream().filter(Inspections::onPlatform).toList();
        if (chosen != null) {
            if (own.stream().noneMatch(s -> s.id() == chosen)) {
                errors.put("hazardSystemId" + suffix, "scheduling.error.hazardSystemId");
            }
            return chosen;
        }
        if (own.size() == 1) {
            return own.get(0).id();
        }
        errors.put("hazardSystemId" + suffix, "scheduling.error.hazardSystemId");
        return null;
    }
}

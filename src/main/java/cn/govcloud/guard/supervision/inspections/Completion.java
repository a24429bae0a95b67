package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.supervision.scheduling.PeriodicDutyFiling;
import cn.govcloud.guard.documents.Documents;
import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.documents.StoredDocument;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.scheduling.Db;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes an inspection once every item has a result: renders the report (专项检查报告) as a PDF and
 * files the quarter's {@code A11.3-quarterly-inspection} duty with topic, inspected and hazardsFound.
 */
@Service
public class Completion {
    static final String QUARTERLY_RULE = "A11.3-quarterly-inspection";
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final JdbcClient jdbc;
    private final Inspections inspections;
    private final PeriodicDutyFiling filing;
    private final Documents documents;
    private final Pdf pdf;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    Completion(JdbcClient jdbc, Inspections inspections, PeriodicDutyFiling filing, Documents documents, Pdf pdf,
               MessageSource messages, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.inspections = inspections;
        this.filing = filing;
        this.documents = documents;
        this.pdf = pdf;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Inspections.Inspection complete(long id) {
        Db.supervisor();
        Inspections.Inspection inspection = inspections.require(id).requireInProgress();
        List<Inspections.Item> items = inspections.items(id);
        if (items.stream().anyMatch(i -> "PENDING".equals(i.result()))) {
            throw new RuleViolation("A11.3", "scheduling.inspection.refused.pending");
        }
        Actor actor = Actor.require();
        // claim the inspection first: of two completions at once, the second waits for the first's row lock, then finds it completed
        int claimed = jdbc.sql("update supervision_inspection set state = 'COMPLETED', completed_at = :at, completed_by = :by "
                        + "where id = :id and state = 'IN_PROGRESS'")
                .param("at", Db.ts(clock.instant())).param("by", actor.username()).param("id", id).update();
        if (claimed != 1) {
            throw new RuleViolation("A11.3", "scheduling.inspection.refused.completed");
        }
        byte[] report = report(inspection, items);
        String filename = inspection.quarter() + "-专项检查报告-" + id + ".pdf";
        StoredDocument stored = documents.store(actor.orgId(), filename, new ByteArrayInputStream(report));
        Long dutyId = fileQuarterlyDuty(inspection, items, filename, report);
        jdbc.sql("update supervision_inspection set report_document_id = :doc, report_filename = :f, duty_id = :duty where id = :id")
                .param("doc", stored.id()).param("f", filename).param("duty", dutyId).param("id", id).update();
        audit.record(AuditEvent.success("inspection.complete", "inspection:" + id, inspection.quarter() + " " + inspection.topic()
                + " hazards=" + hazardsFound(items) + (dutyId == null ? " (no quarterly duty awaiting)" : " filed duty " + dutyId)));
        return inspections.require(id);
    }

    static long hazardsFound(List<Inspections.Item> items) {
        return items.stream().filter(i -> i.hazardId() != null).count();
    }

    private Long fileQuarterlyDuty(Inspections.Inspection inspection, List<Inspections.Item> items, String filename, byte[] report) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", inspection.topic());
        fields.put("inspected", inspected(items));
        fields.put("hazardsFound", String.valueOf(hazardsFound(items)));
        return filing.file(QUARTERLY_RULE, Inspections.quarterStart(inspection.quarter()), fields, "report", filename, report);
    }

    private static String inspected(List<Inspections.Item> items) {
        Set<String> subjects = new LinkedHashSet<>();
        items.forEach(i -> subjects.add(i.subjectName()));
        String joined = String.join("、", subjects);
        return joined.length() > 3900 ? joined.substring(0, 3900) + "…" : joined;
    }

    /** The inspection report as a PDF (Chinese, with the product's embedded font). */
    public byte[] report(Inspections.Inspection inspection, List<Inspections.Item> items) {
        List<Pdf.Block> blocks = new ArrayList<>();
        blocks.add(new Pdf.KeyValues(List.of(Map.entry(text("scheduling.inspection.quarter"), inspection.quarter()),
                Map.entry(text("scheduling.inspection.topic"), inspection.topic()),
                Map.entry(text("scheduling.inspection.articles"), inspection.articles()),
                Map.entry(text("scheduling.inspection.inspected"), inspected(items)),
                Map.entry(text("scheduling.inspection.hazardsFound"), String.valueOf(hazardsFound(items))))));
        blocks.add(new Pdf.Heading(text("scheduling.inspection.checklist")));
        blocks.add(new Pdf.Table(List.of(text("scheduling.inspection.col.rule"), text("scheduling.inspection.col.subject"),
                text("scheduling.inspection.col.result"), text("scheduling.inspection.col.remark"), text("scheduling.inspection.col.hazard")),
                items.stream().map(i -> List.of(i.ruleId() + " " + i.ruleTitle(), i.subjectName(), text("scheduling.inspection.result." + i.result()),
                        i.remark() == null ? "" : i.remark(), i.hazardId() == null ? "" : "#" + i.hazardId())).toList()));
        return pdf.render(new Pdf.Report(text("scheduling.inspection.reportTitle", inspection.quarter(), inspection.topic()),
                text("scheduling.inspection.reportSubtitle", inspection.createdBy()), blocks));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH);
    }
}

package cn.govcloud.guard.supervision.inspections;

import cn.govcloud.guard.documents.Pdf;
import cn.govcloud.guard.shared.RuleViolation;
import cn.govcloud.guard.supervision.scheduling.Db;
import cn.govcloud.guard.supervision.scheduling.FiledReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes an inspection once every item has a result: renders the report (专项检查报告) as a PDF and
 * files the quarter's {@code A11.3-quarterly-inspection} duty with topic, inspected and hazardsFound.
 */
@Service
public class Completion {
    static final String QUARTERLY_RULE = "A11.3-quarterly-inspection";
    private static final FiledReports.Kind REPORT = new FiledReports.Kind("supervision_inspection", "IN_PROGRESS", "COMPLETED", "completed",
            "report", QUARTERLY_RULE, "report", "scheduling.inspection.refused.completed", "inspection.complete", "inspection:");

    private final Inspections inspections;
    private final FiledReports reports;

    Completion(Inspections inspections, FiledReports reports) {
        this.inspections = inspections;
        this.reports = reports;
    }

    @Transactional
    public Inspections.Inspection complete(long id) {
        Db.supervisor();
        Inspections.Inspection inspection = inspections.require(id).requireInProgress();
        List<Inspections.Item> items = inspections.items(id);
        if (items.stream().anyMatch(i -> "PENDING".equals(i.result()))) {
            throw new RuleViolation("A11.3", "scheduling.inspection.refused.pending");
        }
        reports.file(REPORT, id, () -> new FiledReports.Report(inspection.quarter() + "-专项检查报告-" + id + ".pdf", report(inspection, items),
                        Inspections.quarterStart(inspection.quarter()), dutyFields(inspection, items)),
                filed -> inspection.quarter() + " " + inspection.topic() + " hazards=" + hazardsFound(items)
                        + (filed.dutyId() == null ? " (no quarterly duty awaiting)" : " filed duty " + filed.dutyId()));
        return inspections.require(id);
    }

    static long hazardsFound(List<Inspections.Item> items) {
        return items.stream().filter(i -> i.hazardId() != null).count();
    }

    private static Map<String, String> dutyFields(Inspections.Inspection inspection, List<Inspections.Item> items) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", inspection.topic());
        fields.put("inspected", inspected(items));
        fields.put("hazardsFound", String.valueOf(hazardsFound(items)));
        return fields;
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
        return reports.render(new Pdf.Report(text("scheduling.inspection.reportTitle", inspection.quarter(), inspection.topic()),
                text("scheduling.inspection.reportSubtitle", inspection.createdBy()), blocks));
    }

    private String text(String key, Object... args) {
        return reports.text(key, args);
    }
}

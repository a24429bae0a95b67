package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.internal.ComplianceMatrix;
import cn.govcloud.guard.duties.internal.Submissions;
import cn.govcloud.guard.rules.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes for duties, submissions and matrix rows. */
final class DutyJson {
    private DutyJson() {
    }

    static Map<String, Object> duty(Duty d, Rule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("ruleId", d.ruleId());
        m.put("article", d.article());
        m.put("title", rule == null ? null : rule.title());
        m.put("titleEn", rule == null ? null : rule.titleEn());
        m.put("catalogVersion", d.catalogVersion());
        m.put("subjectKind", d.subjectKind());
        m.put("subjectId", d.subjectId());
        m.put("subjectName", d.subjectName());
        m.put("orgId", d.orgId());
        m.put("party", d.party());
        m.put("periodStart", d.periodStart());
        m.put("event", d.event());
        m.put("reference", d.reference());
        m.put("triggeredAt", d.triggeredAt());
        m.put("dueDate", d.dueDate());
        m.put("dueAt", d.dueAt());
        m.put("dueProvisional", d.dueProvisional());
        m.put("state", d.state());
        m.put("overdueAt", d.overdueAt());
        m.put("closedAt", d.closedAt());
        return m;
    }

    static Map<String, Object> submission(Submissions.Submission s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("submittedAt", s.submittedAt());
        m.put("submittedBy", s.submittedBy());
        m.put("submittedName", s.submittedName());
        m.put("fields", s.fields());
        m.put("late", s.late());
        m.put("decision", s.decision());
        m.put("reviewedAt", s.reviewedAt());
        m.put("reviewedBy", s.reviewedBy());
        m.put("reviewComment", s.reviewComment());
        m.put("documents", s.attachments().stream().map(a -> Map.of("slot", a.slot(), "documentId", a.documentId(),
                "filename", a.filename())).toList());
        return m;
    }

    static Map<String, Object> row(ComplianceMatrix.Row r, String reasonText) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subjectKind", r.subjectKind());
        m.put("subjectId", r.subjectId());
        m.put("subjectName", r.subjectName());
        m.put("orgId", r.orgId());
        m.put("orgName", r.orgName());
        m.put("ruleId", r.rule().id());
        m.put("article", r.rule().article());
        m.put("title", r.rule().title());
        m.put("status", r.status());
        m.put("reason", r.reason());
        m.put("reasonArgs", r.reasonArgs());
        m.put("reasonText", reasonText);
        m.put("dueAt", r.dueAt());
        m.put("latestDutyId", r.latestDuty());
        m.put("latestEvidenceAt", r.latestEvidenceAt());
        m.put("catalogVersion", r.catalogVersion());
        return m;
    }

    static List<Map<String, Object>> submissions(List<Submissions.Submission> list) {
        return list.stream().map(DutyJson::submission).toList();
    }
}

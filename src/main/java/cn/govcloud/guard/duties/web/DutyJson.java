package cn.govcloud.guard.duties.web;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.duties.internal.ComplianceMatrix;
import cn.govcloud.guard.duties.internal.Submissions;
import cn.govcloud.guard.rules.Rule;
import cn.govcloud.guard.rules.Rule.Party;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import cn.govcloud.guard.rules.RuleCatalog;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes for duties, submissions and matrix rows, as typed records (OpenAPI documents each). */
final class DutyJson {
    private DutyJson() {
    }

    /** A duty as lists and the agenda show it; the deadline fields are those API.md fixes. */
    record DutyView(long id, String ruleId, String article, String title, String titleEn, String catalogVersion,
                    SubjectKind subjectKind, long subjectId, String subjectName, long orgId, Party party, LocalDate periodStart,
                    String event, String reference, Instant triggeredAt, LocalDate dueDate, Instant dueAt, boolean dueProvisional,
                    DutyState state, Instant overdueAt, Instant closedAt) {
        static DutyView of(Duty d, Rule rule) {
            return new DutyView(d.id(), d.ruleId(), d.article(), rule == null ? null : rule.title(), rule == null ? null : rule.titleEn(),
                    d.catalogVersion(), d.subjectKind(), d.subjectId(), d.subjectName(), d.orgId(), d.party(), d.periodStart(), d.event(),
                    d.reference(), d.triggeredAt(), d.dueDate(), d.dueAt(), d.dueProvisional(), d.state(), d.overdueAt(), d.closedAt());
        }
    }

    /** One duty with what its evidence must hold, what was filed, and why it was waived (absent when it was not). */
    record DutyDetail(@JsonUnwrapped DutyView duty, Rule.Evidence evidence, List<SubmissionView> submissions,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String waiverReason) {
    }

    record SubmissionView(long id, Instant submittedAt, String submittedBy, String submittedName, Map<String, String> fields,
                          boolean late, String decision, Instant reviewedAt, String reviewedBy, String reviewComment,
                          List<DocumentView> documents) {
        static SubmissionView of(Submissions.Submission s) {
            return new SubmissionView(s.id(), s.submittedAt(), s.submittedBy(), s.submittedName(), s.fields(), s.late(), s.decision(),
                    s.reviewedAt(), s.reviewedBy(), s.reviewComment(),
                    s.attachments().stream().map(a -> new DocumentView(a.slot(), a.documentId(), a.filename())).toList());
        }
    }

    record DocumentView(String slot, long documentId, String filename) {
    }

    /** A page of duties; {@code nextCursor} is null on the last page. */
    record DutyPage(List<DutyView> items, String nextCursor) {
    }

    record Agenda(long openCount, long overdueCount, List<DutyView> next, List<DutyView> overdue) {
    }

    /** A compliance-matrix row: one rule for one subject, its status and why (key, arguments and the text). */
    record RowView(SubjectKind subjectKind, long subjectId, String subjectName, long orgId, String orgName, String ruleId,
                   String article, String title, ComplianceMatrix.Status status, String reason, List<String> reasonArgs,
                   String reasonText, Instant dueAt, Long latestDutyId, Instant latestEvidenceAt, String catalogVersion) {
        static RowView of(ComplianceMatrix.Row r, String reasonText) {
            return new RowView(r.subjectKind(), r.subjectId(), r.subjectName(), r.orgId(), r.orgName(), r.rule().id(), r.rule().article(),
                    r.rule().title(), r.status(), r.reason(), r.reasonArgs(), reasonText, r.dueAt(), r.latestDuty(), r.latestEvidenceAt(),
                    r.catalogVersion());
        }
    }

    record Compliance(RuleCatalog.Version catalog, int total, Map<ComplianceMatrix.Status, Long> summary, List<RowView> rows) {
    }
}

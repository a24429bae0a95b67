package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Published, inside the submitting transaction, once evidence is filed for a duty. Other modules react in
 * the same transaction, so a listener that fails rolls the submission back: the systems' assessment ledger
 * records an A7.2 report filed here once, not a second time (issue 17 point 9); what a daily inspection
 * reports can call for follow-up by the supervisor (issue 17 point 11).
 *
 * @param fields    the evidence as the rule's form holds it, cleaned (booleans as true/false; empty values left out)
 * @param documents slot → the stored document's id
 */
public record DutySubmitted(long dutyId, String ruleId, SubjectKind subjectKind, long subjectId, String subjectName, long orgId,
                            LocalDate periodStart, Map<String, String> fields, Map<String, Long> documents, long submissionId,
                            String by, Instant at) {
    public DutySubmitted {
        fields = fields.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        documents = Map.copyOf(documents);
    }
}

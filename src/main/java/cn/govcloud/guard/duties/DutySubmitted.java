package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Published in the transaction of a person's submission of evidence for a duty, so a module that keeps its own
 * register of what was filed (the systems' assessment ledger, A7.2) records the same filing once, not a second time.
 *
 * @param fields    the evidence as the rule's form holds it, cleaned
 * @param documents slot → the stored document's id
 */
public record DutySubmitted(long dutyId, String ruleId, SubjectKind subjectKind, long subjectId, long orgId, LocalDate periodStart,
                            Map<String, String> fields, Map<String, Long> documents, Instant at, String by) {
    public DutySubmitted {
        fields = fields.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        documents = Map.copyOf(documents);
    }
}

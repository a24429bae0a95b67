package cn.govcloud.guard.duties;

import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Published, inside the submitting transaction, once evidence is filed for a duty: what a report says can
 * call for follow-up elsewhere (issue 17 point 11: the daily inspection's abnormal devices, failed
 * cryptographic resource pool or reported events go to the supervisor). A listener that fails rolls the
 * submission back.
 *
 * @param fields the submitted values, normalised as stored (booleans as true/false)
 */
public record DutySubmitted(long dutyId, String ruleId, SubjectKind subjectKind, long subjectId, String subjectName, long orgId,
                            LocalDate periodStart, Map<String, String> fields, long submissionId, String submittedBy, Instant at) {
    public DutySubmitted {
        fields = Map.copyOf(fields);
    }
}

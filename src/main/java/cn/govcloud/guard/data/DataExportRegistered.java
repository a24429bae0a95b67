package cn.govcloud.guard.data;

import cn.govcloud.guard.duties.DutyEvent;
import cn.govcloud.guard.duties.DutyTrigger;
import cn.govcloud.guard.duties.Subject;
import cn.govcloud.guard.rules.Rule.SubjectKind;
import java.time.Instant;
import java.util.Map;

/**
 * A unit registered a cross-border transfer of a catalogued data set (A8.3); the catalog's
 * {@code data-export.registered} duty to record the compliance basis hangs on it, by the set's grade.
 */
public record DataExportRegistered(long transferId, long systemId, String systemName, long orgId, String dataGrade, Instant at)
        implements DutyEvent {

    @Override
    public DutyTrigger trigger() {
        return new DutyTrigger("data-export.registered", new Subject(SubjectKind.SYSTEM, systemId, systemName, orgId, Map.of("dataGrade", dataGrade)),
                at, "data-transfer:" + transferId, Map.of());
    }
}

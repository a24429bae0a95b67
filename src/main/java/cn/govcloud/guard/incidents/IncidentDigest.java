package cn.govcloud.guard.incidents;

import java.time.Instant;
import java.util.List;

/** Incidents as other modules summarise them (the supervisor's monthly scheduling agenda, A11.3); unscoped. */
public interface IncidentDigest {

    /** One incident: {@code systemId} null is the platform itself; {@code status} OPEN, CONTAINED or RESOLVED. */
    record RecentIncident(long id, long orgId, Long systemId, String title, String grade, String status, Instant confirmedAt) {
    }

    /** Incidents not yet resolved, and those confirmed at or after {@code since}, newest first (at most {@code limit}). */
    List<RecentIncident> openOrConfirmedSince(Instant since, int limit);
}

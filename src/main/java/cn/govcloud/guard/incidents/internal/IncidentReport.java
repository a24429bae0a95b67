package cn.govcloud.guard.incidents.internal;

import java.time.Instant;
import java.util.List;

/** A report filed on an incident (initial, progress or final) with the regulators who received it. */
public record IncidentReport(long id, long incidentId, String kind, int number, String grade, String summary, String measures,
                             boolean contained, String rootCause, String timeline, String lessons, String reporter, boolean late,
                             Instant submittedAt, String submittedBy, List<Recipient> recipients) {

    /** A regulator organisation that received the report, and its acknowledgement. */
    public record Recipient(long orgId, String name, Instant acknowledgedAt, String acknowledgedBy) {
    }
}

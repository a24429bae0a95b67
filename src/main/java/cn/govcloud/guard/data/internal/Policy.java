package cn.govcloud.guard.data.internal;

import java.time.Instant;

/** A backup policy (A7.1, A8.2) of one data set, or of a whole system when {@code datasetId} is null. */
public record Policy(long id, long orgId, long systemId, String systemName, Long datasetId, String datasetName, boolean localCopy,
                     boolean offsiteCopy, String offsiteLocation, int everyHours, int retentionDays, int rtoHours, int rpoHours,
                     Instant updatedAt, String updatedBy) {
}

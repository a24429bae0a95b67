package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Location;
import cn.govcloud.guard.data.DataSecurity.Result;
import java.time.Instant;

/** One recorded backup run of a policy (A7.1). */
public record Backup(long id, long policyId, Instant ranAt, Result result, Long sizeBytes, Location location, String locationDetail,
                     String note, String recordedBy) {
}

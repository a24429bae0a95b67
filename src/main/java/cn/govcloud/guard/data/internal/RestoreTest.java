package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Location;
import cn.govcloud.guard.data.DataSecurity.Result;
import java.time.Instant;

/** One recorded restore test of a policy (A7.1). */
public record RestoreTest(long id, long policyId, Instant testedAt, Result result, Location location, Integer recoveredMinutes,
                          String note, String recordedBy) {
}

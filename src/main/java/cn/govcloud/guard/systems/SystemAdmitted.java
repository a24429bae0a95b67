package cn.govcloud.guard.systems;

import java.time.Instant;

/**
 * Published in the transaction in which the supervisor admits a system (A11.2): e.g. the assessment ledger records
 * the 等保 certificate verified at admission as the system's first filing (A7.2).
 */
public record SystemAdmitted(long systemId, long orgId, int mlpsLevel, Instant at) {
}

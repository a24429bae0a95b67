package cn.govcloud.guard.systems;

import java.time.LocalDate;
import java.util.List;

/**
 * What the supervisor's monthly scheduling (A11.3) watches in the system register: systems waiting
 * for admission, and certificates and agreements about to run out. Unscoped, like {@link Systems}' reads.
 */
public interface SystemWatch {

    /** Systems in AWAITING_AGREEMENT or AWAITING_VERIFICATION, oldest first. */
    List<Systems.SystemRef> awaitingAdmission();

    /**
     * A dated document of a system running out: {@code kind} MLPS_CERTIFICATE (等保测评 conclusion) or
     * CONTRACTOR_AGREEMENT (a builder's or operator's confidentiality agreement, A7.2).
     */
    record Expiring(long systemId, long orgId, String systemName, String kind, String label, LocalDate validUntil) {
    }

    /** Of systems not yet exited, every such document valid until {@code until} or earlier (already expired included), soonest first. */
    List<Expiring> expiringBy(LocalDate until);
}

package cn.govcloud.guard.platform;

import java.time.LocalDate;
import java.util.List;

/**
 * The provider's dated certificates and agreements as the supervisor's monthly scheduling (A11.3)
 * watches them; unscoped.
 */
public interface PlatformExpiries {

    /**
     * One certificate or agreement: {@code kind} CLOUD_ASSESSMENT, MLPS or CRYPTO (the latest
     * certification report of that kind, A5.2) or SUPPLY_AGREEMENT (a supplier's security agreement, A5.5).
     */
    record Expiring(long providerOrgId, String kind, String label, LocalDate validUntil) {
    }

    /** Every such record valid until {@code until} or earlier (already expired included), soonest first. */
    List<Expiring> expiringBy(LocalDate until);
}

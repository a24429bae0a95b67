package cn.govcloud.guard.access;

import java.time.Instant;
import java.util.Set;

/**
 * A8.1: the provider sees or touches a unit's system data only under that unit's grant. Other
 * modules ask here before they show the provider anything of a unit's system.
 */
public interface Grants {

    /** What the provider may do with the data: 查看, 复制, 修改, 迁移. */
    enum Purpose { VIEW, COPY, MODIFY, MOVE }

    /** Whether an active grant of the system's unit lets the provider organisation do {@code purpose} at {@code at}. */
    boolean allows(long providerOrgId, long systemId, Purpose purpose, Instant at);

    /**
     * The acting provider asks the system's unit for access (A8.1): purpose, scope and window; audited. Bad input:
     * {@code InvalidInput} naming the field. Public so the demo city can hold a grant and its 授权函 (issue 22 point 7).
     */
    long request(long systemId, String purpose, Set<Purpose> scope, Instant startsAt, Instant endsAt);

    /** The owning unit's security officer grants or refuses the request (a refusal needs a reason); audited. */
    void decide(long id, boolean grant, String reason);
}

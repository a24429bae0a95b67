package cn.govcloud.guard.access;

import java.time.Instant;

/**
 * A8.1: the provider sees or touches a unit's system data only under that unit's grant. Other
 * modules ask here before they show the provider anything of a unit's system.
 */
public interface Grants {

    /** What the provider may do with the data: 查看, 复制, 修改, 迁移. */
    enum Purpose { VIEW, COPY, MODIFY, MOVE }

    /** Whether an active grant of the system's unit lets the provider organisation do {@code purpose} at {@code at}. */
    boolean allows(long providerOrgId, long systemId, Purpose purpose, Instant at);
}

package cn.govcloud.guard.identity.internal;

import cn.govcloud.guard.identity.IdentityStatistics;
import org.springframework.stereotype.Component;

/** TEMPORARY stand-in until the identity tables land. */
@Component
class PendingIdentityStatistics implements IdentityStatistics {
    @Override
    public long organisations() {
        return 0;
    }

    @Override
    public long users() {
        return 0;
    }
}

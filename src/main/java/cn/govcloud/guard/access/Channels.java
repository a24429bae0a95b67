package cn.govcloud.guard.access;

import java.time.Instant;

/**
 * Remote channels (A9.2, A9.3, A5.3) for other modules (the demo city): each call acts as the
 * signed-in actor with the same checks as the pages and the API.
 */
public interface Channels {

    /**
     * A request: {@code systemId} null asks for the provider's remote operation of the platform
     * itself (A5.3); {@code channelType} is VPN or ZERO_TRUST.
     */
    record NewChannel(Long systemId, String purpose, String operations, String accounts, String channelType, String operatorName,
                      Instant startsAt, Instant endsAt, boolean longTerm) {
    }

    long request(NewChannel channel);

    void approve(long id, String note);

    void open(long id);
}

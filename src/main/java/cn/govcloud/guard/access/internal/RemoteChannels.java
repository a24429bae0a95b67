package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.access.Channels;
import cn.govcloud.guard.access.internal.ChannelGateway.Verification;
import org.springframework.stereotype.Service;

/**
 * Remote channels (A9.2, A9.3) and the provider's exceptional remote operation of the platform (A5.3) for other
 * modules: each call goes to its use case — {@link ChannelRequests}, {@link ChannelDecisions}, {@link ChannelUse},
 * {@link ChannelGateway} — acting as the signed-in actor with the same checks as the pages and the API.
 *
 * <p>Flow of a unit's channel: a unit's user requests it → another person of the unit, its security officer,
 * approves (A9.2: approver ≠ requester) → for a long-term channel the network-security regulator approves (A9.3) →
 * the provider opens it → the requester looks at the credential once → the gateway verifies it once inside the
 * window (A9.3 一次一用、单次有效) → closing or expiry ends it.
 */
@Service
public class RemoteChannels implements Channels {
    private final ChannelRequests requests;
    private final ChannelDecisions decisions;
    private final ChannelUse use;
    private final ChannelGateway gateway;

    RemoteChannels(ChannelRequests requests, ChannelDecisions decisions, ChannelUse use, ChannelGateway gateway) {
        this.requests = requests;
        this.decisions = decisions;
        this.use = use;
        this.gateway = gateway;
    }

    @Override
    public long request(NewChannel channel) {
        return requests.request(channel);
    }

    @Override
    public void approve(long id, String note) {
        decisions.approve(id, note);
    }

    @Override
    public void open(long id) {
        use.open(id);
    }

    public String revealCredential(long id) {
        return use.revealCredential(id);
    }

    public Verification verify(String credential, String gatewayAddress) {
        return gateway.verify(credential, gatewayAddress);
    }
}

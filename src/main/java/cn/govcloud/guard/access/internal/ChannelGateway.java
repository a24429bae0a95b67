package cn.govcloud.guard.access.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditResult;
import cn.govcloud.guard.crypto.KeyedHash;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/** The VPN / zero-trust gateway's question (API.md): may this credential open its channel now? Once only (A9.3 一次一用、单次有效). */
@Service
public class ChannelGateway {

    /** The answer to the gateway. */
    public record Verification(boolean allow, String reason, Channel channel) {
    }

    private final ChannelStore store;
    private final KeyedHash hash;
    private final AuditLog audit;
    private final Clock clock;

    ChannelGateway(ChannelStore store, KeyedHash hash, AuditLog audit, Clock clock) {
        this.store = store;
        this.hash = hash;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One conditional UPDATE consumes the credential, so of any number of concurrent verifications on any number of
     * nodes exactly one is allowed. Deliberately outside a transaction: the UPDATE commits at once and holds its row
     * lock for no longer than itself. Every answer is audited with the gateway's address.
     */
    public Verification verify(String credential, String gatewayAddress) {
        Instant now = clock.instant();
        String h = credential == null || credential.isBlank() || credential.length() > 200 ? null : hash.hash(credential.strip());
        int consumed = 0;
        if (h != null) {
            try {
                consumed = store.consume(h, truncate(gatewayAddress, 100), now);
            } catch (DataAccessException lost) {
                consumed = 0; // a concurrent verification won the row (H2 reports a conflict instead of waiting): this one is refused
            }
        }
        Optional<Channel> channel = h == null ? Optional.empty() : store.byCredential(h);
        if (consumed == 1) {
            Channel c = channel.orElseThrow();
            audit.record(AuditEvent.success("access.channel.verify", c.reference(), "A9.3 allowed for gateway " + gatewayAddress));
            return new Verification(true, null, c);
        }
        String reason = channel.map(c -> c.refusalAt(now)).orElse("凭据无效（A9.3 一次一用、单次有效） / unknown credential");
        audit.record(AuditEvent.of("access.channel.verify", channel.map(Channel::reference).orElse("channel:unknown"), AuditResult.DENIED,
                "A9.3 refused for gateway " + gatewayAddress + ": " + reason));
        return new Verification(false, reason, channel.orElse(null));
    }

    private static String truncate(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }
}

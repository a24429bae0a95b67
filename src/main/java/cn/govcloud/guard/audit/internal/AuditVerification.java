package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.crypto.SigningKeys;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Recomputes the whole chain from the database (A7.4): every hash, every link, gap-free ids, the
 * head, and every anchor's signature and hash. A record changed behind the application's back,
 * even by a database superuser, shows up here by its id.
 */
@Component
public class AuditVerification {
    private final AuditRecords records;
    private final AuditAnchors anchors;
    private final AuditChain chain;
    private final SigningKeys signingKeys;
    private final AuditSettings settings;
    private final Clock clock;

    AuditVerification(AuditRecords records, AuditAnchors anchors, AuditChain chain, SigningKeys signingKeys, AuditSettings settings,
                      Clock clock) {
        this.records = records;
        this.anchors = anchors;
        this.chain = chain;
        this.signingKeys = signingKeys;
        this.settings = settings;
        this.clock = clock;
    }

    public ChainCheck.Result verify() {
        // the head first: every record up to it is committed with it, so later appends do not disturb the check
        AuditChain.Head head = chain.head();
        // a day still inside the retention period (less one day's slack for the purge's timing) must keep its records
        LocalDate keptSince = settings.keptSince(LocalDate.now(clock.withZone(settings.zone())));
        ChainCheck check = new ChainCheck(anchors.all(), signingKeys::publicKey, keptSince);
        records.streamUpTo(head.lastId(), check::accept);
        return check.finish(head.lastId(), head.lastId() == 0 ? null : head.lastHash());
    }
}

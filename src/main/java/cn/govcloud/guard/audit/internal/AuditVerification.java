package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditCheckpoint;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.LogMac;
import cn.govcloud.guard.crypto.SigningKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Recomputes the whole chain from the database (A7.4): every hash, every link, gap-free ids, every
 * record's MAC under the audit key, the head and its MAC, and every signed anchor and checkpoint —
 * those in the database and the copies in the operator's checkpoint file. A record changed,
 * inserted or removed behind the application's back, even by a database superuser who recomputes
 * the SM3 chain, shows up here by the id of the first record affected; removing the newest records
 * goes unnoticed only back to the last checkpoint that left the database.
 */
@Component
public class AuditVerification {
    private final AuditRecords records;
    private final AuditAnchors anchors;
    private final AuditCheckpoints checkpoints;
    private final AuditChain chain;
    private final SigningKeys signingKeys;
    private final LogMac mac;
    private final AuditSettings settings;
    private final Clock clock;

    AuditVerification(AuditRecords records, AuditAnchors anchors, AuditCheckpoints checkpoints, AuditChain chain, SigningKeys signingKeys,
                      LogMac mac, AuditSettings settings, Clock clock) {
        this.records = records;
        this.anchors = anchors;
        this.checkpoints = checkpoints;
        this.chain = chain;
        this.signingKeys = signingKeys;
        this.mac = mac;
        this.settings = settings;
        this.clock = clock;
    }

    public ChainCheck.Result verify() {
        // the signed marks and this node's own last append first, then the head: every mark then names a record at or
        // before the head, and later appends do not disturb the check
        List<AuditCheckpoint> signed = new ArrayList<>(checkpoints.external());
        signed.addAll(checkpoints.stored());
        var dailyAnchors = anchors.all();
        AuditRecord mine = chain.lastAppended();
        AuditChain.Head head = chain.head();
        // a day still inside the retention period (less one day's slack for the purge's timing) must keep its records
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        LocalDate keptSince = settings.keptSince(today);
        ChainCheck check = new ChainCheck(dailyAnchors, signed, signingKeys::publicKey, keptSince, settings.zone())
                .keyed(head.keyedFrom(), (id, hash) -> ChainMacs.record(mac, id, hash));
        if (mine != null) {
            check.trust("this node's last append", mine.id(), mine.hash(), today);
        }
        // each record's hash and MAC recomputed on all cores while the next rows are fetched; links and marks in order
        try (ChainPipeline pipeline = new ChainPipeline(check)) {
            records.streamUpTo(head.lastId(), pipeline::offer);
            pipeline.drain();
        }
        ChainCheck.Result result = check.finish(head.lastId(), head.lastId() == 0 ? null : head.lastHash());
        if (result.valid() && head.lastId() >= check.keyedFrom()
                && (head.headMac() == null || !head.headMac().equals(ChainMacs.head(mac, head.lastId(), head.lastHash())))) {
            return result.failedAt(head.lastId(), "the chain head's MAC under the audit key does not match (moved outside the platform)");
        }
        return result;
    }
}

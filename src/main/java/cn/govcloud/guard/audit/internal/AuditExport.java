package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.audit.ExportManifest;
import cn.govcloud.guard.crypto.LogMac;
import cn.govcloud.guard.crypto.SigningKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a time range of the log as JSON lines that {@code verify-audit} checks without the
 * server (A7.4): header with the public keys, the records with their hashes, the anchors and
 * checkpoints naming records of the range, and last a signed manifest of what the export holds
 * (issue 20 point 2), so an export cut short at either end, or re-hashed after an edit, fails. Completed days are anchored first, so an export is as checkable as
 * it can be; the export itself is audited.
 */
@Component
public class AuditExport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuditRecords records;
    private final AuditAnchors anchors;
    private final SigningKeys signingKeys;
    private final AuditLog auditLog;
    private final Clock clock;
    private final AuditCheckpoints checkpoints;
    private final AuditChain chain;
    private final LogMac mac;

    AuditExport(AuditRecords records, AuditAnchors anchors, SigningKeys signingKeys, AuditLog auditLog, Clock clock,
                AuditCheckpoints checkpoints, AuditChain chain, LogMac mac) {
        this.records = records;
        this.anchors = anchors;
        this.checkpoints = checkpoints;
        this.chain = chain;
        this.mac = mac;
        this.signingKeys = signingKeys;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public void write(Instant from, Instant to, OutputStream out) {
        auditLog.record(AuditEvent.success("audit.export", "audit_record", "from=" + from + " to=" + to));
        anchors.anchorCompletedDays();
        checkpoints.checkpoint(); // the newest records, the export's own among them, under a signature that leaves the database
        Map<String, String> keys = new TreeMap<>();
        anchors.all().forEach(a -> keys.computeIfAbsent(a.keyId(), this::publicKeyHex));
        checkpoints.stored().forEach(c -> keys.computeIfAbsent(c.keyId(), this::publicKeyHex));
        keys.computeIfAbsent(signingKeys.currentKeyId(), this::publicKeyHex);
        Instant exportedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        line(out, ExportLines.header(exportedAt, from, to, keys));
        // the server checks what it exports with the audit key as it goes: a superuser's edit before the export is
        // reported in the signed manifest instead of being signed over as if it were the platform's
        long keyedFrom = chain.head().keyedFrom();
        ChainCheck check = new ChainCheck(List.of(), signingKeys::publicKey, null).keyed(keyedFrom, (id, hash) -> ChainMacs.record(mac, id, hash));
        records.streamRange(from, to, (AuditRecord r, String recordMac) -> {
            check.accept(r, recordMac);
            line(out, ExportLines.record(r));
            return true;
        });
        ChainCheck.Result result = check.finish(null, null);
        if (result.firstId() != null) {
            anchors.naming(result.firstId(), result.lastId()).forEach(a -> line(out, ExportLines.anchor(a)));
            checkpoints.naming(result.firstId(), result.lastId()).forEach(c -> line(out, ExportLines.checkpoint(c)));
        }
        ExportManifest manifest = new ExportManifest(exportedAt, from, to, result.records(), result.firstId(), result.firstPrevHash(),
                result.lastId(), result.lastHash(), result.valid(), result.firstInvalid(), null, null);
        line(out, ExportLines.manifest(manifest.signedWith(signingKeys.currentKeyId(),
                HexFormat.of().formatHex(signingKeys.sign(manifest.signedMessage())))));
    }

    private String publicKeyHex(String keyId) {
        return signingKeys.publicKey(keyId).map(HexFormat.of()::formatHex).orElse(null);
    }

    private static void line(OutputStream out, Object value) {
        try {
            out.write(JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

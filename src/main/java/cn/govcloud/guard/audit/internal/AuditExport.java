package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.audit.AuditRecord;
import cn.govcloud.guard.crypto.SigningKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a time range of the log as JSON lines that {@code verify-audit} checks without the
 * server (A7.4): header with the public keys, the records with their hashes, then the anchors
 * naming records of the range. Completed days are anchored first, so an export is as checkable as
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

    AuditExport(AuditRecords records, AuditAnchors anchors, SigningKeys signingKeys, AuditLog auditLog, Clock clock) {
        this.records = records;
        this.anchors = anchors;
        this.signingKeys = signingKeys;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public void write(Instant from, Instant to, OutputStream out) {
        auditLog.record(AuditEvent.success("audit.export", "audit_record", "from=" + from + " to=" + to));
        anchors.anchorCompletedDays();
        Map<String, String> keys = new TreeMap<>();
        anchors.all().forEach(a -> keys.computeIfAbsent(a.keyId(), this::publicKeyHex));
        keys.computeIfAbsent(signingKeys.currentKeyId(), this::publicKeyHex);
        line(out, ExportLines.header(clock.instant(), from, to, keys));
        long[] range = {0, -1};
        records.streamRange(from, to, (AuditRecord r) -> {
            if (range[1] < 0) {
                range[0] = r.id();
            }
            range[1] = r.id();
            line(out, ExportLines.record(r));
            return true;
        });
        if (range[1] >= 0) {
            anchors.naming(range[0], range[1]).forEach(a -> line(out, ExportLines.anchor(a)));
        }
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

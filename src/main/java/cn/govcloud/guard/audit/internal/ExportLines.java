package cn.govcloud.guard.audit.internal;

import cn.govcloud.guard.audit.AuditAnchor;
import cn.govcloud.guard.audit.AuditCheckpoint;
import cn.govcloud.guard.audit.ExportManifest;
import cn.govcloud.guard.audit.AuditRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The export's JSON lines (format {@value #FORMAT}), written by the server and read by the offline
 * verifier: one place so the two agree field by field. Line types: {@code header}, {@code record},
 * {@code anchor}, {@code checkpoint}, and last the SM2-signed {@code manifest} that proves the
 * export complete (format 2; format 1 had no manifest and is no longer accepted, since stripping
 * the manifest must not pass as an older export).
 */
public final class ExportLines {
    public static final String FORMAT = "govguard-audit-export/2";

    private ExportLines() {
    }

    public static Map<String, Object> header(Instant exportedAt, Instant from, Instant to, Map<String, String> publicKeys) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "header");
        line.put("format", FORMAT);
        line.put("exportedAt", exportedAt.toString());
        line.put("from", from.toString());
        line.put("to", to.toString());
        line.put("canonical", "SM3(prev_hash || fields as 4-byte length + UTF-8, null = -1; time in epoch microseconds)");
        line.put("anchorMessage", "day|last_id|last_hash, SM2 (SM3, user id 1234567812345678), DER, hex");
        line.put("checkpointMessage", "govguard-audit-checkpoint/1|last_id|last_hash|keyed_from|signed_at epoch microseconds");
        line.put("manifestMessage", "govguard-audit-export-manifest/1|exported_at|from|to (epoch microseconds)|records|first_id"
                + "|first_prev_hash|last_id|last_hash|server_valid|server_first_invalid");
        line.put("publicKeys", publicKeys);
        return line;
    }

    public static Map<String, Object> record(AuditRecord r) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "record");
        line.put("id", r.id());
        line.put("occurredAt", r.occurredAt().toString());
        line.put("actor", r.actor());
        line.put("organisation", r.organisation());
        line.put("sourceAddress", r.sourceAddress());
        line.put("action", r.action());
        line.put("target", r.target());
        line.put("result", r.result());
        line.put("details", r.details());
        line.put("prevHash", r.prevHash());
        line.put("hash", r.hash());
        return line;
    }

    public static Map<String, Object> anchor(AuditAnchor a) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "anchor");
        line.put("day", a.day().toString());
        line.put("lastId", a.lastId());
        line.put("lastHash", a.lastHash());
        line.put("keyId", a.keyId());
        line.put("signature", a.signature());
        line.put("signedAt", a.signedAt().toString());
        return line;
    }

    public static Map<String, Object> checkpoint(AuditCheckpoint c) {
        return AuditCheckpoints.toLine(c);
    }

    public static AuditCheckpoint toCheckpoint(JsonNode n) {
        return AuditCheckpoints.fromLine(n);
    }

    public static Map<String, Object> manifest(ExportManifest m) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "manifest");
        line.put("exportedAt", m.exportedAt().toString());
        line.put("from", m.from().toString());
        line.put("to", m.to().toString());
        line.put("records", m.records());
        line.put("firstId", m.firstId());
        line.put("firstPrevHash", m.firstPrevHash());
        line.put("lastId", m.lastId());
        line.put("lastHash", m.lastHash());
        line.put("serverValid", m.serverValid());
        line.put("serverFirstInvalid", m.serverFirstInvalid());
        line.put("keyId", m.keyId());
        line.put("signature", m.signature());
        return line;
    }

    public static ExportManifest toManifest(JsonNode n) {
        return new ExportManifest(Instant.parse(n.get("exportedAt").asString()), Instant.parse(n.get("from").asString()),
                Instant.parse(n.get("to").asString()), n.get("records").asLong(), longOrNull(n, "firstId"), text(n, "firstPrevHash"),
                longOrNull(n, "lastId"), text(n, "lastHash"), n.get("serverValid").asBoolean(), longOrNull(n, "serverFirstInvalid"),
                text(n, "keyId"), text(n, "signature"));
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    public static AuditRecord toRecord(JsonNode n) {
        return new AuditRecord(n.get("id").asLong(), Instant.parse(n.get("occurredAt").asString()), text(n, "actor"),
                text(n, "organisation"), text(n, "sourceAddress"), text(n, "action"), text(n, "target"), text(n, "result"),
                text(n, "details"), n.get("prevHash").asString(), n.get("hash").asString());
    }

    public static AuditAnchor toAnchor(JsonNode n) {
        return new AuditAnchor(LocalDate.parse(n.get("day").asString()), n.get("lastId").asLong(), n.get("lastHash").asString(),
                n.get("keyId").asString(), n.get("signature").asString(), Instant.parse(n.get("signedAt").asString()));
    }

    /** Null stays null: the chain tells a missing field from an empty one. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}

package cn.govcloud.guard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.audit.internal.ExportLines;
import cn.govcloud.guard.crypto.Sm2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code verify-audit FILE}: an export checked with no server and no database (A7.4). */
class OfflineAuditVerifierUnitTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Sm2.KeyPair KEY = Sm2.generate();
    static final String KEY_ID = "k1";

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Lines of an export of records 11..20 (the first ten are before its range) with an anchor on record 15. */
    static List<String> export() {
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(ExportLines.header(Instant.parse("2026-11-25T00:00:00Z"), Instant.EPOCH,
                Instant.parse("2026-11-25T00:00:00Z"), Map.of(KEY_ID, HexFormat.of().formatHex(KEY.publicKey())))));
        String prev = "ab".repeat(32);
        AuditRecord anchored = null;
        AuditRecord last = null;
        for (int id = 11; id <= 20; id++) {
            AuditRecord r = new AuditRecord(id, Instant.parse("2026-11-24T02:00:00.000001Z").plusSeconds(id), "auditor", null, "10.1.1.1",
                    "http.post /api/v1/systems", "/api/v1/systems", "SUCCESS", id == 12 ? "" : "status=201", null, null).chainedAfter(prev);
            prev = r.hash();
            anchored = id == 15 ? r : anchored;
            last = r;
            lines.add(JSON.writeValueAsString(ExportLines.record(r)));
        }
        LocalDate day = LocalDate.of(2026, 11, 24);
        String signature = HexFormat.of().formatHex(Sm2.sign(KEY.privateKey(), AuditAnchor.signedMessage(day, 15, anchored.hash())));
        lines.add(JSON.writeValueAsString(ExportLines.anchor(new AuditAnchor(day, 15, anchored.hash(), KEY_ID, signature, day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))));
        lines.add(manifest(10, 11L, "ab".repeat(32), 20L, last.hash(), true, null));
        return lines;
    }

    static String manifest(long records, Long firstId, String firstPrev, Long lastId, String lastHash, boolean serverValid, Long serverFirst) {
        ExportManifest m = new ExportManifest(Instant.parse("2026-11-25T00:00:00Z"), Instant.EPOCH, Instant.parse("2026-11-25T00:00:00Z"),
                records, firstId, firstPrev, lastId, lastHash, serverValid, serverFirst, null, null);
        return JSON.writeValueAsString(ExportLines.manifest(m.signedWith(KEY_ID,
                HexFormat.of().formatHex(Sm2.sign(KEY.privateKey(), m.signedMessage())))));
    }

    /** The export's records 11..20 again, re-chained after {@code details} of record {@code edited} changed. */
    static List<String> rehashedAfterEdit(List<String> lines, int edited) throws Exception {
        List<String> out = new ArrayList<>();
        String prev = null;
        for (String line : lines) {
            var node = JSON.readTree(line);
            if (!"record".equals(node.get("type").asString())) {
                out.add(line);
                continue;
            }
            AuditRecord r = ExportLines.toRecord(node);
            if (r.id() == edited) {
                r = new AuditRecord(r.id(), r.occurredAt(), "someone-else", r.organisation(), r.sourceAddress(), r.action(), r.target(),
                        r.result(), r.details(), r.prevHash(), r.hash());
            }
            AuditRecord rechained = r.chainedAfter(prev == null ? r.prevHash() : prev);
            prev = rechained.hash();
            out.add(JSON.writeValueAsString(ExportLines.record(rechained)));
        }
        return out;
    }

    int verify(List<String> lines, String... extra) throws Exception {
        Path file = dir.resolve("export.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("verify-audit", file.toString()));
        args.addAll(List.of(extra));
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return OfflineAuditVerifier.run(args.toArray(String[]::new), print, print);
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntactExportIsValidA74() throws Exception {
        assertThat(verify(export(), "--public-key", HexFormat.of().formatHex(KEY.publicKey()))).isZero();
        assertThat(printed()).contains("records:         10 (ids 11 to 20)", "anchors checked: 1 of 1", "VALID");
    }

    @Test
    void aTamperedLineIsNamedA74() throws Exception {
        List<String> lines = export();
        lines.set(5, lines.get(5).replace("status=201", "status=200"));
        assertThat(verify(lines)).isEqualTo(1);
        assertThat(printed()).contains("INVALID at record 15", "altered");
    }

    @Test
    void aDeletedLineIsNamedA74() throws Exception {
        List<String> lines = export();
        lines.remove(8);
        assertThat(verify(lines)).isEqualTo(1);
        assertThat(printed()).contains("INVALID at record 18", "missing");
    }

    @Test
    void aForgedAnchorIsRefusedA74() throws Exception {
        List<String> lines = export();
        String anchor = lines.get(lines.size() - 2);
        lines.set(lines.size() - 2, anchor.replace("\"lastId\":15", "\"lastId\":16"));
        assertThat(verify(lines)).isEqualTo(1);
        assertThat(printed()).contains("INVALID", "signature");
    }

    @Test
    void A7_4_anExportWithItsFirstRecordsRemovedIsInvalid() throws Exception {
        List<String> lines = export();
        lines.remove(1); // record 11
        lines.remove(1); // record 12
        assertThat(verify(lines, "--public-key", HexFormat.of().formatHex(KEY.publicKey()))).isEqualTo(1);
        assertThat(printed()).contains("INVALID at record 11", "missing at the start");
    }

    @Test
    void A7_4_anExportWithItsLastRecordsRemovedIsInvalid() throws Exception {
        List<String> lines = export();
        lines.remove(10); // record 20
        lines.remove(9); // record 19
        assertThat(verify(lines, "--public-key", HexFormat.of().formatHex(KEY.publicKey()))).isEqualTo(1);
        assertThat(printed()).contains("INVALID at record 19", "missing at the end");
    }

    @Test
    void A7_4_anExportReHashedAfterAnEditIsInvalid() throws Exception {
        // the anchor on 15 would catch an edit before it; edit after it, where only the manifest knows the true end
        List<String> lines = rehashedAfterEdit(export(), 17);
        assertThat(verify(lines, "--public-key", HexFormat.of().formatHex(KEY.publicKey()))).isEqualTo(1);
        assertThat(printed()).contains("INVALID", "re-hashed");
        out.reset();
        assertThat(verify(rehashedAfterEdit(export(), 13), "--public-key", HexFormat.of().formatHex(KEY.publicKey()))).isEqualTo(1);
        assertThat(printed()).contains("INVALID at record 15", "anchor");
    }

    @Test
    void A7_4_anExportWithoutItsSignedManifestOrWithTheServersCheckFailedIsInvalid() throws Exception {
        List<String> lines = export();
        lines.remove(lines.size() - 1);
        assertThat(verify(lines)).isEqualTo(1);
        assertThat(printed()).contains("no signed manifest");
        out.reset();
        List<String> flagged = export();
        String last = JSON.readTree(flagged.get(10)).get("hash").asString();
        flagged.set(flagged.size() - 1, manifest(10, 11L, "ab".repeat(32), 20L, last, false, 14L));
        assertThat(verify(flagged)).isEqualTo(1);
        assertThat(printed()).contains("INVALID at record 14", "altered");
        out.reset();
        // an older export format (no manifest) no longer passes as valid
        List<String> old = export();
        old.set(0, old.get(0).replace("govguard-audit-export/2", "govguard-audit-export/1"));
        assertThat(verify(old)).isEqualTo(2);
        assertThat(printed()).contains("cannot prove");
    }

    @Test
    void anAnchorByAnotherKeyThanTheTrustedOneIsRefusedA74() throws Exception {
        assertThat(verify(export(), "--public-key", HexFormat.of().formatHex(Sm2.generate().publicKey()))).isEqualTo(1);
    }

    @Test
    void usageAndUnreadableFilesAnswerTwo() throws Exception {
        assertThat(OfflineAuditVerifier.run(new String[] {"verify-audit"}, new PrintStream(out), new PrintStream(out))).isEqualTo(2);
        assertThat(OfflineAuditVerifier.run(new String[] {"verify-audit", dir.resolve("none").toString()}, new PrintStream(out),
                new PrintStream(out))).isEqualTo(2);
        assertThat(verify(List.of("not json"))).isEqualTo(2);
        assertThat(verify(export(), "--public-key", "zz")).isEqualTo(2);
    }
}

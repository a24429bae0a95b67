package cn.govcloud.guard.audit;

import cn.govcloud.guard.audit.internal.ChainCheck;
import cn.govcloud.guard.audit.internal.ChainPipeline;
import cn.govcloud.guard.audit.internal.ExportLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an audit export without the server or the database (A7.4):
 * {@code java -jar govcloud-guard.jar verify-audit FILE [--public-key HEX]}. Without
 * {@code --public-key} the anchors are checked against the keys in the file's own header, which
 * proves consistency but not origin; give the platform's published key to prove that too.
 */
public final class OfflineAuditVerifier {
    private OfflineAuditVerifier() {
    }

    /** @return the process exit code: 0 valid, 1 invalid, 2 usage or I/O error */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** As {@link #run(String[])}, printing the summary and errors where the caller says (tests, embedding tools). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && "verify-audit".equals(rest.get(0))) {
            rest.remove(0);
        }
        byte[] trustedKey = null;
        int k = rest.indexOf("--public-key");
        if (k >= 0) {
            if (k + 1 >= rest.size() || !rest.get(k + 1).matches("(?i)04[0-9a-f]{128}")) {
                err.println("verify-audit: --public-key needs the 65-byte uncompressed SM2 public key in hex (130 digits, starting 04)");
                return 2;
            }
            trustedKey = HexFormat.of().parseHex(rest.get(k + 1));
            rest.subList(k, k + 2).clear();
        }
        if (rest.size() != 1) {
            err.println("usage: java -jar govcloud-guard.jar verify-audit FILE [--public-key HEX]");
            return 2;
        }
        try {
            return verify(Path.of(rest.get(0)), trustedKey, out);
        } catch (IOException | RuntimeException e) { // JacksonException is a RuntimeException in Jackson 3 {
            err.println("verify-audit: cannot read " + rest.get(0) + ": " + e.getMessage());
            return 2;
        }
    }

    private static int verify(Path file, byte[] trustedKey, PrintStream out) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, byte[]> headerKeys = new HashMap<>();
        List<AuditAnchor> anchors = new ArrayList<>();
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        ExportManifest manifest = null;
        boolean header = false;
        // first pass: header and anchors (few); the records are streamed in the second pass
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                switch (node.path("type").asString("")) {
                    case "header" -> {
                        if (!ExportLines.FORMAT.equals(node.path("format").asString(""))) {
                            throw new IOException("not a " + ExportLines.FORMAT + " file (format " + node.path("format").asString("?")
                                    + "; exports before format 2 carry no signed manifest and cannot prove they are complete)");
                        }
                        header = true;
                        node.path("publicKeys").properties().forEach(e -> {
                            if (!e.getValue().isNull()) {
                                headerKeys.put(e.getKey(), HexFormat.of().parseHex(e.getValue().asString()));
                            }
                        });
                    }
                    case "anchor" -> anchors.add(ExportLines.toAnchor(node));
                    case "checkpoint" -> checkpoints.add(ExportLines.toCheckpoint(node));
                    case "manifest" -> {
                        if (manifest != null) {
                            throw new IOException("more than one manifest line");
                        }
                        manifest = ExportLines.toManifest(node);
                    }
                    case "record" -> { }
                    default -> throw new IOException("unknown line type: " + node.path("type"));
                }
            }
        }
        if (!header) {
            throw new IOException("no header line: not an audit export");
        }
        byte[] trusted = trustedKey;
        java.util.function.Function<String, Optional<byte[]>> keys =
                keyId -> trusted != null ? Optional.of(trusted) : Optional.ofNullable(headerKeys.get(keyId));
        ChainCheck check = new ChainCheck(anchors, checkpoints, keys, null, cn.govcloud.guard.shared.TimeConfiguration.CITY_ZONE);
        // the records' hashes recomputed on all cores while the next lines are parsed; links and marks in order
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             ChainPipeline pipeline = new ChainPipeline(check)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && line.contains("\"record\"")) {
                    JsonNode node = json.readTree(line);
                    if ("record".equals(node.path("type").asString("")) && !pipeline.offer(ExportLines.toRecord(node), null)) {
                        break;
                    }
                }
            }
            pipeline.drain();
        }
        ChainCheck.Result r = completeness(check.finish(null, null), manifest, keys);
        out.println("records:         " + r.records() + (r.records() == 0 ? "" : " (ids " + r.firstId() + " to " + r.lastId() + ")"));
        out.println("anchors checked: " + r.anchorsChecked() + " of " + (anchors.size() + checkpoints.size())
                + (trustedKey == null ? " (keys taken from the file itself; pass --public-key to prove their origin)" : ""));
        if (r.valid()) {
            out.println("result:          VALID");
            return 0;
        }
        out.println("result:          INVALID at record " + r.firstInvalid() + ": " + r.reason());
        return 1;
    }

    /**
     * The signed manifest must be there, carry a valid signature, and describe exactly the records
     * read (issue 20 point 2): what was cut from the start or the end, or re-hashed, shows here.
     */
    private static ChainCheck.Result completeness(ChainCheck.Result r, ExportManifest m,
                                                  java.util.function.Function<String, Optional<byte[]>> keys) {
        if (!r.valid()) {
            return r;
        }
        long at = r.firstId() == null ? 1 : r.firstId();
        if (m == null) {
            return fail(r, at, "the export has no signed manifest, so nothing proves it complete");
        }
        boolean signed;
        try {
            signed = m.keyId() != null && m.signature() != null && keys.apply(m.keyId())
                    .map(key -> cn.govcloud.guard.crypto.Sm2.verify(key, m.signedMessage(), HexFormat.of().parseHex(m.signature())))
                    .orElse(false);
        } catch (IllegalArgumentException e) {
            signed = false;
        }
        if (!signed) {
            return fail(r, at, "the manifest has no valid SM2 signature by key " + m.keyId());
        }
        if (!m.serverValid()) {
            return fail(r, m.serverFirstInvalid() == null ? at : m.serverFirstInvalid(),
                    "the server's keyed check failed while exporting: the database had been altered (signed manifest)");
        }
        if (m.firstId() != null && (r.firstId() == null || r.firstId() > m.firstId())) {
            return fail(r, m.firstId(), "records from " + m.firstId() + " on are missing at the start: the signed manifest says the export"
                    + " begins with record " + m.firstId());
        }
        if (!java.util.Objects.equals(m.firstId(), r.firstId()) || !java.util.Objects.equals(m.firstPrevHash(), r.firstPrevHash())) {
            return fail(r, at, "the first record is not the one the signed manifest names (" + m.firstId() + ")");
        }
        if (m.lastId() != null && r.lastId() < m.lastId()) {
            return fail(r, r.lastId() + 1, "records from " + (r.lastId() + 1) + " to " + m.lastId()
                    + " are missing at the end (signed manifest)");
        }
        if (!java.util.Objects.equals(m.lastId(), r.lastId()) || !java.util.Objects.equals(m.lastHash(), r.lastHash())
                || m.records() != r.records()) {
            return fail(r, r.lastId() == null ? at : r.lastId(), "the records do not end as the signed manifest says (last record "
                    + m.lastId() + ", " + m.records() + " records): re-hashed or extended after export");
        }
        return r;
    }

    private static ChainCheck.Result fail(ChainCheck.Result r, long id, String why) {
        return new ChainCheck.Result(false, r.records(), r.firstId(), r.lastId(), r.lastHash(), r.anchorsChecked(), id, why,
                r.firstPrevHash());
    }
}

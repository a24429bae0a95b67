package cn.govcloud.guard.audit;

import cn.govcloud.guard.audit.internal.ChainCheck;
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
                            throw new IOException("not a " + ExportLines.FORMAT + " file");
                        }
                        header = true;
                        node.path("publicKeys").properties().forEach(e -> {
                            if (!e.getValue().isNull()) {
                                headerKeys.put(e.getKey(), HexFormat.of().parseHex(e.getValue().asString()));
                            }
                        });
                    }
                    case "anchor" -> anchors.add(ExportLines.toAnchor(node));
                    case "record" -> { }
                    default -> throw new IOException("unknown line type: " + node.path("type"));
                }
            }
        }
        if (!header) {
            throw new IOException("no header line: not an audit export");
        }
        byte[] trusted = trustedKey;
        ChainCheck check = new ChainCheck(anchors,
                keyId -> trusted != null ? Optional.of(trusted) : Optional.ofNullable(headerKeys.get(keyId)), null);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && line.contains("\"record\"")) {
                    JsonNode node = json.readTree(line);
                    if ("record".equals(node.path("type").asString("")) && !check.accept(ExportLines.toRecord(node))) {
                        break;
                    }
                }
            }
        }
        ChainCheck.Result r = check.finish(null, null);
        out.println("records:         " + r.records() + (r.records() == 0 ? "" : " (ids " + r.firstId() + " to " + r.lastId() + ")"));
        out.println("anchors checked: " + r.anchorsChecked() + " of " + anchors.size()
                + (trustedKey == null ? " (keys taken from the file itself; pass --public-key to prove their origin)" : ""));
        if (r.valid()) {
            out.println("result:          VALID");
            return 0;
        }
        out.println("result:          INVALID at record " + r.firstInvalid() + ": " + r.reason());
        return 1;
    }
}

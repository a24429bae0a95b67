package cn.govcloud.guard.hazards.intake.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Greenbone's "CSV Results" report (issue 24 point 10): a header line naming the columns ({@code IP,
 * Hostname, Port, Port Protocol, CVSS, Severity, …, NVT Name, Summary, Specific Result, NVT OID, CVEs,
 * …}), then one result per row, RFC 4180 quoting (a quoted field may hold commas, quotes doubled and
 * line breaks). Columns are found by name, so their order may change between GVM versions. The
 * results are the same NVTs as Greenbone's XML and get the same identity (scanner OPENVAS), so the XML
 * and the CSV of one scan update the same findings. False positives, debug and error results (CVSS
 * below 0, or so named in Severity) are not findings, as in the XML.
 */
final class GreenboneCsv implements ScanImporter {
    static final int MAX_COLUMNS = 64;

    @Override
    public String format() {
        return "GREENBONE_CSV";
    }

    @Override
    public boolean recognises(String head) {
        int end = head.indexOf('\n');
        String header = (end < 0 ? head : head.substring(0, end)).toLowerCase(Locale.ROOT);
        return header.startsWith("ip,") && header.contains("nvt oid") && header.contains("port");
    }

    @Override
    public void read(InputStream in, Consumer<ScanResult> sink) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        Rows rows = new Rows(reader);
        try {
            List<String> header = rows.next();
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                column.putIfAbsent(header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT), i);
            }
            for (String required : List.of("ip", "nvt oid")) {
                if (!column.containsKey(required)) {
                    throw MalformedInput.of("hazards.intake.parse.csvColumn", required.toUpperCase(Locale.ROOT));
                }
            }
            List<String> row;
            int count = 0;
            while ((row = rows.next()) != null) {
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue; // an empty line
                }
                count++;
                MalformedInput.Part what = new MalformedInput.Part("hazards.intake.parse.csvRow", String.valueOf(count), String.valueOf(rows.line));
                ScanResult r = result(row, column, what);
                if (r != null) {
                    sink.accept(r);
                }
            }
        } catch (CharacterCodingException e) {
            throw MalformedInput.of(e, "hazards.intake.parse.badBytes", new MalformedInput.Part("hazards.intake.parse.csvLine",
                    String.valueOf(rows.line)));
        } catch (LimitedInputStream.TooLarge e) {
            throw new java.io.UncheckedIOException(e); // the caller knows the limit and says it
        } catch (IOException e) {
            throw MalformedInput.of(e, "hazards.intake.parse.unreadable");
        }
    }

    private static String get(List<String> row, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null || i >= row.size() ? null : ScanReports.blankToNull(row.get(i));
    }

    private static ScanResult result(List<String> row, Map<String, Integer> column, MalformedInput.Part what) {
        String severityName = get(row, column, "severity");
        if (severityName != null && List.of("false positive", "debug", "error").contains(severityName.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Double score = ScanReports.score(get(row, column, "cvss"), what);
        if (score != null && score < 0) {
            return null; // −1 false positive, −2 debug, −3 error: not findings
        }
        String host = ScanReports.clip(ScanReports.hostOf(get(row, column, "ip")), 255);
        String oid = ScanReports.clip(get(row, column, "nvt oid"), 200);
        if (host == null) {
            throw MalformedInput.of("hazards.intake.parse.noHost", what);
        }
        if (oid == null) {
            throw MalformedInput.of("hazards.intake.parse.noOid", what);
        }
        Severity level;
        if (score != null) {
            level = Severity.ofScore(score);
        } else if (severityName == null) {
            throw MalformedInput.of("hazards.intake.parse.noThreat", what);
        } else {
            level = switch (severityName.toLowerCase(Locale.ROOT)) {
                case "critical" -> Severity.CRITICAL;
                case "high" -> Severity.HIGH;
                case "medium" -> Severity.MEDIUM;
                case "low" -> Severity.LOW;
                case "log" -> Severity.INFO;
                default -> throw MalformedInput.of("hazards.intake.parse.unknownThreat", what, ScanReports.clip(severityName, 30));
            };
        }
        String port = get(row, column, "port");
        String protocol = get(row, column, "port protocol");
        String proto = protocol == null ? "tcp" : ScanReports.clip(protocol.toLowerCase(Locale.ROOT), 10);
        if (port != null && !port.chars().allMatch(Character::isDigit)) {
            throw MalformedInput.of("hazards.intake.parse.portNaN", what, ScanReports.clip(port, 20));
        }
        Set<String> cves = new LinkedHashSet<>();
        ScanReports.addCves(cves, get(row, column, "cves"));
        String name = ScanReports.oneLine(get(row, column, "nvt name"));
        String text = get(row, column, "specific result");
        String summary = get(row, column, "summary");
        text = text == null ? summary : summary == null ? text : summary + "\n\n" + text;
        return new ScanResult(ScanFormat.OPENVAS.name(), oid, host, ScanReports.clip(get(row, column, "hostname"), 255),
                (port == null ? "general" : port) + "/" + proto, name == null ? oid : ScanReports.clip(name, 500), level, score, List.copyOf(cves),
                ScanReports.clip(ScanReports.paragraphs(text), ScanReports.MAX_TEXT));
    }

    /** RFC 4180 rows from a character stream, one at a time; a field longer than MAX_TEXT keeps its beginning. */
    static final class Rows {
        private final Reader in;
        int line = 1;
        private int pending = -2;

        Rows(Reader in) {
            this.in = new java.io.BufferedReader(in, 65536);
        }

        private int read() throws IOException {
            if (pending != -2) {
                int c = pending;
                pending = -2;
                return c;
            }
            return in.read();
        }

        List<String> next() throws IOException {
            int c = read();
            if (c < 0) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int startLine = line;
            while (true) {
                if (c < 0) {
                    if (quoted) {
                        throw MalformedInput.of("hazards.intake.parse.csvQuote", String.valueOf(startLine));
                    }
                    fields.add(field.toString());
                    return fields;
                }
                if (quoted) {
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            append(field, '"');
                        } else {
                            quoted = false;
                            pending = d;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        append(field, (char) c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    if (fields.size() > MAX_COLUMNS) {
                        throw MalformedInput.of("hazards.intake.parse.csvColumns", String.valueOf(line), String.valueOf(MAX_COLUMNS));
                    }
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pending = d;
                        }
                    }
                    line++;
                    fields.add(field.toString());
                    return fields;
                } else {
                    append(field, (char) c);
                }
                c = read();
            }
        }

        private static void append(StringBuilder field, char c) {
            if (field.length() < ScanReports.MAX_TEXT) {
                field.append(c);
            }
        }
    }
}

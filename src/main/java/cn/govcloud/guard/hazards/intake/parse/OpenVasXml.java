package cn.govcloud.guard.hazards.intake.parse;

import static cn.govcloud.guard.hazards.intake.parse.ScanReports.*;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamReader;

/** OpenVAS / Greenbone: {@code results/result} with host, port, nvt (oid, name, refs or the old cve), threat, severity. */
final class OpenVasXml extends ScanWalk {
    /** The format as {@link ScanImporters} lists it (issue 24 point 10), recognised by its root element. */
    static final ScanImporter FORMAT = new XmlFormat(ScanFormat.OPENVAS, java.util.Set.of("report", "get_reports_response"), OpenVasXml::new);

    private int resultDepth = -1;
    private String name;
    private String nvtName;
    private String host;
    private String hostname;
    private String port;
    private String oid;
    private String threat;
    private String severity;
    private String description;

    OpenVasXml(XMLStreamReader r, Consumer<ScanResult> sink) {
        super(r, sink);
    }

    @Override
    boolean opened(String element, int depth) {
        if (resultDepth < 0) {
            if (element.equals("result") && parent(depth).equals("results")) {
                resultDepth = depth;
                itemOpened();
                name = nvtName = host = hostname = port = oid = threat = severity = description = null;
            }
            return false;
        }
        int rel = depth - resultDepth;
        String parent = parent(depth);
        if (rel == 1) {
            return switch (element) {
                case "name", "host", "port", "threat", "severity", "description" -> true;
                case "nvt" -> {
                    oid = r.getAttributeValue(null, "oid");
                    yield false;
                }
                default -> false;
            };
        }
        if (rel == 2 && parent.equals("host")) {
            return element.equals("hostname");
        }
        if (rel == 2 && parent.equals("nvt")) {
            return element.equals("name") || element.equals("cve");
        }
        if (rel == 3 && parent.equals("refs") && element.equals("ref")) {
            String type = r.getAttributeValue(null, "type");
            if (type != null && type.equalsIgnoreCase("cve")) {
                addCves(cves, r.getAttributeValue(null, "id"));
            }
        }
        return false;
    }

    @Override
    void closed(String element, int depth, String text) {
        if (resultDepth < 0) {
            return;
        }
        int rel = depth - resultDepth;
        if (rel == 0) {
            emit();
            resultDepth = -1;
            return;
        }
        String parent = parent(depth);
        if (rel == 1 && text != null) {
            switch (element) {
                case "name" -> name = text;
                case "host" -> host = text;
                case "port" -> port = text;
                case "threat" -> threat = text;
                case "severity" -> severity = text;
                case "description" -> description = text;
                default -> { }
            }
        } else if (rel == 2 && text != null && parent.equals("host")) {
            hostname = text;
        } else if (rel == 2 && text != null && parent.equals("nvt")) {
            if (element.equals("name")) {
                nvtName = text;
            } else {
                addCves(cves, text); // the old layout: <cve>CVE-2014-3566, CVE-2016-2183</cve> or NOCVE
            }
        }
    }

    private void emit() {
        MalformedInput.Part what = part("hazards.intake.parse.result");
        String h = clip(blankToNull(host), 255);
        String o = clip(blankToNull(oid), 200);
        if (h == null) {
            throw MalformedInput.of("hazards.intake.parse.noHost", what);
        }
        if (o == null) {
            throw MalformedInput.of("hazards.intake.parse.noOid", what);
        }
        String p = blankToNull(port);
        Double score = score(severity, what);
        if (notAFinding(score, threat)) {
            return; // GVM marks overridden false positives −1.0 and failed checks −3.0: neither is a vulnerability
        }
        Severity level = score != null ? Severity.ofScore(score) : threat(threat, what);
        String title = oneLine(blankToNull(nvtName) != null ? nvtName : name);
        sink.accept(new ScanResult(ScanFormat.OPENVAS.name(), o, clip(hostOf(h), 255), clip(blankToNull(hostname), 255), p == null ? "general/tcp" : clip(p, 50),
                title == null ? o : clip(title, 500), level, score, List.copyOf(cves), clip(paragraphs(description), MAX_TEXT)));
    }

    /** Greenbone's special severities: −1.0 False Positive, −2.0 Debug, −3.0 Error (and the threats that say so). */
    static boolean notAFinding(Double score, String threat) {
        if (score != null && score < 0) {
            return true;
        }
        String t = blankToNull(threat);
        return t != null && (t.equalsIgnoreCase("false positive") || t.equalsIgnoreCase("error") || t.equalsIgnoreCase("debug"));
    }

    private static Severity threat(String threat, Object what) {
        String t = blankToNull(threat);
        if (t == null) {
            throw MalformedInput.of("hazards.intake.parse.noThreat", what);
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "high", "alarm" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            case "log", "none" -> Severity.INFO;
            default -> throw MalformedInput.of("hazards.intake.parse.unknownThreat", what, clip(t, 30));
        };
    }
}

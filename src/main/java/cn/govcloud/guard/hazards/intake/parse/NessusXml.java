package cn.govcloud.guard.hazards.intake.parse;

import static cn.govcloud.guard.hazards.intake.parse.ScanReports.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamReader;

/** Nessus v2: {@code ReportHost} (the {@code host-ip} tag over the name) with its {@code ReportItem}s. */
final class NessusXml extends ScanWalk {
    /** The format as {@link ScanImporters} lists it (issue 24 point 10), recognised by its root element. */
    static final ScanImporter FORMAT = new XmlFormat(ScanFormat.NESSUS, java.util.Set.of("NessusClientData_v2"), NessusXml::new);

    private final List<ScanResult> waiting = new ArrayList<>();
    private String hostName;
    private String hostIp;
    private String fqdn;
    private boolean propertiesRead;
    private String tag;
    private int itemDepth = -1;
    private String pluginId;
    private String pluginName;
    private String portText;
    private String protocol;
    private String severityText;
    private String cvss3;
    private String cvss2;
    private String synopsis;
    private String output;

    NessusXml(XMLStreamReader r, Consumer<ScanResult> sink) {
        super(r, sink);
    }

    @Override
    boolean opened(String element, int depth) {
        String parent = parent(depth);
        if (element.equals("ReportHost") && parent.equals("Report")) {
            hostName = r.getAttributeValue(null, "name");
            hostIp = fqdn = null;
            propertiesRead = false;
            waiting.clear();
            return false;
        }
        if (element.equals("tag") && parent.equals("HostProperties")) {
            tag = r.getAttributeValue(null, "name");
            return "host-ip".equals(tag) || "host-fqdn".equals(tag);
        }
        if (element.equals("ReportItem") && parent.equals("ReportHost")) {
            itemDepth = depth;
            itemOpened();
            pluginId = r.getAttributeValue(null, "pluginID");
            pluginName = r.getAttributeValue(null, "pluginName");
            portText = r.getAttributeValue(null, "port");
            protocol = r.getAttributeValue(null, "protocol");
            severityText = r.getAttributeValue(null, "severity");
            cvss3 = cvss2 = synopsis = output = null;
            return false;
        }
        if (itemDepth >= 0 && depth == itemDepth + 1) {
            return switch (element) {
                case "cve", "cvss3_base_score", "cvss_base_score", "synopsis", "plugin_output" -> true;
                default -> false;
            };
        }
        return false;
    }

    @Override
    void closed(String element, int depth, String text) {
        if (itemDepth >= 0 && depth == itemDepth + 1 && text != null) {
            switch (element) {
                case "cve" -> addCves(cves, text);
                case "cvss3_base_score" -> cvss3 = text;
                case "cvss_base_score" -> cvss2 = text;
                case "synopsis" -> synopsis = text;
                case "plugin_output" -> output = text;
                default -> { }
            }
        } else if (itemDepth >= 0 && depth == itemDepth) {
            itemDepth = -1;
            ScanResult item = item();
            if (propertiesRead) {
                sink.accept(withHost(item));
            } else {
                waiting.add(item);
            }
        } else if (element.equals("tag") && text != null) {
            if ("host-ip".equals(tag)) {
                hostIp = text;
            } else if ("host-fqdn".equals(tag)) {
                fqdn = text;
            }
        } else if (element.equals("HostProperties")) {
            propertiesRead = true;
            flush();
        } else if (element.equals("ReportHost")) {
            flush();
            propertiesRead = false;
        }
    }

    private void flush() {
        for (ScanResult item : waiting) {
            sink.accept(withHost(item));
        }
        waiting.clear();
    }

    private ScanResult withHost(ScanResult item) {
        String host = blankToNull(hostIp) != null ? hostIp : hostName;
        host = clip(hostOf(host), 255);
        if (host == null) {
            throw MalformedInput.of("hazards.intake.parse.noReportHost", String.valueOf(line()));
        }
        return new ScanResult(item.scanner(), item.pluginId(), host, clip(blankToNull(fqdn), 255), item.port(), item.name(),
                item.severity(), item.score(), item.cves(), item.text());
    }

    private ScanResult item() {
        MalformedInput.Part what = part("hazards.intake.parse.reportItem");
        String plugin = clip(blankToNull(pluginId), 200);
        if (plugin == null) {
            throw MalformedInput.of("hazards.intake.parse.noPlugin", what);
        }
        Severity level;
        String s = blankToNull(severityText);
        if (s == null) {
            throw MalformedInput.of("hazards.intake.parse.noSeverity", what);
        }
        switch (s) {
            case "0" -> level = Severity.INFO;
            case "1" -> level = Severity.LOW;
            case "2" -> level = Severity.MEDIUM;
            case "3" -> level = Severity.HIGH;
            case "4" -> level = Severity.CRITICAL;
            default -> throw MalformedInput.of("hazards.intake.parse.badSeverity", what, clip(s, 20));
        }
        String proto = blankToNull(protocol) == null ? "tcp" : clip(protocol.strip().toLowerCase(Locale.ROOT), 10);
        String p = blankToNull(portText);
        int port;
        try {
            port = p == null ? 0 : Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw MalformedInput.of("hazards.intake.parse.portNaN", what, clip(p, 20));
        }
        if (port < 0 || port > 65535) {
            throw MalformedInput.of("hazards.intake.parse.portRange", what, String.valueOf(port));
        }
        Double score = score(cvss3, what);
        if (score == null) {
            score = score(cvss2, what);
        }
        String text = blankToNull(synopsis);
        String out = blankToNull(output);
        if (out != null) {
            text = text == null ? out : text + "\n\n" + out;
        }
        String title = oneLine(pluginName);
        return new ScanResult(ScanFormat.NESSUS.name(), plugin, null, null, (port == 0 ? "general" : String.valueOf(port)) + "/" + proto,
                title == null ? plugin : clip(title, 500), level, score, List.copyOf(cves), clip(paragraphs(text), MAX_TEXT));
    }
}

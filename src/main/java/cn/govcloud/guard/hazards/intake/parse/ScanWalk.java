package cn.govcloud.guard.hazards.intake.parse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamReader;

/**
 * The streaming read of an XML scan report (Nessus, OpenVAS): where its results go, how many items it has opened (a
 * refusal names the item by its number and line) and the CVEs of the item being read.
 */
abstract class ScanWalk extends XmlWalk {
    final Consumer<ScanResult> sink;
    final Set<String> cves = new LinkedHashSet<>();
    private int count;

    ScanWalk(XMLStreamReader r, Consumer<ScanResult> sink) {
        super(r);
        this.sink = sink;
    }

    /** An item (a Nessus ReportItem, an OpenVAS result) begins: counted, with no CVEs yet. */
    void itemOpened() {
        count++;
        cves.clear();
    }

    /** The item being read, for a refusal: {@code key} (e.g. 第 {0} 个结果，第 {1} 行) with its number and line. */
    MalformedInput.Part part(String key) {
        return new MalformedInput.Part(key, String.valueOf(count), String.valueOf(line()));
    }
}

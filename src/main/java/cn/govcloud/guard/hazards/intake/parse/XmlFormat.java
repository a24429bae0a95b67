package cn.govcloud.guard.hazards.intake.parse;

import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** An XML scan format: its name, the root elements that are its, and the {@link XmlWalk} that reads a report of it. */
record XmlFormat(ScanFormat scanFormat, Set<String> roots, BiFunction<XMLStreamReader, Consumer<ScanResult>, XmlWalk> walk)
        implements ScanImporter {

    @Override
    public String format() {
        return scanFormat.name();
    }

    @Override
    public boolean recognisesRoot(String root) {
        return roots.contains(root);
    }

    @Override
    public void read(XMLStreamReader reader, Consumer<ScanResult> sink) throws XMLStreamException {
        walk.apply(reader, sink).read();
    }
}

package cn.govcloud.guard.hazards.intake.parse;

import java.io.InputStream;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One scanner's report format (issue 24 point 10): a new format is one class implementing this, one
 * line in {@link ScanImporters#ALL}, and a test with a sample file. The format is recognised from the
 * content, never from the file name: an XML format by its root element (the platform opens the
 * hardened StAX reader — no DTD, no external entities, a byte limit — and hands it over on the root),
 * any other format by the first 8 KB of text. Every reader streams: a result goes to the sink as soon
 * as it is read. Bad input of any kind ends in {@link MalformedInput}, with a message key so the
 * uploader reads the reason in the UI's language.
 */
public interface ScanImporter {

    /** The format's name, recorded on the import (at most 20 characters), e.g. {@code OPENVAS}, {@code GREENBONE_CSV}. */
    String format();

    /** An XML format: whether a report with this root element is this format's. */
    default boolean recognisesRoot(String root) {
        return false;
    }

    /** An XML format: reads the whole report; the reader stands on the root element. */
    default void read(XMLStreamReader reader, Consumer<ScanResult> sink) throws XMLStreamException {
        throw new UnsupportedOperationException(format() + " is not an XML format");
    }

    /** A text format (CSV …): whether a report beginning with {@code head} (its first 8 KB, a BOM removed) is this format's. */
    default boolean recognises(String head) {
        return false;
    }

    /** A text format: reads the whole report from its first byte; {@code in} already enforces the byte limit. */
    default void read(InputStream in, Consumer<ScanResult> sink) {
        throw new UnsupportedOperationException(format() + " is not a text format");
    }
}

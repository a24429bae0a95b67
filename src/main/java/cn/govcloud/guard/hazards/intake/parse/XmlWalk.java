package cn.govcloud.guard.hazards.intake.parse;

import static cn.govcloud.guard.hazards.intake.parse.ScanReports.*;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The element stack of a streaming read: one frame per open element, with a text buffer when the
 * reader wants that element's direct text.
 */
abstract class XmlWalk {
    final XMLStreamReader r;
    final List<String> names = new ArrayList<>();
    final List<StringBuilder> texts = new ArrayList<>();

    XmlWalk(XMLStreamReader r) {
        this.r = r;
    }

    void read() throws XMLStreamException {
        // the root element is current
        open();
        while (r.hasNext()) {
            int event = r.next();
            refuseDtd(event);
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (names.size() >= MAX_DEPTH) {
                    throw MalformedInput.of("hazards.intake.parse.tooDeep", String.valueOf(MAX_DEPTH), String.valueOf(r.getLocation().getLineNumber()));
                }
                open();
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                int depth = names.size() - 1;
                StringBuilder text = texts.remove(depth);
                String name = names.remove(depth);
                closed(name, depth, text == null ? null : text.toString());
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                StringBuilder text = texts.isEmpty() ? null : texts.get(texts.size() - 1);
                if (text != null && text.length() < MAX_TEXT) {
                    int room = MAX_TEXT - text.length();
                    int length = Math.min(room, r.getTextLength());
                    text.append(r.getTextCharacters(), r.getTextStart(), length);
                }
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
        }
        if (!names.isEmpty()) {
            throw MalformedInput.of("hazards.intake.parse.unclosed");
        }
    }

    private void open() {
        String name = r.getLocalName();
        int depth = names.size();
        names.add(name);
        texts.add(opened(name, depth) ? new StringBuilder() : null);
    }

    String parent(int depth) {
        return depth > 0 ? names.get(depth - 1) : "";
    }

    int line() {
        return r.getLocation() == null ? -1 : r.getLocation().getLineNumber();
    }

    /** An element opened at {@code depth}; return true to collect its direct text. */
    abstract boolean opened(String name, int depth);

    abstract void closed(String name, int depth, String text);
}

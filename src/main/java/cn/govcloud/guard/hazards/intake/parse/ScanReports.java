package cn.govcloud.guard.hazards.intake.parse;

import java.io.CharConversionException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming readers for scan reports (A10.1): OpenVAS / Greenbone XML and Nessus v2. The format is
 * recognised from the root element; each result goes to the consumer as soon as it is read, so
 * memory stays flat whatever the size of the file (a Nessus host's items wait only until the host's
 * properties have been read, which Nessus writes first). Hardened StAX (RECIPES.md "Import
 * formats"): no DTD, no external entities — a DOCTYPE is refused outright, which also refuses entity
 * expansion bombs — and a byte limit. Bad input of any kind ends in {@link MalformedInput}.
 */
public final class ScanReports {
    /** Longest text kept of one field (a plugin output can be megabytes; the rest is dropped while reading). */
    public static final int MAX_TEXT = 8_000;
    static final int MAX_DEPTH = 64;
    static final int MAX_CVES = 1_000;
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,7}", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPLIT = Pattern.compile("[,;\\s]+");

    private ScanReports() {
    }

    /** The JDK's own StAX implementation (not whichever is on the class path), hardened. */
    static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not loaded: " + systemId);
        });
        return factory;
    }

    /** OpenVAS / Greenbone XML (issue 24 point 10: one of the {@link ScanImporters}). */
    static final ScanImporter OPENVAS_XML = OpenVasXml.FORMAT;

    /** Nessus v2 XML. */
    static final ScanImporter NESSUS_XML = NessusXml.FORMAT;

    /**
     * Reads a whole report, handing each result to {@code sink}: XML (the first thing in the file is
     * {@code <}) by its root element, anything else by its first 8 KB, each through the first of
     * {@link ScanImporters#ALL} that recognises it.
     *
     * @return the format recognised, as {@link ScanImporter#format()}
     * @throws MalformedInput for anything but a complete, well-formed report of a known format within {@code maxBytes}
     */
    public static String parse(InputStream in, long maxBytes, Consumer<ScanResult> sink) {
        XMLStreamReader reader = null;
        try {
            java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(new LimitedInputStream(in, maxBytes), 8192);
            String head = head(buffered);
            if (!head.isEmpty() && head.charAt(0) != '<') {
                for (ScanImporter importer : ScanImporters.ALL) {
                    if (importer.recognises(head)) {
                        try {
                            importer.read(buffered, sink);
                        } catch (java.io.UncheckedIOException e) {
                            throw e.getCause(); // over the limit: said below with the limit
                        }
                        return importer.format();
                    }
                }
                throw MalformedInput.of("hazards.intake.parse.unknownFormat");
            }
            checkDeclaredEncoding(buffered);
            reader = hardenedFactory().createXMLStreamReader(buffered);
            int event = reader.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT) {
                refuseDtd(event);
                if (!reader.hasNext()) {
                    throw MalformedInput.of("hazards.intake.parse.noRoot");
                }
                event = reader.next();
            }
            String root = reader.getLocalName();
            for (ScanImporter importer : ScanImporters.ALL) {
                if (importer.recognisesRoot(root)) {
                    importer.read(reader, sink);
                    return importer.format();
                }
            }
            throw MalformedInput.of("hazards.intake.parse.wrongRoot", clip(root, 60));
        } catch (XMLStreamException e) {
            throw translate(e, maxBytes);
        } catch (MalformedInput e) {
            throw e;
        } catch (RuntimeException e) {
            // the JDK's parser itself sometimes fails on garbage with an unchecked exception (found by fuzzing: a bad
            // character inside a skipped DTD ends in MissingResourceException "InvalidCharInDTD"); that is bad input too
            if (fromXmlParser(e)) {
                throw MalformedInput.of(e, "hazards.intake.parse.gaveUp", e.getClass().getSimpleName());
            }
            throw e;
        } catch (java.io.IOException e) {
            throw e instanceof LimitedInputStream.TooLarge ? MalformedInput.of(e, "hazards.intake.parse.tooLarge", LimitedInputStream.megabytes(maxBytes))
                    : MalformedInput.of(e, "hazards.intake.parse.unreadable");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException | RuntimeException ignored) {
                    // the reader holds nothing worth reporting; the caller closes the stream
                }
            }
        }
    }

    /**
     * The first 8 KB as text (UTF-8, or UTF-16 by its byte order mark), the BOM and leading white space removed; the
     * stream is left where it was. Only to recognise a format: an XML file starts with {@code <}.
     */
    static String head(java.io.BufferedInputStream in) throws java.io.IOException {
        in.mark(8192 + 16);
        byte[] bytes = in.readNBytes(8192);
        in.reset();
        java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            charset = java.nio.charset.StandardCharsets.UTF_16;
        }
        String text = new String(bytes, charset);
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\uFEFF' || Character.isWhitespace(text.charAt(start)))) {
            start++;
        }
        return text.substring(start);
    }

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");

    /**
     * An XML declaration written in single bytes that names a two- or four-byte encoding (UTF-16 or
     * UTF-32) contradicts itself: the parser would only say "content is not allowed in prolog", so the
     * uploader is told what is wrong. An encoding Java does not know is refused the same way.
     */
    static void checkDeclaredEncoding(java.io.BufferedInputStream in) throws java.io.IOException {
        in.mark(256);
        byte[] head = in.readNBytes(200);
        in.reset();
        String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("\uFEFF") || !ascii.startsWith("<?xml")) {
            return;
        }
        java.util.regex.Matcher m = DECLARED.matcher(ascii);
        if (!m.find()) {
            return;
        }
        String declared = m.group(1).toUpperCase(Locale.ROOT);
        if (declared.startsWith("UTF-16") || declared.startsWith("UTF-32") || declared.startsWith("UCS")) {
            throw MalformedInput.of("hazards.intake.parse.declaredWide", declared);
        }
        boolean known;
        try {
            known = java.nio.charset.Charset.isSupported(declared);
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            known = false; // found by fuzzing: a name like ".UTF-8" is not even a legal charset name
        }
        if (!known) {
            throw MalformedInput.of("hazards.intake.parse.unknownEncoding", declared);
        }
    }

    /** Whether an unchecked exception came out of the JDK's XML parser rather than out of this class. */
    static boolean fromXmlParser(RuntimeException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("cn.govcloud.guard.")) {
                return false;
            }
            if (c.startsWith("com.sun.org.apache.xerces.") || c.startsWith("com.sun.xml.internal.stream.")) {
                return true;
            }
        }
        return false;
    }

    static void refuseDtd(int event) {
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
                || event == XMLStreamConstants.ENTITY_DECLARATION) {
            throw MalformedInput.of("hazards.intake.parse.doctype", "");
        }
    }

    static MalformedInput translate(XMLStreamException e, long maxBytes) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof LimitedInputStream.TooLarge) {
                return MalformedInput.of(e, "hazards.intake.parse.tooLarge", LimitedInputStream.megabytes(maxBytes));
            }
            if (t instanceof CharConversionException) {
                return MalformedInput.of(e, "hazards.intake.parse.badBytes", where(e));
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.indexOf("Message: ");
        String reason = at >= 0 ? message.substring(at + 9) : message;
        if (reason.contains("must start and end within the same entity") || reason.contains("end of file")) {
            return MalformedInput.of(e, "hazards.intake.parse.truncated", where(e));
        }
        if (reason.contains("DOCTYPE") || reason.contains("DTD") || reason.contains("referenced, but not declared")) {
            return MalformedInput.of(e, "hazards.intake.parse.doctype", where(e));
        }
        if (reason.toLowerCase(Locale.ROOT).contains("encoding")) {
            return MalformedInput.of(e, "hazards.intake.parse.encoding", where(e), clip(reason, 200));
        }
        return MalformedInput.of(e, "hazards.intake.parse.notWellFormed", where(e), clip(reason, 200));
    }

    private static Throwable next(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static Object where(XMLStreamException e) {
        return e.getLocation() == null || e.getLocation().getLineNumber() < 0 ? ""
                : new MalformedInput.Part("hazards.intake.parse.lineColumn", String.valueOf(e.getLocation().getLineNumber()),
                        String.valueOf(e.getLocation().getColumnNumber()));
    }

    static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A name on one line: every run of white space (line breaks and tabs from the scanner's layout) one space. */
    static String oneLine(String s) {
        String t = blankToNull(s);
        return t == null ? null : t.replaceAll("\\s+", " ");
    }

    /**
     * A description as a reader wants it: lines trimmed, runs of spaces and tabs one space, at most one empty
     * line between paragraphs (GVM indents its text with the XML around it).
     */
    static String paragraphs(String s) {
        String t = blankToNull(s);
        if (t == null) {
            return null;
        }
        return t.replace("\r\n", "\n").replace('\r', '\n').lines().map(l -> l.strip().replaceAll("[ \\t\\x0B\\f]+", " "))
                .collect(java.util.stream.Collectors.joining("\n")).replaceAll("\n{3,}", "\n\n");
    }

    /**
     * The host a result names: a web-application scanner (Tenable WAS) names the application by its URL,
     * which is matched by its host name like any registered domain.
     */
    static String hostOf(String s) {
        String t = blankToNull(s);
        if (t != null && t.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            try {
                String host = java.net.URI.create(t.replace(" ", "%20")).getHost();
                if (host != null && !host.isBlank()) {
                    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host.toLowerCase(Locale.ROOT);
                }
            } catch (IllegalArgumentException e) {
                // not a URL after all: the text as given
            }
        }
        return t;
    }

    static void addCves(Set<String> into, String text) {
        if (text == null) {
            return;
        }
        for (String token : SPLIT.split(text)) {
            if (into.size() < MAX_CVES && CVE.matcher(token).matches()) {
                into.add(token.toUpperCase(Locale.ROOT));
            }
        }
    }

    static Double score(String text, Object what) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            if (Double.isNaN(d) || d < -10 || d > 10) {
                throw MalformedInput.of("hazards.intake.parse.scoreRange", what, clip(t, 20));
            }
            return d;
        } catch (NumberFormatException e) {
            throw MalformedInput.of("hazards.intake.parse.scoreNaN", what, clip(t, 20));
        }
    }

    /** For tests and the benchmark: how many results a stream holds, nothing kept. */
    public static long count(InputStream in, long maxBytes) {
        long[] n = new long[1];
        parse(in, maxBytes, r -> n[0]++);
        return n[0];
    }
}

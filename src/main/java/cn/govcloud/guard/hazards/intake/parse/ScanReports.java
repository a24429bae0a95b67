package cn.govcloud.guard.hazards.intake.parse;

import java.io.CharConversionException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    static final ScanImporter OPENVAS_XML = new ScanImporter() {
        @Override
        public String format() {
            return ScanFormat.OPENVAS.name();
        }

        @Override
        public boolean recognisesRoot(String root) {
            return root.equals("report") || root.equals("get_reports_response");
        }

        @Override
        public void read(XMLStreamReader reader, Consumer<ScanResult> sink) throws XMLStreamException {
            new OpenVas(reader, sink).read();
        }
    };

    /** Nessus v2 XML. */
    static final ScanImporter NESSUS_XML = new ScanImporter() {
        @Override
        public String format() {
            return ScanFormat.NESSUS.name();
        }

        @Override
        public boolean recognisesRoot(String root) {
            return root.equals("NessusClientData_v2");
        }

        @Override
        public void read(XMLStreamReader reader, Consumer<ScanResult> sink) throws XMLStreamException {
            new Nessus(reader, sink).read();
        }
    };

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

    /**
     * The element stack of a streaming read: one frame per open element, with a text buffer when the
     * reader wants that element's direct text.
     */
    private abstract static class Walk {
        final XMLStreamReader r;
        final List<String> names = new ArrayList<>();
        final List<StringBuilder> texts = new ArrayList<>();

        Walk(XMLStreamReader r) {
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

    /** OpenVAS / Greenbone: {@code results/result} with host, port, nvt (oid, name, refs or the old cve), threat, severity. */
    private static final class OpenVas extends Walk {
        private final Consumer<ScanResult> sink;
        private int resultDepth = -1;
        private int count;
        private String name;
        private String nvtName;
        private String host;
        private String hostname;
        private String port;
        private String oid;
        private String threat;
        private String severity;
        private String description;
        private final Set<String> cves = new LinkedHashSet<>();

        OpenVas(XMLStreamReader r, Consumer<ScanResult> sink) {
            super(r);
            this.sink = sink;
        }

        @Override
        boolean opened(String element, int depth) {
            if (resultDepth < 0) {
                if (element.equals("result") && parent(depth).equals("results")) {
                    resultDepth = depth;
                    count++;
                    name = nvtName = host = hostname = port = oid = threat = severity = description = null;
                    cves.clear();
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
            MalformedInput.Part what = new MalformedInput.Part("hazards.intake.parse.result", String.valueOf(count), String.valueOf(line()));
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

    /** Nessus v2: {@code ReportHost} (the {@code host-ip} tag over the name) with its {@code ReportItem}s. */
    private static final class Nessus extends Walk {
        private final Consumer<ScanResult> sink;
        private final List<ScanResult> waiting = new ArrayList<>();
        private int count;
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
        private final Set<String> cves = new LinkedHashSet<>();

        Nessus(XMLStreamReader r, Consumer<ScanResult> sink) {
            super(r);
            this.sink = sink;
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
                count++;
                pluginId = r.getAttributeValue(null, "pluginID");
                pluginName = r.getAttributeValue(null, "pluginName");
                portText = r.getAttributeValue(null, "port");
                protocol = r.getAttributeValue(null, "protocol");
                severityText = r.getAttributeValue(null, "severity");
                cvss3 = cvss2 = synopsis = output = null;
                cves.clear();
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
            MalformedInput.Part what = new MalformedInput.Part("hazards.intake.parse.reportItem", String.valueOf(count), String.valueOf(line()));
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

    /** For tests and the benchmark: how many results a stream holds, nothing kept. */
    public static long count(InputStream in, long maxBytes) {
        long[] n = new long[1];
        parse(in, maxBytes, r -> n[0]++);
        return n[0];
    }
}

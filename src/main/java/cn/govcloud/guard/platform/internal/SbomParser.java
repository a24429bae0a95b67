package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.shared.Unprocessable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;

/**
 * A5.5: reads a CycloneDX SBOM (JSON or XML, recognised from the content) with cyclonedx-core-java
 * into de-duplicated components. Hostile input is refused whole: more than {@code maxBytes}
 * (counted while reading, never buffered beyond it), an XML document with a DOCTYPE (no DTD, so no
 * XXE or entity expansion: checked with a hardened StAX pass before the library sees the bytes),
 * a file that is not CycloneDX, or one without a single named component.
 */
public final class SbomParser {
    /** A component as the register keys it: purl when there is one, else name + version. */
    public record Parsed(String key, String kind, String name, String version, String purl, String supplier, String licenses,
                         String description) {
    }

    public record Sbom(String format, String specVersion, String subject, List<Parsed> components) {
    }

    private static final int MAX_COMPONENTS = 200_000;
    private static final int MAX_DEPTH = 32;
    private static final List<String> OPEN_ECOSYSTEMS = List.of("npm", "maven", "pypi", "golang", "cargo", "gem", "nuget", "deb", "apk",
            "rpm", "composer", "conda", "cocoapods", "swift", "hex", "pub", "github", "alpm", "hackage", "cran", "conan");

    private SbomParser() {
    }

    /** Reads at most {@code maxBytes + 1} bytes; more is refused (422) without reading the rest. */
    public static byte[] readLimited(InputStream in, long maxBytes) throws IOException {
        byte[] head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (head.length > maxBytes) {
            throw new Unprocessable("platform.sbom.error.tooLarge");
        }
        return head;
    }

    public static Sbom parse(byte[] bytes) {
        int i = 0;
        // a UTF-8 byte-order mark and white space before the first character
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i >= bytes.length) {
            throw new Unprocessable("platform.sbom.error.empty");
        }
        Bom bom;
        String format;
        try {
            if (bytes[i] == '{') {
                format = "JSON";
                requireCycloneDxJson(bytes);
                bom = new JsonParser().parse(bytes);
            } else if (bytes[i] == '<') {
                format = "XML";
                refuseDoctype(bytes); // and anything whose root is not a CycloneDX bom (a scan report sent here by mistake)
                bom = new XmlParser().parse(bytes);
            } else {
                throw new Unprocessable("platform.sbom.error.format");
            }
        } catch (ParseException | RuntimeException e) {
            if (e instanceof Unprocessable u) {
                throw u;
            }
            throw new Unprocessable("platform.sbom.error.malformed");
        }
        if (bom == null || (bom.getBomFormat() == null && "JSON".equals(format)) || bom.getSpecVersion() == null && "JSON".equals(format)) {
            throw new Unprocessable("platform.sbom.error.notCycloneDx");
        }
        if ("JSON".equals(format) && !"CycloneDX".equals(bom.getBomFormat())) {
            throw new Unprocessable("platform.sbom.error.notCycloneDx");
        }
        Map<String, Parsed> byKey = new LinkedHashMap<>();
        int[] notSoftware = new int[1];
        collect(bom.getComponents(), byKey, 0, notSoftware);
        if (byKey.isEmpty()) {
            throw new Unprocessable(notSoftware[0] > 0 ? "platform.sbom.error.noSoftware" : "platform.sbom.error.noComponents");
        }
        String subject = null;
        if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
            subject = trim(bom.getMetadata().getComponent().getName(), 300);
        }
        return new Sbom(format, bom.getSpecVersion(), subject == null ? "" : subject, new ArrayList<>(byKey.values()));
    }

    /**
     * Entries of a CBOM or HBOM that are not software a supplier delivers: cryptographic assets (algorithms,
     * keys, certificates), hardware devices and data sets. They are not third-party components, so no
     * assessment or agreement is asked for them (A5.5); the software inside a device is still collected.
     */
    static final java.util.Set<Component.Type> NOT_SOFTWARE = java.util.EnumSet.of(Component.Type.CRYPTOGRAPHIC_ASSET,
            Component.Type.DEVICE, Component.Type.DATA);

    private static void collect(List<Component> components, Map<String, Parsed> byKey, int depth, int[] notSoftware) {
        if (components == null) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new Unprocessable("platform.sbom.error.malformed");
        }
        for (Component c : components) {
            if (c == null) {
                continue;
            }
            if (c.getType() != null && NOT_SOFTWARE.contains(c.getType())) {
                notSoftware[0]++;
                collect(c.getComponents(), byKey, depth + 1, notSoftware);
                continue;
            }
            String name = trim(c.getName(), 300);
            if (name == null) {
                throw new Unprocessable("platform.sbom.error.componentName");
            }
            String version = trim(c.getVersion(), 100);
            String purl = trim(c.getPurl(), 500);
            String key = purl != null ? "purl:" + purl : "nv:" + name.toLowerCase(Locale.ROOT) + "@" + (version == null ? "" : version);
            String supplier = c.getSupplier() != null ? trim(c.getSupplier().getName(), 300) : trim(c.getPublisher(), 300);
            String licenses = trim(licenses(c.getLicenses()), 500);
            String kind = open(purl, licenses) ? "OPEN_SOURCE" : "THIRD_PARTY";
            byKey.putIfAbsent(key, new Parsed(key, kind, name, version, purl, supplier, licenses, trim(c.getDescription(), 1000)));
            if (byKey.size() > MAX_COMPONENTS) {
                throw new Unprocessable("platform.sbom.error.tooMany");
            }
            collect(c.getComponents(), byKey, depth + 1, notSoftware);
        }
    }

    /** Open source when the package comes from a public ecosystem or carries a licence; otherwise a third-party (commercial) component. */
    static boolean open(String purl, String licenses) {
        if (licenses != null) {
            return true;
        }
        if (purl == null || !purl.startsWith("pkg:")) {
            return false;
        }
        int slash = purl.indexOf('/');
        String type = (slash < 0 ? purl.substring(4) : purl.substring(4, slash)).toLowerCase(Locale.ROOT);
        return OPEN_ECOSYSTEMS.contains(type);
    }

    private static String licenses(LicenseChoice choice) {
        if (choice == null) {
            return null;
        }
        if (choice.getExpression() != null) {
            return choice.getExpression().getValue();
        }
        if (choice.getLicenses() == null || choice.getLicenses().isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        choice.getLicenses().forEach(l -> names.add(l.getId() != null ? l.getId() : l.getName()));
        names.removeIf(n -> n == null);
        return names.isEmpty() ? null : String.join(" OR ", names);
    }

    private static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    /**
     * A JSON document whose top level says {@code "bomFormat": "CycloneDX"}, read with a streaming parser
     * (nothing kept): an OSV file, a SARIF report or an EVE log sent here is "not CycloneDX", not malformed.
     */
    static void requireCycloneDxJson(byte[] bytes) {
        try (tools.jackson.core.JsonParser p = JSON_FACTORY.createParser(tools.jackson.core.ObjectReadContext.empty(), bytes)) {
            if (p.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
                throw new Unprocessable("platform.sbom.error.notCycloneDx");
            }
            while (p.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                tools.jackson.core.JsonToken value = p.nextToken();
                if ("bomFormat".equals(field)) {
                    if (value == tools.jackson.core.JsonToken.VALUE_STRING && "CycloneDX".equals(p.getString())) {
                        return;
                    }
                    break;
                }
                p.skipChildren();
            }
        } catch (tools.jackson.core.JacksonException e) {
            throw new Unprocessable("platform.sbom.error.malformed");
        }
        throw new Unprocessable("platform.sbom.error.notCycloneDx");
    }

    private static final tools.jackson.core.json.JsonFactory JSON_FACTORY = new tools.jackson.core.json.JsonFactory();

    /** A hardened StAX pass: no DTD support, no external entities; any DOCTYPE refuses the file, and so does a root that is not a CycloneDX bom. */
    static void refuseDoctype(byte[] bytes) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        try {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                        throw new Unprocessable("platform.sbom.error.doctype");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && depth == 0) {
                        String ns = r.getNamespaceURI();
                        if (!"bom".equals(r.getLocalName()) || ns == null || !ns.startsWith("http://cyclonedx.org/schema/bom")) {
                            throw new Unprocessable("platform.sbom.error.notCycloneDx");
                        }
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && ++depth > 256) {
                        throw new Unprocessable("platform.sbom.error.malformed");
                    }
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new Unprocessable("platform.sbom.error.malformed");
        }
    }
}

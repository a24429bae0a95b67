package cn.govcloud.guard.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The client side of the CAS protocol 3.0 (issue 21 point 1; apereo.github.io/cas/7.2.x/protocol/CAS-Protocol-Specification.html):
 * the browser is sent to {@code server/login?service=…}, comes back with a service ticket, and the ticket is validated
 * server to server at {@code server/p3/serviceValidate?service=…&ticket=…}. The answer's {@code cas:user} and
 * {@code cas:attributes} are read with an XML parser that refuses DTDs (no external entities).
 */
class CasClient {
    static final String NS = "http://www.yale.edu/tp/cas";

    /** A validated ticket: the CAS username and the released attributes (first value of each). */
    record Principal(String user, Map<String, String> attributes) {
        String value(String attribute) {
            return attribute == null || attribute.isBlank() ? user : attributes.get(attribute);
        }
    }

    /** The CAS server refused the ticket ({@code code}: INVALID_TICKET, INVALID_SERVICE …) or could not be asked. */
    static class Refused extends Exception {
        final String code;

        Refused(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    CasClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    static String loginUrl(String server, String service) {
        return server + "/login?service=" + encode(service);
    }

    Principal validate(String server, String service, String ticket) throws Refused {
        URI uri = URI.create(server + "/p3/serviceValidate?service=" + encode(service) + "&ticket=" + encode(ticket));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Refused("UNREACHABLE", "the CAS server " + server + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("UNREACHABLE", "interrupted");
        }
        if (response.statusCode() != 200) {
            throw new Refused("HTTP_" + response.statusCode(), "the CAS server answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static Principal parse(byte[] xml) throws Refused {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new Refused("INVALID_RESPONSE", "the CAS answer is not XML: " + e.getMessage());
        }
        NodeList failures = doc.getElementsByTagNameNS(NS, "authenticationFailure");
        if (failures.getLength() > 0) {
            Element failure = (Element) failures.item(0);
            throw new Refused(failure.getAttribute("code"), failure.getTextContent().strip());
        }
        NodeList successes = doc.getElementsByTagNameNS(NS, "authenticationSuccess");
        if (successes.getLength() == 0) {
            throw new Refused("INVALID_RESPONSE", "the CAS answer has neither authenticationSuccess nor authenticationFailure");
        }
        Element success = (Element) successes.item(0);
        NodeList users = success.getElementsByTagNameNS(NS, "user");
        if (users.getLength() == 0 || users.item(0).getTextContent().isBlank()) {
            throw new Refused("INVALID_RESPONSE", "the CAS answer names no user");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        NodeList attributeBlocks = success.getElementsByTagNameNS(NS, "attributes");
        if (attributeBlocks.getLength() > 0) {
            for (Node n = attributeBlocks.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    attributes.putIfAbsent(e.getLocalName(), e.getTextContent().strip());
                }
            }
        }
        return new Principal(users.item(0).getTextContent().strip(), attributes);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

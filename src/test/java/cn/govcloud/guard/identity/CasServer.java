package cn.govcloud.guard.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small CAS server speaking protocol 3.0 (apereo.github.io/cas/…/CAS-Protocol-Specification.html) on the JDK's
 * HTTP server, for the 统一身份认证 tests (issue 21 point 1): no usable CAS server comes from Maven Central, so this
 * one implements the two endpoints a CAS client uses, by the specification:
 * <ul>
 * <li>{@code /cas/login?service=…} (§2.1): the person is taken as already signed in at CAS ({@link #signedIn}); a new
 *     service ticket {@code ST-…} is issued for that service and the browser sent to {@code service?ticket=ST-…};</li>
 * <li>{@code /cas/p3/serviceValidate?service=…&ticket=…} (§2.5, §2.6): a ticket validates once only — it is spent by
 *     the first validation attempt, whatever its outcome (§3.1.1); the service must be the one the ticket was issued
 *     for, else {@code INVALID_SERVICE} (and the ticket is spent too); the answer is the {@code cas:serviceResponse}
 *     XML with {@code cas:user} and {@code cas:attributes} (§2.5.2).</li>
 * </ul>
 */
final class CasServer implements AutoCloseable {
    private record Ticket(String service, String user) {
    }

    private final HttpServer server;
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Who has a CAS single sign-on session in the browser. */
    volatile String signedIn;

    CasServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cas/login", this::login);
        server.createContext("/cas/p3/serviceValidate", this::validate);
        server.start();
    }

    /** The CAS prefix the platform is configured with. */
    String prefix() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cas";
    }

    /** A service ticket as /login would issue it, for any service. */
    String issue(String service, String user) {
        String ticket = "ST-" + HexFormat.of().formatHex(random.generateSeed(16)) + "-test-cas";
        tickets.put(ticket, new Ticket(service, user));
        return ticket;
    }

    private void login(HttpExchange exchange) throws IOException {
        String service = query(exchange).get("service");
        if (service == null || signedIn == null) {
            answer(exchange, 400, "text/plain", "no service, or nobody signed in");
            return;
        }
        String ticket = issue(service, signedIn);
        exchange.getResponseHeaders().add("Location", service + (service.contains("?") ? "&" : "?") + "ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        answer(exchange, 302, "text/plain", "");
    }

    private void validate(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange);
        String service = q.get("service");
        String ticketId = q.get("ticket");
        if (service == null || ticketId == null) {
            answer(exchange, 200, "application/xml", failure("INVALID_REQUEST", "service and ticket are required"));
            return;
        }
        Ticket ticket = tickets.remove(ticketId); // single use: spent by this attempt, whatever comes of it
        if (ticket == null) {
            answer(exchange, 200, "application/xml", failure("INVALID_TICKET", "Ticket " + ticketId + " not recognized"));
            return;
        }
        if (!ticket.service().equals(service)) {
            answer(exchange, 200, "application/xml", failure("INVALID_SERVICE",
                    "Ticket " + ticketId + " does not match supplied service. The original service was " + ticket.service()));
            return;
        }
        answer(exchange, 200, "application/xml", """
                <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
                  <cas:authenticationSuccess>
                    <cas:user>%s</cas:user>
                    <cas:attributes>
                      <cas:employeeNumber>EMP-%s</cas:employeeNumber>
                      <cas:loginName>%s</cas:loginName>
                      <cas:isFromNewLogin>true</cas:isFromNewLogin>
                    </cas:attributes>
                  </cas:authenticationSuccess>
                </cas:serviceResponse>""".formatted(ticket.user(), ticket.user(), ticket.user()));
    }

    private static String failure(String code, String text) {
        return """
                <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
                  <cas:authenticationFailure code="%s">%s</cas:authenticationFailure>
                </cas:serviceResponse>""".formatted(code, text);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

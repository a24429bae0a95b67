package cn.govcloud.guard.ticketing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service desk's ticket intake on the JDK's HTTP server: keeps every POST (headers and body) and answers with the status
 * it is set to; a 2xx answer carries the desk's own ticket number {@code {"ticketId":"ITSM-<n>"}}.
 */
final class DeskPeer implements AutoCloseable {
    record Post(String eventId, String timestamp, String signature, String contentType, String body, int answered) {
    }

    final List<Post> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger(1000);
    private final HttpServer server;
    volatile int status = 200;

    DeskPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int answer = status;
            var h = exchange.getRequestHeaders();
            posts.add(new Post(h.getFirst("X-Govguard-Event-Id"), h.getFirst("X-Govguard-Timestamp"), h.getFirst("X-Govguard-Signature"),
                    h.getFirst("Content-Type"), body, answer));
            byte[] reply = (answer / 100 == 2 ? "{\"ticketId\":\"ITSM-" + numbers.incrementAndGet() + "\",\"status\":\"new\"}"
                    : "{\"error\":\"desk under maintenance\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/govguard/tickets?token=itsm-token";
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}

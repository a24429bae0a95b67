package cn.govcloud.guard.siem;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A SIEM's HTTP collector on the JDK's server: keeps every POST (headers and body), answers with the status it is set to. */
final class WebhookPeer implements AutoCloseable {
    record Post(String contentType, String signature, String timestamp, String sequence, int answered, String body) {
    }

    final List<Post> posts = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    volatile int status = 200;

    WebhookPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int answer = status;
            var h = exchange.getRequestHeaders();
            posts.add(new Post(h.getFirst("Content-Type"), h.getFirst("X-Govguard-Signature"), h.getFirst("X-Govguard-Timestamp"),
                    h.getFirst("X-Govguard-Sequence"), answer, body));
            byte[] reply = (answer / 100 == 2 ? "ok" : "collector unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest/govguard?token=s3cr3t";
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

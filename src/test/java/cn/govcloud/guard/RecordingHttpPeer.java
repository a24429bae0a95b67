package cn.govcloud.guard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receiving end of an outbound integration in a test (a SIEM's collector, a service desk), on the JDK's HTTP server:
 * keeps every request as the subclass records it and answers with the status it is set to.
 */
public abstract class RecordingHttpPeer<P> implements AutoCloseable {
    public final List<P> posts = new CopyOnWriteArrayList<>();
    public volatile int status = 200;
    private final HttpServer server;
    private boolean closed;

    protected RecordingHttpPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int answer = status;
            posts.add(record(exchange.getRequestHeaders(), body, answer));
            byte[] reply = reply(answer).getBytes(StandardCharsets.UTF_8);
            if (replyType() != null) {
                exchange.getResponseHeaders().add("Content-Type", replyType());
            }
            exchange.sendResponseHeaders(answer, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    /** One request as the test wants to look at it. */
    protected abstract P record(Headers headers, String body, int answered);

    /** The body of the answer with this status. */
    protected abstract String reply(int answer);

    /** The answer's content type; none by default. */
    protected String replyType() {
        return null;
    }

    /** The peer's address on this machine with {@code path}, e.g. {@code /ingest?token=…}. */
    protected String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}

package cn.govcloud.guard.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in group robot (DingTalk / WeCom / Feishu) on the JDK's HTTP server: records each request, answers from a script. */
public final class RobotServer implements AutoCloseable {
    public record Request(String method, String path, String query, String contentType, String body) {
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer otherwise;

    public RobotServer(String okBody) throws IOException {
        this.otherwise = new Answer(200, okBody);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? otherwise : script.poll();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Answers these first, in order, then {@link #always}'s answer. */
    RobotServer then(int status, String body) {
        synchronized (script) {
            script.add(new Answer(status, body));
        }
        return this;
    }

    RobotServer always(int status, String body) {
        otherwise = new Answer(status, body);
        return this;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

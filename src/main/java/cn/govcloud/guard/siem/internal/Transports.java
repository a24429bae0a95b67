package cn.govcloud.guard.siem.internal;

import cn.govcloud.guard.audit.AuditRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Puts a batch on the wire and says whether the peer took it: for TCP and TLS, every frame written and flushed,
 * then an orderly close (our side shut, the peer's end or a quiet moment awaited) that would surface a reset;
 * for a webhook, a 2xx answer; for UDP, the datagrams handed to the network — UDP cannot know more (RFC 5426).
 * Every failure is an {@link IOException} whose message is shown to the administrator. A socket write has no
 * timeout in Java, so a watchdog closes a connection that is still busy after connect + request timeout: a peer
 * that stops reading cannot hold the scheduler's thread.
 */
@Component
class Transports implements DisposableBean {
    static final String SIGNATURE = "X-Govguard-Signature";
    static final String TIMESTAMP = "X-Govguard-Timestamp";
    static final String SEQUENCE = "X-Govguard-Sequence";

    private final SiemSettings settings;
    private final Events events;
    private final Clock clock;
    /** One HTTP client per trusted CA text (null: the JVM's trust store): Java 17's client cannot be closed. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "siem-watchdog");
        t.setDaemon(true);
        return t;
    });

    Transports(SiemSettings settings, Events events, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    void send(Endpoint e, List<AuditRecord> batch) throws IOException {
        switch (e.kind()) {
            case SYSLOG_TLS, SYSLOG_TCP -> stream(e, batch.stream().map(events::syslog).toList());
            case SYSLOG_UDP -> datagrams(e, batch.stream().map(events::syslog).toList());
            case WEBHOOK -> post(e, events.webhookBody(batch, e.ndjson()), batch.get(0).id() + "-" + batch.get(batch.size() - 1).id());
        }
    }

    /** A test message, formatted as a real record would be. */
    void sendTest(Endpoint e, AuditRecord test) throws IOException {
        send(e, List.of(test));
    }

    private void stream(Endpoint e, List<byte[]> messages) throws IOException {
        int timeout = (int) settings.requestTimeout().toMillis();
        try (Socket socket = connect(e)) {
            ScheduledFuture<?> guard = watchdog.schedule(() -> closeQuietly(socket),
                    settings.connectTimeout().plus(settings.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
            try {
                write(socket, messages, timeout);
            } finally {
                guard.cancel(false);
            }
        } catch (GeneralSecurityException ex) {
            throw new IOException("TLS: " + ex.getMessage(), ex);
        }
    }

    private static void write(Socket socket, List<byte[]> messages, int timeout) throws IOException {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        for (byte[] m : messages) {
            out.write(Rfc5424.octetCounted(m));
        }
        out.flush();
        // an orderly close: a peer that died or refused the stream answers with a reset here rather than never
        socket.shutdownOutput(); // TLS: close_notify, the peer may answer with its own and close
        socket.setSoTimeout(Math.min(timeout, 2000));
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // syslog peers do not answer; drain until they close
            }
        } catch (SocketTimeoutException quiet) {
            // the peer keeps the connection open: everything was written and flushed without a reset
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing to unblock a stalled write; the writer reports the failure
        }
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }

    private Socket connect(Endpoint e) throws IOException, GeneralSecurityException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(e.host(), e.port()), (int) settings.connectTimeout().toMillis());
            plain.setSoTimeout((int) settings.requestTimeout().toMillis());
            if (e.kind() != cn.govcloud.guard.siem.Kind.SYSLOG_TLS) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) Targets.tls(e.caPem()).getSocketFactory().createSocket(plain, e.host(), e.port(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host we dialled (RFC 5425 §5.2)
            tls.setSSLParameters(params);
            tls.startHandshake();
            return tls;
        } catch (IOException | GeneralSecurityException | RuntimeException ex) {
            plain.close();
            throw ex;
        }
    }

    private void datagrams(Endpoint e, List<byte[]> messages) throws IOException {
        InetAddress address = InetAddress.getByName(e.host());
        try (DatagramSocket socket = new DatagramSocket()) {
            for (byte[] m : messages) {
                socket.send(new DatagramPacket(m, m.length, address, e.port()));
            }
        }
    }

    private void post(Endpoint e, byte[] body, String sequence) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(e.target())).timeout(settings.requestTimeout())
                .header("Content-Type", (e.ndjson() ? "application/x-ndjson" : "application/json") + "; charset=utf-8")
                .header(SEQUENCE, sequence)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (e.secret() != null) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request.header(TIMESTAMP, timestamp).header(SIGNATURE, "sha256=" + signature(e.secret(), timestamp, body));
        }
        HttpResponse<String> response;
        try {
            response = client(e.caPem()).send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        } catch (GeneralSecurityException ex) {
            throw new IOException("TLS: " + ex.getMessage(), ex);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new IOException("HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
        }
    }

    /** Hex HMAC-SHA256 under the destination's key over {@code timestamp + "." + body}: a receiver checks origin and freshness. */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    private HttpClient client(String caPem) throws GeneralSecurityException, IOException {
        String key = caPem == null ? "" : caPem;
        HttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        HttpClient created = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(Targets.tls(caPem)).build();
        HttpClient raced = clients.putIfAbsent(key, created);
        return raced == null ? created : raced;
    }
}

package cn.govcloud.guard.hazards.intake.syslog;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The listening sockets (issue 21 point 3): UDP (RFC 5426, one message per datagram), TCP (RFC 6587) and TCP with TLS
 * (RFC 5425). On a stream each message is either octet-counted ({@code 123 <34>1 …}) or ends at a newline, told apart
 * by its first byte, so a sender may use either. A sender not allowed is counted and dropped at once (its TCP
 * connection closed); an allowed sender's lines go to {@link SyslogPipeline#accept}, which never blocks. Each node
 * runs its own receiver (behind a load balancer); the intake's replay detection and grouping are shared through the
 * database. Off unless a port is set in {@link SyslogSettings}.
 */
@Component
public class SyslogReceiver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SyslogReceiver.class);
    /** TCP and TLS connections served at once; one more is closed at once (and counted as refused). */
    static final int MAX_CONNECTIONS = 256;

    private final SyslogSettings settings;
    private final SyslogPipeline pipeline;
    private final Set<java.io.Closeable> open = ConcurrentHashMap.newKeySet();
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private volatile boolean running;
    private volatile int udpPort = -1;
    private volatile int tcpPort = -1;
    private volatile int tlsPort = -1;

    SyslogReceiver(SyslogSettings settings, SyslogPipeline pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
    }

    /** The bound ports (-1: off), for the page and for tests that asked for a free port. */
    public int udpPort() {
        return udpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        try {
            InetAddress bind = settings.bindAddress().isEmpty() ? null : InetAddress.getByName(settings.bindAddress());
            if (settings.udpPort() != null) {
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bind, settings.udpPort()));
                udp.setReceiveBufferSize(4 * 1024 * 1024);
                open.add(udp);
                udpPort = udp.getLocalPort();
                thread("syslog-udp", () -> udp(udp));
            }
            if (settings.tcpPort() != null) {
                ServerSocket tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(bind, settings.tcpPort()), 200);
                open.add(tcp);
                tcpPort = tcp.getLocalPort();
                thread("syslog-tcp", () -> accept(tcp, "tcp"));
            }
            if (settings.tlsPort() != null) {
                SSLServerSocket tls = (SSLServerSocket) tlsContext().getServerSocketFactory().createServerSocket();
                tls.bind(new InetSocketAddress(bind, settings.tlsPort()), 200);
                open.add(tls);
                tlsPort = tls.getLocalPort();
                thread("syslog-tls", () -> accept(tls, "tls"));
            }
            log.info("syslog receiver on node {}: udp {}, tcp {}, tls {}", settings.node(), udpPort, tcpPort, tlsPort);
        } catch (IOException | GeneralSecurityException e) {
            stop();
            throw new IllegalStateException("syslog receiver: cannot open its sockets (govguard.syslog.*): " + e.getMessage(), e);
        }
    }

    private SSLContext tlsContext() throws IOException, GeneralSecurityException {
        if (settings.tlsKeystore() == null || settings.tlsKeystore().isBlank()) {
            throw new GeneralSecurityException("govguard.syslog.tls-port is set but govguard.syslog.tls-keystore is not");
        }
        char[] password = settings.tlsKeystorePassword() == null ? new char[0] : settings.tlsKeystorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance(settings.tlsKeystoreType());
        try (InputStream in = new FileInputStream(settings.tlsKeystore())) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void udp(DatagramSocket socket) {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                InetAddress from = packet.getAddress();
                String sender = from.getHostAddress();
                if (!pipeline.allowed(from)) {
                    pipeline.refuse(sender);
                    continue;
                }
                int length = packet.getLength();
                while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r' || buffer[length - 1] == 0)) {
                    length--;
                }
                if (length > 0) {
                    pipeline.accept(sender, buffer, 0, length);
                }
            } catch (IOException e) {
                if (running) {
                    log.warn("syslog receiver: udp: {}", e.getMessage());
                }
            }
        }
    }

    private void accept(ServerSocket server, String transport) {
        while (running) {
            try {
                Socket socket = server.accept();
                String sender = socket.getInetAddress().getHostAddress();
                if (!pipeline.allowed(socket.getInetAddress()) || !connections.tryAcquire()) {
                    pipeline.refuse(sender);
                    socket.close();
                    continue;
                }
                open.add(socket);
                thread("syslog-" + transport + "-" + sender, () -> {
                    try (socket) {
                        stream(socket.getInputStream(), sender);
                    } catch (IOException e) {
                        // the sender went away (or the TLS handshake failed): nothing to keep
                    } finally {
                        open.remove(socket);
                        connections.release();
                    }
                });
            } catch (IOException e) {
                if (running) {
                    log.warn("syslog receiver: {}: {}", transport, e.getMessage());
                }
            }
        }
    }

    /** Reads messages until the stream ends: octet-counted when a frame starts with a digit, else up to the newline. */
    void stream(InputStream raw, String sender) throws IOException {
        InputStream in = new BufferedInputStream(raw, 65_536);
        int max = settings.maxLineBytes();
        byte[] line = new byte[max];
        while (true) {
            int b = in.read();
            while (b == '\n' || b == '\r' || b == ' ' || b == 0) {
                b = in.read();
            }
            if (b < 0) {
                return;
            }
            if (b >= '0' && b <= '9') {
                long length = b - '0';
                while ((b = in.read()) >= '0' && b <= '9' && length < 100_000_000) {
                    length = length * 10 + (b - '0');
                }
                if (b != ' ') {
                    return; // not RFC 6587 framing: the stream cannot be resynchronised
                }
                int n = 0;
                for (long i = 0; i < length; i++) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (n < max) {
                        line[n++] = (byte) c;
                    }
                }
                while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
                    n--;
                }
                if (n > 0) {
                    pipeline.accept(sender, line, 0, n);
                }
            } else {
                int n = 0;
                line[n++] = (byte) b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (n < max) {
                        line[n++] = (byte) b;
                    }
                }
                while (n > 0 && line[n - 1] == '\r') {
                    n--;
                }
                pipeline.accept(sender, line, 0, n);
                if (b < 0) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        for (java.io.Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}

package cn.govcloud.guard.siem.internal;

import cn.govcloud.guard.siem.Kind;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reading and checking what a destination points at: {@code host:port} (IPv6 in brackets) for syslog with the
 * standard ports when left out (6514 for TLS, RFC 5425; 514 for TCP and UDP), an http(s) URL for a webhook, and
 * the PEM CA certificates a TLS peer is trusted by.
 */
final class Targets {
    private Targets() {
    }

    static void check(Kind kind, String target, Map<String, String> errors) {
        if (target == null || target.length() > 1000) {
            errors.put("target", "siem.error.target");
            return;
        }
        if (kind == Kind.WEBHOOK) {
            try {
                URI uri = URI.create(target);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || uri.getUserInfo() != null) {
                    errors.put("target", "siem.error.url");
                }
            } catch (IllegalArgumentException e) {
                errors.put("target", "siem.error.url");
            }
            return;
        }
        String host = host(target);
        int port = port(kind, target);
        if (host == null || host.isEmpty() || !host.matches("[A-Za-z0-9.\\-:_]+") || port < 1 || port > 65535) {
            errors.put("target", "siem.error.hostPort");
        }
    }

    /** What the pages and the API show: host and port, or the URL up to its host (a path may carry a token). */
    static String shown(Kind kind, String target) {
        if (kind == Kind.WEBHOOK) {
            URI uri = URI.create(target);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
        }
        String host = host(target);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port(kind, target);
    }

    static String host(String target) {
        String t = target.strip();
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            return end < 0 ? null : t.substring(1, end);
        }
        int colon = t.lastIndexOf(':');
        return colon < 0 ? t : t.substring(0, colon);
    }

    static int port(Kind kind, String target) {
        String t = target.strip();
        int close = t.lastIndexOf(']');
        int colon = t.lastIndexOf(':');
        if (colon < 0 || colon < close) {
            return kind == Kind.SYSLOG_TLS ? 6514 : 514;
        }
        try {
            return Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The certificates of a PEM text (one or more); empty when it holds none or cannot be read. */
    static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }

    /** TLS that trusts exactly these CA certificates; the JVM's trust store when {@code pem} is null. */
    static SSLContext tls(String pem) throws java.security.GeneralSecurityException, java.io.IOException {
        if (pem == null) {
            return SSLContext.getDefault();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(pem)) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

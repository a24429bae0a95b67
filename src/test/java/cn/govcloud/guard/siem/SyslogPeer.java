package cn.govcloud.guard.siem;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A syslog collector for the tests: RFC 5425 (octet-counted RFC 5424 frames) over TLS with a self-signed
 * certificate made here with BouncyCastle (for 127.0.0.1 and localhost), or over plain TCP. Reads each
 * connection to its end, keeps every frame, and can be stopped and started again on the same port to play an
 * outage.
 */
final class SyslogPeer implements AutoCloseable {
    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    private final boolean tls;
    private final SSLContext context;
    private final String caPem;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private int port;

    SyslogPeer(boolean tls) throws Exception {
        this.tls = tls;
        if (tls) {
            KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
            X509Certificate cert = selfSigned(keys);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), "x".toCharArray(), new java.security.cert.Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "x".toCharArray());
            context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            caPem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } else {
            context = null;
            caPem = null;
        }
        start();
    }

    /** The PEM of the server's (self-signed) certificate: what the destination is told to trust. */
    String caPem() {
        return caPem;
    }

    int port() {
        return port;
    }

    List<SyslogMessage> messages() {
        return frames.stream().map(SyslogMessage::parse).toList();
    }

    synchronized void start() throws IOException {
        ServerSocket s = tls ? context.getServerSocketFactory().createServerSocket() : new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = s.getLocalPort();
        server = s;
        Thread t = new Thread(() -> accept(s), "syslog-peer-" + port);
        t.setDaemon(true);
        t.start();
    }

    /** The collector goes down: the listening socket and every open connection close. */
    synchronized void stop() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                open.add(c);
                Thread t = new Thread(() -> read(c), "syslog-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Octet counting (RFC 5425 §4.3): MSG-LEN SP SYSLOG-MSG, repeated until the sender closes. */
    private void read(Socket c) {
        try (c; InputStream in = new BufferedInputStream(c.getInputStream())) {
            while (true) {
                int length = 0;
                int b = in.read();
                if (b < 0) {
                    return;
                }
                if (b < '1' || b > '9') {
                    throw new IOException("MSG-LEN must start with a non-zero digit, got " + b);
                }
                while (b != ' ') {
                    if (b < '0' || b > '9') {
                        throw new IOException("MSG-LEN digit expected, got " + b);
                    }
                    length = length * 10 + (b - '0');
                    b = in.read();
                }
                frames.add(in.readNBytes(length));
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            open.remove(c);
        }
    }

    /** A self-signed EC certificate (a CA for itself) naming 127.0.0.1 and localhost, valid for a day around now. */
    static X509Certificate selfSigned(KeyPair keys) throws Exception {
        long now = System.currentTimeMillis();
        X500Name name = new X500Name("CN=govguard-siem-test");
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now)));
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
        tbs.setEndDate(new Time(new Date(now + 86_400_000L)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        tbs.setSignature(algorithm);
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        tbs.setExtensions(extensions.generate());
        TBSCertificate certificate = tbs.generateTBSCertificate();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(certificate.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(certificate);
        v.add(algorithm);
        v.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
